// The app's words in Arabic: loaded only when a reader chooses Arabic (see locale.tsx).
import { backOfficeAr } from './catalog/back-office';
import { coreAr } from './catalog/core';
import { deskAr } from './catalog/desk';
import { errorsAr } from './catalog/errors';
import { financeAr } from './catalog/finance';
import { notificationsAr } from './catalog/notifications';
import { schedulerAr } from './catalog/scheduler';
import { type MessageKey } from './messages';

export const ar: Record<MessageKey, string> = {
  ...coreAr,
  ...deskAr,
  ...backOfficeAr,
  ...financeAr,
  ...schedulerAr,
  ...notificationsAr,
  ...errorsAr,
};
