import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase, ok } from '../testing/index.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { User } from './user.entity.js';
import { UserSession } from './user-session.entity.js';
import { signIn, startSession, viewerOfSession } from './sign-in.js';
import { changeUserRole, createUser, issuePasswordReset, listUsers, PASSWORD_RESET_TTL_HOURS, resetPassword } from './staff-accounts.js';

let db: TestDatabase;
let fx: ClinicFixture;
const now = new Date('2026-11-24T05:00:00Z');
const GOOD = 'orbit lantern maple quarry';

beforeAll(async () => {
  db = await createTestDatabase();
  fx = await createClinicFixture(db.orm);
});

afterAll(async () => {
  await db?.drop();
});


const audits = (entityId: string) => db.orm.em.fork().find(AuditEvent, { entityId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
let seq = 0;
const newEmail = () => `staff${(seq += 1)}-${Date.now().toString(36)}@example.test`;

describe('staff accounts', () => {
  it('an admin creates a receptionist with a password, who can then sign in; audited without the password', async () => {
    const email = newEmail();
    const { user, passwordReset } = ok(await createUser(fx.context('ADMIN', now), { email: ` ${email.toUpperCase()} `, name: 'Rana Desk', role: 'RECEPTIONIST', password: GOOD }));
    expect(passwordReset).toBeNull();
    expect(user.email).toBe(email);
    expect((await signIn(db.orm.em.fork(), email, GOOD))?.id).toBe(user.id);
    const [event] = await audits(user.id);
    expect(event).toMatchObject({ operation: 'createUser', after: { email, role: 'RECEPTIONIST', passwordResetIssued: false } });
    expect(JSON.stringify(event?.after)).not.toContain(GOOD);
    expect(ok(await listUsers(fx.context('ADMIN', now))).map((u) => u.id)).toContain(user.id);
  });

  it('refuses what is wrong and changes nothing: role, duplicate email, clinician without provider, weak password, not an admin', async () => {
    const email = newEmail();
    const count = () => db.orm.em.fork().count(User, {});
    const before = await count();
    const cases = [
      [fx.context('RECEPTIONIST', now), { email, name: 'X', role: 'RECEPTIONIST' }, 'FORBIDDEN', undefined],
      [fx.context('ADMIN', now), { email: fx.users.FINANCE.email, name: 'X', role: 'FINANCE' }, 'CONFLICT', 'EMAIL_TAKEN'],
      [fx.context('ADMIN', now), { email, name: 'X', role: 'CLINICIAN' }, 'VALIDATION', 'PROVIDER_REQUIRED'],
      [fx.context('ADMIN', now), { email, name: 'X', role: 'CLINICIAN', providerId: fx.provider.id }, 'CONFLICT', 'PROVIDER_HAS_ACCOUNT'],
      [fx.context('ADMIN', now), { email, name: 'X', role: 'FINANCE', providerId: fx.secondProvider.id }, 'VALIDATION', 'PROVIDER_ONLY_FOR_CLINICIAN'],
      [fx.context('ADMIN', now), { email, name: 'X', role: 'OWNER' }, 'VALIDATION', undefined],
      [fx.context('ADMIN', now), { email: 'not-an-email', name: 'X', role: 'FINANCE' }, 'VALIDATION', 'NOT_AN_EMAIL'],
      [fx.context('ADMIN', now), { email, name: 'X', role: 'FINANCE', password: 'password1234' }, 'VALIDATION', 'WEAK_PASSWORD'],
    ] as const;
    for (const [context, input, code, reason] of cases) {
      const result = await createUser(context, input);
      expect(result.ok ? 'ok' : [result.error.code, result.error.detail?.reason], JSON.stringify(input)).toEqual([code, reason]);
    }
    expect(await count()).toBe(before);
  });

  it('without a password, a one-time link: weak password refused, then set once; reused, replaced or expired links refused', async () => {
    const email = newEmail();
    const created = ok(await createUser(fx.context('ADMIN', now), { email, name: 'Omar Clinician', role: 'CLINICIAN', providerId: fx.secondProvider.id }));
    const link = created.passwordReset!;
    expect(link.expiresAt.getTime() - now.getTime()).toBe(PASSWORD_RESET_TTL_HOURS * 3600_000);
    expect(await signIn(db.orm.em.fork(), email, GOOD)).toBeNull();

    const weak = await resetPassword({ em: db.orm.em.fork(), now }, { token: link.token, newPassword: 'omar clinician' });
    expect(weak.ok ? null : weak.error.field).toEqual(['input', 'newPassword']);
    const later = new Date(now.getTime() + 3600_000);
    ok(await resetPassword({ em: db.orm.em.fork(), now: later }, { token: link.token, newPassword: GOOD }));
    expect((await signIn(db.orm.em.fork(), email, GOOD))?.id).toBe(created.user.id);
    const again = await resetPassword({ em: db.orm.em.fork(), now: later }, { token: link.token, newPassword: `${GOOD} two` });
    expect(again.ok ? null : again.error.detail?.reason).toBe('PASSWORD_RESET_INVALID');

    // A new link replaces the open one; a link past its expiry does nothing.
    const first = ok(await issuePasswordReset(fx.context('ADMIN', later), { userId: created.user.id }));
    const second = ok(await issuePasswordReset(fx.context('ADMIN', later), { userId: created.user.id }));
    const replaced = await resetPassword({ em: db.orm.em.fork(), now: later }, { token: first.token, newPassword: `${GOOD} two` });
    expect(replaced.ok).toBe(false);
    const expired = await resetPassword({ em: db.orm.em.fork(), now: second.expiresAt }, { token: second.token, newPassword: `${GOOD} two` });
    expect(expired.ok).toBe(false);
    expect((await signIn(db.orm.em.fork(), email, GOOD))?.id).toBe(created.user.id);
    expect((await audits(created.user.id)).map((e) => e.operation).sort()).toEqual(['createUser', 'issuePasswordReset', 'issuePasswordReset', 'resetPassword']);
  });

  it('a reset ends every session of the account', async () => {
    const email = newEmail();
    const { user } = ok(await createUser(fx.context('ADMIN', now), { email, name: 'Huda Finance', role: 'FINANCE', password: GOOD }));
    const session = await startSession(db.orm.em.fork(), (await signIn(db.orm.em.fork(), email, GOOD))!, { now, ttlSeconds: 3600 });
    const { token } = ok(await issuePasswordReset(fx.context('ADMIN', now), { userId: user.id }));
    ok(await resetPassword({ em: db.orm.em.fork(), now }, { token, newPassword: `${GOOD} new` }));
    expect(await viewerOfSession(db.orm.em.fork(), { sessionId: session.id, userId: user.id, tenantId: fx.tenant.id }, now)).toBeNull();
    expect(await db.orm.em.fork().count(UserSession, { user: user.id, endReason: 'PASSWORD_CHANGED' })).toBe(1);
  });

  it('an admin changes a role, which the next request sees; not their own; audited before and after', async () => {
    const email = newEmail();
    const { user } = ok(await createUser(fx.context('ADMIN', now), { email, name: 'Sami', role: 'RECEPTIONIST', password: GOOD }));
    const session = await startSession(db.orm.em.fork(), user, { now, ttlSeconds: 3600 });
    ok(await changeUserRole(fx.context('ADMIN', now), { userId: user.id, role: 'FINANCE' }));
    const viewer = await viewerOfSession(db.orm.em.fork(), { sessionId: session.id, userId: user.id, tenantId: fx.tenant.id }, now);
    expect(viewer?.actor.role).toBe('FINANCE');
    const own = await changeUserRole(fx.context('ADMIN', now), { userId: fx.users.ADMIN.id, role: 'FINANCE' });
    expect(own.ok ? null : own.error.detail?.reason).toBe('OWN_ACCOUNT');
    const forbidden = await changeUserRole(fx.context('FINANCE', now), { userId: user.id, role: 'ADMIN' });
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    const events = await audits(user.id);
    expect(events.find((e) => e.operation === 'changeUserRole')).toMatchObject({ operation: 'changeUserRole', before: { role: 'RECEPTIONIST' }, after: { role: 'FINANCE' } });
  });
});
