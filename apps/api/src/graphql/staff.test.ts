import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_EMAILS, signIn, startSeededApi, type GraphqlClient, type SeededApi } from '../testing/graphql-client.js';

/** Staff accounts over HTTP: an ADMIN creates one, the person sets a password with the link and signs in; deactivation ends the session. */

let api: SeededApi;
let admin: GraphqlClient;
const PASSWORD = 'orbit lantern maple quarry';

beforeAll(async () => {
  api = await startSeededApi();
  admin = await api.as(DEMO_EMAILS.admin);
});
afterAll(() => api?.close());

const CREATE = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id email role active } passwordReset { token path expiresAt emailedTo } userErrors { code reason field } }
}`;
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { ok userErrors { code reason field } } }`;
const VIEWER = '{ viewer { id role permissions } }';

it('an admin creates a receptionist with a one-time link; she sets her password, signs in, and is offered what her role may do', async () => {
  const created = await admin.data<{ createUser: { user: { id: string; email: string; active: boolean }; passwordReset: { token: string; path: string; emailedTo: string | null } } }>(CREATE, {
    input: { email: 'Rana.Desk@alnoor.test', name: 'Rana Desk', role: 'RECEPTIONIST' },
  });
  expect(created.createUser.user).toMatchObject({ email: 'rana.desk@alnoor.test', active: true });
  const { token, path, emailedTo } = created.createUser.passwordReset;
  expect(path).toBe(`/reset-password/${token}`);
  // No PUBLIC_URL here: the link is not e-mailed, and nothing waits to be sent.
  expect(emailedTo).toBeNull();
  expect((await api.db.sql.query('select 1 from password_reset where email_status is not null or email_token is not null')).rowCount).toBe(0);
  const tokens = await api.db.sql.query<{ token_hash: string }>('select token_hash from password_reset');
  expect(tokens.rows.map((r) => r.token_hash)).not.toContain(token);

  expect((await api.anonymous.data<{ resetPassword: unknown }>(RESET, { input: { token, newPassword: PASSWORD } })).resetPassword).toEqual({ ok: true, userErrors: [] });
  const again = await api.anonymous.data<{ resetPassword: unknown }>(RESET, { input: { token, newPassword: `${PASSWORD} again` } });
  expect(again.resetPassword).toEqual({ ok: false, userErrors: [{ code: 'VALIDATION', reason: 'PASSWORD_RESET_INVALID', field: ['input', 'token'] }] });

  const rana = await signIn(api.url, 'rana.desk@alnoor.test', PASSWORD);
  const viewer = await rana.data<{ viewer: { permissions: string[] } }>(VIEWER);
  expect(viewer.viewer.permissions).toEqual(expect.arrayContaining(['bookAppointment', 'managePatients']));
  expect(viewer.viewer.permissions).not.toContain('manageStaff');
  const users = await rana.request('{ users { id } }');
  expect(users.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);

  // Deactivated: her open session stops at once.
  await admin.data('mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { active } } }', { input: { userId: created.createUser.user.id } });
  const after = await rana.request(VIEWER);
  expect({ status: after.status, codes: after.errors?.map((e) => e.extensions?.['code']) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
});

it('the admin sees every account and its role; finance is offered no booking and no staff', async () => {
  const list = await admin.data<{ users: Array<{ email: string; role: string }> }>('{ users { email role active } }');
  expect(list.users.map((u) => u.email)).toEqual(expect.arrayContaining([DEMO_EMAILS.admin, DEMO_EMAILS.reception, DEMO_EMAILS.finance, DEMO_EMAILS.clinician]));
  const finance = await api.as(DEMO_EMAILS.finance);
  const permissions = (await finance.data<{ viewer: { permissions: string[] } }>(VIEWER)).viewer.permissions;
  expect(permissions).toContain('manageCatalogue');
  expect(permissions).not.toContain('bookAppointment');
  expect(permissions).not.toContain('manageStaff');
  const refused = await admin.data<{ createUser: { userErrors: unknown[] } }>(CREATE, { input: { email: DEMO_EMAILS.finance, name: 'Copy', role: 'FINANCE', password: PASSWORD } });
  expect(refused.createUser.userErrors).toEqual([{ code: 'CONFLICT', reason: 'EMAIL_TAKEN', field: ['input', 'email'] }]);
});

it('the audit log finds the policy change by operation and entity, with before and after; other roles are refused', async () => {
  await admin.data('mutation { setCancellationPolicy(input: { lateCancellationWindowHours: 12, lateCancellationConsumesSession: true, noShowConsumesSession: true }) { userErrors { code } } }');
  const log = await admin.data<{ auditLog: { events: Array<{ operation: string; entityType: string; before: string | null; after: string; actor: { email: string } }>; nextCursor: string | null } }>(
    `{ auditLog(filter: { entityType: "CancellationPolicy", operation: "setCancellationPolicy" }, first: 1) { events { operation entityType before after actor { email } } nextCursor } }`,
  );
  const [event] = log.auditLog.events;
  expect(event).toMatchObject({ operation: 'setCancellationPolicy', entityType: 'CancellationPolicy', actor: { email: DEMO_EMAILS.admin } });
  expect(JSON.parse(event!.after)).toMatchObject({ lateCancellationWindowHours: 12 });
  const finance = await api.as(DEMO_EMAILS.finance);
  const refused = await finance.request('{ auditLog { events { operation } } }');
  expect(refused.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
});
