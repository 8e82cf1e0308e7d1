// The words of reminders, the patient's messages and webhooks, in English and Arabic (ICU message syntax).
export const notificationsEn = {} as const;

export const notificationsAr: Record<keyof typeof notificationsEn, string> = {};
