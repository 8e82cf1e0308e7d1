// The words of server errors by their stable code (userErrors and GraphQL error codes), in English and Arabic (ICU message syntax).
export const errorsEn = {} as const;

export const errorsAr: Record<keyof typeof errorsEn, string> = {};
