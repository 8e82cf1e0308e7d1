export const ROLES = ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'] as const;
export type Role = (typeof ROLES)[number];
