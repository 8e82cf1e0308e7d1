// The words of the front desk, the patient page and booking (issue: the clinic's day), in English and Arabic (ICU message syntax).
export const deskEn = {} as const;

export const deskAr: Record<keyof typeof deskEn, string> = {};
