// The words of money: invoices, payments, receipts, refunds, fees, waivers, the liability report, in English and Arabic (ICU message syntax).
export const financeEn = {} as const;

export const financeAr: Record<keyof typeof financeEn, string> = {};
