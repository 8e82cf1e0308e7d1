import { afterAll, beforeAll, it } from 'vitest';
import { startSeededApi, type SeededApi } from '../testing/graphql-client.js';

let api: SeededApi;
beforeAll(async () => { api = await startSeededApi(); });
afterAll(() => api.close());

it('explores', async () => {
  const admin = await api.as('admin@alnoor.test');
  const log = (label: string, x: unknown) => console.log(label, JSON.stringify(x, null, 1).slice(0, 3000));
  log('clinics', (await admin.request('{ clinics { id nameEn timeZone } providers { id name clinics { nameEn } } services { id code } packages { id nameEn totalSessions } }')).data);
  log('patients', (await admin.request('{ patients(first: 3) { id mrn nameEn packagePurchases { id status sessionsUsed } } }')).data);
  log('appointments', (await admin.request('{ appointments(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { id number status startsAt } } } }')).data);
  log('bad date', await admin.request('mutation { schedulePackage(input: { packagePurchaseId: "x", startDate: "2026-02-30" }) { userErrors { code } } }'));
  log('bad datetime', await admin.request('mutation { rescheduleAppointment(input: { appointmentId: "x", startsAt: "2026-02-30T09:00:00Z" }) { userErrors { code } } }'));
  log('bad datetime2', await admin.request('mutation { rescheduleAppointment(input: { appointmentId: "x", startsAt: "2026-02-10T25:00:00Z" }) { userErrors { code } } }'));
  log('first 1000', await admin.request('{ appointments(first: 1000) { totalCount } }'));
  log('first huge', await admin.request('{ appointments(first: 99999999999) { totalCount } }'));
  log('anon', await api.anonymous.request('{ clinics { id } }'));
  log('anon viewer', await api.anonymous.request('{ viewer { id } }'));
  log('revoke bad', await admin.request('mutation { revokeApiToken(input: { tokenId: "nope" }) { userErrors { code } } }'));
  log('huge pkg', (await admin.request('mutation($n: String!) { createPackage(input: { nameEn: $n, nameAr: "x", price: "1", validityDays: 10, services: [] }) { userErrors { code field } } }', { n: 'x'.repeat(200000) })).text.slice(0, 500));
});
