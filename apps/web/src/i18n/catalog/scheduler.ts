// The words of the scheduler: preferences, preview, alternatives, series moves, expiry risk, waitlist, in English and Arabic (ICU message syntax).
export const schedulerEn = {} as const;

export const schedulerAr: Record<keyof typeof schedulerEn, string> = {};
