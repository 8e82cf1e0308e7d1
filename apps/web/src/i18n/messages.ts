// The app's words in English and Arabic, in ICU message syntax (`{name}`, and
// `{count, plural, one {…} other {…}}` where a number decides the form), formatted by
// `t()` in locale.tsx. Each area of the app keeps its words in its own file under catalog/.
import { backOfficeAr, backOfficeEn } from './catalog/back-office';
import { coreAr, coreEn } from './catalog/core';
import { deskAr, deskEn } from './catalog/desk';
import { errorsAr, errorsEn } from './catalog/errors';
import { financeAr, financeEn } from './catalog/finance';
import { notificationsAr, notificationsEn } from './catalog/notifications';
import { schedulerAr, schedulerEn } from './catalog/scheduler';

export const en = {
  ...coreEn,
  ...deskEn,
  ...backOfficeEn,
  ...financeEn,
  ...schedulerEn,
  ...notificationsEn,
  ...errorsEn,
} as const;

export type MessageKey = keyof typeof en;

export const ar: Record<MessageKey, string> = {
  ...coreAr,
  ...deskAr,
  ...backOfficeAr,
  ...financeAr,
  ...schedulerAr,
  ...notificationsAr,
  ...errorsAr,
};
