import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
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

/**
 * The demo accounts when the server holds the demo data; none otherwise, and while it is asked.
 * A sign-in page the server painted with them (apps/api/src/http/web-app.ts writes them when it
 * holds the demo data) is its answer already: the app keeps them and does not ask again.
 */
export function useDemoAccounts(): readonly DemoAccount[] {
  const [painted] = useState(() => typeof document !== 'undefined' && document.querySelector('#root > .sign-in-page [data-demo-accounts]') !== null);
  const { data } = useQuery(InstallationQueryDocument, { fetchPolicy: 'cache-first', skip: painted });
  return (data ? data.installation.demo : painted) ? DEMO_ACCOUNTS : [];
}
