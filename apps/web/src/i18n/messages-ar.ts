// The app's words in Arabic: loaded only when a reader chooses Arabic (see locale.tsx).
import { backOfficeAr } from './catalog/back-office.ar';
import { coreAr } from './catalog/core.ar';
import { deskAr } from './catalog/desk.ar';
import { errorsAr } from './catalog/errors.ar';
import { financeAr } from './catalog/finance.ar';
import { notificationsAr } from './catalog/notifications.ar';
import { schedulerAr } from './catalog/scheduler.ar';
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
