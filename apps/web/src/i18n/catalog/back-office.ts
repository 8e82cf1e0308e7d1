// The words of the settings area: staff, catalogue, providers, closures, policy, tokens, audit log, in English and Arabic (ICU message syntax).
export const backOfficeEn = {} as const;

export const backOfficeAr: Record<keyof typeof backOfficeEn, string> = {};
