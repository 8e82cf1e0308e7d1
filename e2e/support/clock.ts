/**
 * "Today" for the whole suite: Tuesday 24 November 2026, 08:00 in Riyadh. The server's clock
 * starts here (CLOCK_START) and so does the browser's, so dates in assertions never drift.
 */
export const TODAY = new Date('2026-11-24T05:00:00Z');
export const CLINIC_ZONE = 'Asia/Riyadh';
