// The app's words in English and Arabic, in ICU message syntax (`{name}`, and
// `{count, plural, one {…} other {…}}` where a number decides the form), formatted by
// `t()` in locale.tsx. Each area of the app keeps its words in its own file under catalog/.
// The Arabic words are in messages-ar.ts, loaded only when Arabic is chosen.
import { backOfficeEn } from './catalog/back-office';
import { coreEn } from './catalog/core';
import { deskEn } from './catalog/desk';
import { errorsEn } from './catalog/errors';
import { financeEn } from './catalog/finance';
import { notificationsEn } from './catalog/notifications';
import { schedulerEn } from './catalog/scheduler';

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
