// The demo data's accounts (README: "Demo accounts"). This is a demo product: the sign-in page
// always lists them so that anyone can try every role.
export const DEMO_PASSWORD = 'demo-pass-2026';

export interface DemoAccount {
  email: string;
  role: 'ADMIN' | 'RECEPTIONIST' | 'FINANCE' | 'CLINICIAN';
  tenant: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@alnoor.test', role: 'ADMIN', tenant: 'Al Noor Rehabilitation Center' },
  { email: 'reception@alnoor.test', role: 'RECEPTIONIST', tenant: 'Al Noor Rehabilitation Center' },
  { email: 'finance@alnoor.test', role: 'FINANCE', tenant: 'Al Noor Rehabilitation Center' },
  { email: 'clinician@alnoor.test', role: 'CLINICIAN', tenant: 'Al Noor Rehabilitation Center' },
  { email: 'admin@darshifa.test', role: 'ADMIN', tenant: 'Dar Al Shifa Therapy' },
  { email: 'reception@darshifa.test', role: 'RECEPTIONIST', tenant: 'Dar Al Shifa Therapy' },
];
