import { useQuery } from '@apollo/client/react';
import { InstallationQueryDocument } from '../graphql/generated';

// The demo data's accounts (README: "Demo accounts"). The sign-in page lists them, so that
// anyone can try every role, only when the server says it holds the demo data: a real
// installation never shows them.
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

/** The demo accounts when the server holds the demo data; none otherwise, and while it is asked. */
export function useDemoAccounts(): readonly DemoAccount[] {
  const { data } = useQuery(InstallationQueryDocument, { fetchPolicy: 'cache-first' });
  return data?.installation.demo ? DEMO_ACCOUNTS : [];
}
