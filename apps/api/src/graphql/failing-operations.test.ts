import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  GraphqlClient,
  TEST_SESSION_SECRET,
  globalIdFromSql,
  globalIdOf,
  internalsIn,
  loadCatalogue,
  postGraphql,
  problemCode,
  purchaseOfPatient,
  sessionOfPatient,
  sqlRows,
  startSeededApi,
  stateFingerprint,
  uuidOf,
  type Catalogue,
  type GraphqlAnswer,
  type SeededApi,
  type UserErrors,
} from '../testing/graphql-client.js';
import { rootOperations, servedSchema } from '../testing/schema-operations.js';

/**
 * Refusals over HTTP: sign-in, missing or bad tokens, every domain refusal of the contract's
 * mutations as a userError that changed nothing, and malformed input that must be a validation
 * error, never a 5xx and never internals.
 */

type Answer = GraphqlAnswer<Record<string, unknown>>;

let api: SeededApi;
let admin: GraphqlClient;
let reception: GraphqlClient;
let catalogue: Catalogue;

beforeAll(async () => {
  api = await startSeededApi();
  admin = await api.as(DEMO_EMAILS.admin);
  reception = await api.as(DEMO_EMAILS.reception);
  catalogue = await loadCatalogue(admin);
});
afterAll(() => api?.close());

/** Runs `work` and proves, with plain SQL, that it changed no row at all. */
async function changesNothing<T>(work: () => Promise<T>): Promise<T> {
  const before = await stateFingerprint(api.db);
  const result = await work();
  expect(await stateFingerprint(api.db)).toBe(before);
  return result;
}

/** The payload's userErrors of a mutation that answered without a GraphQL error. */
async function userErrorsOf(client: GraphqlClient, field: string, document: string, variables: Record<string, unknown>) {
  const data = await client.data<Record<string, UserErrors & Record<string, unknown>>>(document, variables);
  return data[field]!;
}

const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } userErrors { code message field } } }`;
const SCHEDULE = `mutation ($input: SchedulePackageInput!) {
  schedulePackage(input: $input) { appointments { id sessionNumberInPackage } schedulingErrors { sessionNumber code message } progress { sessionsUnscheduled } userErrors { code message field } }
}`;
const SET_STATUS = `mutation ($input: SetAppointmentStatusInput!) {
  setAppointmentStatus(input: $input) { appointment { id status } packagePurchase { sessionsUsed } userErrors { code message field } }
}`;
const RESCHEDULE = `mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { id startsAt } userErrors { code message field } } }`;
const CREATE_PATIENT = `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } userErrors { code message field } } }`;
const CREATE_PACKAGE = `mutation ($input: CreatePackageInput!) { createPackage(input: $input) { package { id } userErrors { code message field } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token user { id } userErrors { code message field } } }`;

describe('sign-in', () => {
  it('a wrong password and an unknown email answer exactly alike', async () => {
    const wrongPassword = await postGraphql(api.url, { query: LOGIN, variables: { input: { email: DEMO_EMAILS.admin, password: 'demo-pass-2025' } } });
    const unknownEmail = await postGraphql(api.url, { query: LOGIN, variables: { input: { email: 'nobody@alnoor.test', password: 'demo-pass-2026' } } });
    const emptyPassword = await postGraphql(api.url, { query: LOGIN, variables: { input: { email: DEMO_EMAILS.admin, password: '' } } });
    expect(wrongPassword.status).toBe(200);
    expect(wrongPassword.data).toEqual({
      login: { token: null, user: null, userErrors: [{ code: 'INVALID_CREDENTIALS', message: expect.any(String), field: ['input', 'password'] }] },
    });
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.text).toBe(wrongPassword.text);
    expect(emptyPassword.text).toBe(wrongPassword.text);
  });

  it('viewer is null without credentials; a credential that proves nobody answers 401 UNAUTHENTICATED, never 500', async () => {
    expect(await postGraphql(api.url, { query: '{ viewer { id } }' })).toMatchObject({ status: 200, data: { viewer: null } });
    const forged = await new SignJWT({ tid: 'x', sid: 'x' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('another secret of the right length!!'));
    for (const authorization of ['', 'Bearer', 'Bearer not-a-token', `Bearer ${forged}`, 'Basic YWRtaW46ZGVtbw==', 'Bearer cpk_unknown']) {
      const answer = await postGraphql(api.url, { query: '{ viewer { id } }' }, { authorization });
      expect({ authorization, status: answer.status, codes: answer.errors?.map((e) => e.extensions?.['code']), data: answer.data }).toEqual({
        authorization,
        status: 401,
        codes: ['UNAUTHENTICATED'],
        data: undefined,
      });
    }
  });

  it('a session token that expired, lacks exp or sid, was signed with another key, or names another tenant answers 401', async () => {
    const [user] = await sqlRows<{ id: string; tenant_id: string }>(api.db, `select id, tenant_id from app_user where email = $1`, [DEMO_EMAILS.admin]);
    const [other] = await sqlRows<{ tenant_id: string }>(api.db, `select tenant_id from app_user where email = $1`, [DEMO_EMAILS.otherAdmin]);
    await api.as(DEMO_EMAILS.admin);
    const [session] = await sqlRows<{ id: string }>(api.db, `select id from user_session where user_id = $1 and ended_at is null limit 1`, [user!.id]);
    const now = Math.floor(Date.parse('2026-11-24T06:00:00Z') / 1000);
    type Claims = { tid: string; sub: string; sid?: string | undefined; iat: number; exp?: number | undefined; iss?: string };
    const token = (claims: Claims, key = TEST_SESSION_SECRET) => {
      const jwt = new SignJWT({ tid: claims.tid, ...(claims.sid ? { sid: claims.sid } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuer(claims.iss ?? 'clinic-packages')
        .setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    const claims = { tid: user!.tenant_id, sub: user!.id, sid: session!.id, iat: now - 60, exp: now + 3600 };
    // The same claims, valid: proves that the forgeries below fail for their one difference.
    const valid = await token(claims);
    expect((await new GraphqlClient(api.url, valid).data<{ viewer: { email: string } }>('{ viewer { email } }')).viewer.email).toBe(DEMO_EMAILS.admin);

    const forgeries = {
      expired: await token({ ...claims, iat: now - 7200, exp: now - 60 }),
      withoutExp: await token({ ...claims, exp: undefined }),
      withoutSid: await token({ ...claims, sid: undefined }),
      unknownSid: await token({ ...claims, sid: '00000000-0000-4000-8000-000000000000' }),
      otherKey: await token(claims, new TextEncoder().encode('not the server key, but long enough')),
      otherTenant: await token({ ...claims, tid: other!.tenant_id }),
      otherIssuer: await token({ ...claims, iss: 'someone-else' }),
    };
    for (const [name, forgery] of Object.entries(forgeries)) {
      const client = new GraphqlClient(api.url, forgery);
      for (const query of ['{ viewer { id } }', '{ clinics { id } }']) {
        const refused = await client.request(query);
        expect({ name, status: refused.status, codes: refused.errors?.map((e) => e.extensions?.['code']) }).toEqual({ name, status: 401, codes: ['UNAUTHENTICATED'] });
      }
    }
  });

  it('every operation but login, viewer, health and installation refuses a caller without a token: UNAUTHENTICATED, nothing done', async () => {
    const schema = await servedSchema();
    const operations = rootOperations(schema);
    expect(operations.map((op) => op.field)).toEqual(
      expect.arrayContaining([
        'node', 'viewer', 'clinics', 'providers', 'packages', 'patients', 'availablePackages', 'packageProgress', 'appointments',
        'login', 'createPatient', 'createPackage', 'purchasePackage', 'payInvoice', 'schedulePackage', 'bookAppointment',
        'setAppointmentStatus', 'rescheduleAppointment',
      ]),
    );
    const outcomes: Record<string, unknown> = {};
    await changesNothing(async () => {
      for (const op of operations) {
        const answer = await api.anonymous.request<Record<string, unknown>>(op.document, op.variables);
        outcomes[op.field] = {
          codes: answer.errors?.map((e) => e.extensions?.['code']) ?? [],
          data: answer.data?.[op.field] ?? null,
          status: answer.status < 500,
        };
      }
    });
    for (const op of operations) {
      if (['login', 'logout', 'viewer', 'health', 'installation', 'resetPassword'].includes(op.field)) continue;
      expect(outcomes[op.field], op.field).toEqual({ codes: ['UNAUTHENTICATED'], data: null, status: true });
    }
    expect(outcomes['viewer']).toEqual({ codes: [], data: null, status: true });
    // Signing out without a session has nothing to end: done, so a browser with a dead cookie can always sign out.
    expect(outcomes['logout']).toMatchObject({ codes: [], data: { ok: true, userErrors: [] }, status: true });
    // A password-reset link is used signed out: without a live link, a userError and nothing done.
    expect(outcomes['resetPassword']).toMatchObject({ codes: [], data: { ok: false, userErrors: [{ code: 'VALIDATION' }] }, status: true });
  });
});

describe('refusals of the mutations: a userError, and nothing changed', () => {
  it('bookAppointment', async () => {
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const lina = catalogue.providers['Lina Farouk']!;
    const omar = catalogue.providers['Omar Haddad']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const ot = catalogue.services['OT-THERAPY']!;
    const yousef = catalogue.patients['MRN-100001']!;
    const sara = catalogue.patients['MRN-100004']!;
    const mohammed = catalogue.patients['MRN-100009']!;
    const [busy] = await sqlRows<{ starts_at: Date }>(
      api.db,
      `select starts_at from appointment where provider_id = $1 and status = 'BOOKED' and starts_at > now() order by starts_at limit 1`,
      [uuidOf(huda)],
    );
    // Monday 2026-11-30 13:00 in Riyadh: inside Huda's hours; whether free does not matter
    // to the refusals that come first.
    const monday = '2026-11-30T13:00:00+03:00';
    const cases: Array<[string, Record<string, unknown>, string, string[] | null]> = [
      ['in the past', { patientId: sara, providerId: huda, serviceId: therapy, startsAt: '2026-11-23T10:00:00+03:00' }, 'VALIDATION', ['input', 'startsAt']],
      ['on a Friday', { patientId: sara, providerId: huda, serviceId: therapy, startsAt: '2026-11-27T10:00:00+03:00' }, 'OUTSIDE_WORKING_HOURS', ['input', 'startsAt']],
      ['at lunch', { patientId: sara, providerId: huda, serviceId: therapy, startsAt: '2026-11-30T12:00:00+03:00' }, 'OUTSIDE_WORKING_HOURS', ['input', 'startsAt']],
      ['over a booked appointment', { patientId: mohammed, providerId: huda, serviceId: therapy, startsAt: busy!.starts_at.toISOString() }, 'SLOT_TAKEN', ['input', 'startsAt']],
      ['during time off', { patientId: sara, providerId: omar, serviceId: therapy, startsAt: '2026-11-30T10:00:00+03:00' }, 'SLOT_TAKEN', ['input', 'startsAt']],
      ['with a provider of another clinic', { patientId: sara, providerId: lina, serviceId: therapy, startsAt: monday }, 'PROVIDER_NOT_IN_CLINIC', ['input', 'providerId']],
      ['against the package of another patient', { patientId: yousef, providerId: huda, serviceId: therapy, startsAt: monday, packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100004') }, 'PACKAGE_NOT_FOR_PATIENT', ['input', 'packagePurchaseId']],
      ['with a service the package lacks', { patientId: sara, providerId: lina, serviceId: ot, startsAt: monday, packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100004') }, 'SERVICE_NOT_IN_PACKAGE', ['input', 'serviceId']],
      ['against a used-up package', { patientId: catalogue.patients['MRN-100003'], providerId: huda, serviceId: therapy, startsAt: monday, packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100003') }, 'PACKAGE_NOT_ACTIVE', ['input', 'packagePurchaseId']],
      ['against an expired package', { patientId: catalogue.patients['MRN-100007'], providerId: huda, serviceId: therapy, startsAt: monday, packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100007') }, 'PACKAGE_EXPIRED', ['input', 'packagePurchaseId']],
      ['after the package expires', { patientId: catalogue.patients['MRN-100013'], providerId: huda, serviceId: therapy, startsAt: '2026-12-01T10:00:00+03:00', packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100013') }, 'PACKAGE_EXPIRED', ['input', 'startsAt']],
      ['for an unknown patient', { patientId: globalIdOf('Patient', '00000000-0000-4000-8000-000000000000'), providerId: huda, serviceId: therapy, startsAt: monday }, 'NOT_FOUND', ['input', 'patientId']],
    ];
    for (const [name, input, code, field] of cases) {
      const payload = await changesNothing(() => userErrorsOf(reception, 'bookAppointment', BOOK, { input }));
      expect({ name, appointment: payload['appointment'], errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        name,
        appointment: null,
        errors: [[code, field]],
      });
      expect(payload.userErrors[0]!.message.length, name).toBeGreaterThan(5);
    }
  });

  it('schedulePackage', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const cases: Array<[string, Record<string, unknown>, string, string[] | null]> = [
      ['starting in the past', { packagePurchaseId: sara, providerId: huda, startDate: '2026-11-23' }, 'VALIDATION', ['input', 'startDate']],
      ['ending after the expiry', { packagePurchaseId: sara, providerId: huda, startDate: '2026-11-25', endDate: '2027-06-01' }, 'VALIDATION', ['input', 'endDate']],
      ['ending before it starts', { packagePurchaseId: sara, providerId: huda, startDate: '2026-12-10', endDate: '2026-12-01' }, 'VALIDATION', ['input', 'startDate']],
      ['without a provider', { packagePurchaseId: sara, startDate: '2026-11-25' }, 'VALIDATION', ['input', 'providerId']],
      ['assigning session 11 of 10', { packagePurchaseId: sara, providerId: huda, startDate: '2026-11-25', providerAssignments: [{ sessionNumber: 11, providerId: huda }] }, 'VALIDATION', ['input', 'providerAssignments', '0', 'sessionNumber']],
      ['of a used-up package', { packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100003'), providerId: huda, startDate: '2026-11-25' }, 'PACKAGE_NOT_ACTIVE', ['input', 'packagePurchaseId']],
      ['of an expired package', { packagePurchaseId: await purchaseOfPatient(api.db, 'MRN-100007'), providerId: huda, startDate: '2026-11-25' }, 'PACKAGE_EXPIRED', ['input', 'packagePurchaseId']],
      ['of an unknown purchase', { packagePurchaseId: globalIdOf('PackagePurchase', '00000000-0000-4000-8000-000000000000'), providerId: huda, startDate: '2026-11-25' }, 'NOT_FOUND', ['input', 'packagePurchaseId']],
    ];
    for (const [name, input, code, field] of cases) {
      const payload = await changesNothing(() => userErrorsOf(reception, 'schedulePackage', SCHEDULE, { input }));
      expect({ name, appointments: payload['appointments'], progress: payload['progress'], errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        name,
        appointments: [],
        progress: null,
        errors: [[code, field]],
      });
    }
  });

  it('schedulePackage reports each session it cannot place, with its reason code', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const all = Array.from({ length: 10 }, (_, index) => index + 1);
    const perSession = async (input: Record<string, unknown>) => {
      const payload = await changesNothing(() => userErrorsOf(reception, 'schedulePackage', SCHEDULE, { input }));
      expect(payload.userErrors).toEqual([]);
      expect(payload['appointments']).toEqual([]);
      const errors = payload['schedulingErrors'] as Array<{ sessionNumber: number; code: string; message: string }>;
      expect(errors.map((e) => e.sessionNumber)).toEqual(all);
      return [...new Set(errors.map((e) => e.code))];
    };
    expect(await perSession({ packagePurchaseId: sara, providerId: catalogue.providers['Lina Farouk'], startDate: '2026-11-25' })).toEqual(['PROVIDER_NOT_IN_CLINIC']);
    expect(await perSession({ packagePurchaseId: sara, providerId: globalIdOf('Provider', '00000000-0000-4000-8000-000000000000'), startDate: '2026-11-25' })).toEqual([
      'PROVIDER_NOT_FOUND',
    ]);
    // Huda never works on a Friday or a Saturday.
    expect(await perSession({ packagePurchaseId: sara, providerId: catalogue.providers['Huda Al-Otaibi'], startDate: '2026-11-25', endDate: '2026-12-31', preferredDays: ['FRIDAY', 'SATURDAY'] })).toEqual([
      'PAST_END_DATE',
    ]);
  });

  it('setAppointmentStatus: a final status never moves, an unknown appointment is not found', async () => {
    const cases: Array<[string, string, string, string[]]> = [
      ['completed back to booked', await sessionOfPatient(api.db, 'MRN-100001', 1, 'COMPLETED'), 'BOOKED', ['input', 'status']],
      ['completed again', await sessionOfPatient(api.db, 'MRN-100001', 2, 'COMPLETED'), 'COMPLETED', ['input', 'status']],
      ['cancelled to completed', await sessionOfPatient(api.db, 'MRN-100005', 5, 'CANCELLED'), 'COMPLETED', ['input', 'status']],
      ['no-show to arrived', await sessionOfPatient(api.db, 'MRN-100007', 4, 'NO_SHOW'), 'ARRIVED', ['input', 'status']],
    ];
    for (const [name, appointmentId, status, field] of cases) {
      const payload = await changesNothing(() => userErrorsOf(admin, 'setAppointmentStatus', SET_STATUS, { input: { appointmentId, status } }));
      expect({ name, appointment: payload['appointment'], errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        name,
        appointment: null,
        errors: [['INVALID_TRANSITION', field]],
      });
    }
    // A confirmed appointment cannot go back to booked either.
    const hamad8 = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    const back = await changesNothing(() => userErrorsOf(admin, 'setAppointmentStatus', SET_STATUS, { input: { appointmentId: hamad8, status: 'BOOKED' } }));
    expect(back.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    const unknown = await changesNothing(() =>
      userErrorsOf(admin, 'setAppointmentStatus', SET_STATUS, { input: { appointmentId: globalIdOf('Appointment', '00000000-0000-4000-8000-000000000000'), status: 'CANCELLED' } }),
    );
    expect(unknown.userErrors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', ['input', 'appointmentId']]]);
  });

  it('setAppointmentStatus: six concurrent completions of one session use it exactly once', async () => {
    const appointmentId = await sessionOfPatient(api.db, 'MRN-100001', 6, 'BOOKED');
    const purchase = uuidOf(await purchaseOfPatient(api.db, 'MRN-100001'));
    const [before] = await sqlRows<{ used: number }>(api.db, 'select sessions_used as used from package_purchase where id = $1', [purchase]);
    const payloads = await Promise.all(
      Array.from({ length: 6 }, () => userErrorsOf(admin, 'setAppointmentStatus', SET_STATUS, { input: { appointmentId, status: 'COMPLETED' } })),
    );
    const codes = payloads.map((p) => p.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['INVALID_TRANSITION', 'INVALID_TRANSITION', 'INVALID_TRANSITION', 'INVALID_TRANSITION', 'INVALID_TRANSITION', 'OK']);
    expect(await sqlRows(api.db, 'select sessions_used as used from package_purchase where id = $1', [purchase])).toEqual([{ used: before!.used + 1 }]);
    expect(
      await sqlRows(api.db, `select count(*)::int as n from audit_event where operation = 'setAppointmentStatus' and entity_id = $1`, [uuidOf(appointmentId)]),
    ).toEqual([{ n: 1 }]);
  });

  it('bookAppointment: five patients racing for one slot get it once; the database keeps the rest out', async () => {
    const nada = catalogue.providers['Nada Al-Shammari']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const { freeSlots } = await reception.data<{ freeSlots: Array<{ startsAt: string }> }>(
      'query ($p: ID!, $s: ID!) { freeSlots(providerId: $p, serviceId: $s, date: "2026-12-07") { startsAt } }',
      { p: nada, s: therapy },
    );
    const startsAt = freeSlots[0]!.startsAt;
    const patients = ['MRN-100010', 'MRN-100011', 'MRN-100012', 'MRN-100014', 'MRN-100016'].map((mrn) => catalogue.patients[mrn]!);
    const payloads = await Promise.all(
      patients.map((patientId) => userErrorsOf(reception, 'bookAppointment', BOOK, { input: { patientId, providerId: nada, serviceId: therapy, startsAt } })),
    );
    expect(payloads.map((p) => p.userErrors[0]?.code ?? 'OK').sort()).toEqual(['OK', 'SLOT_TAKEN', 'SLOT_TAKEN', 'SLOT_TAKEN', 'SLOT_TAKEN']);
    expect(
      await sqlRows(api.db, `select count(*)::int as n from appointment where provider_id = $1 and starts_at = $2 and status <> 'CANCELLED'`, [uuidOf(nada), startsAt]),
    ).toEqual([{ n: 1 }]);
  });

  it('rescheduleAppointment', async () => {
    const hamad8 = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    const reem3 = await sessionOfPatient(api.db, 'MRN-100008', 3, 'BOOKED');
    const [reem3Row] = await sqlRows<{ starts_at: Date }>(api.db, 'select starts_at from appointment where id = $1', [uuidOf(reem3)]);
    const cases: Array<[string, Record<string, unknown>, string, string[]]> = [
      ['a completed appointment', { appointmentId: await sessionOfPatient(api.db, 'MRN-100001', 1, 'COMPLETED'), startsAt: '2026-11-30T10:00:00+03:00' }, 'INVALID_TRANSITION', ['input', 'appointmentId']],
      ['into the past', { appointmentId: hamad8, startsAt: '2026-11-23T10:00:00+03:00' }, 'VALIDATION', ['input', 'startsAt']],
      ['onto a Saturday', { appointmentId: hamad8, startsAt: '2026-11-28T10:00:00+03:00' }, 'OUTSIDE_WORKING_HOURS', ['input', 'startsAt']],
      ['onto the time of another appointment of Nada', { appointmentId: hamad8, startsAt: reem3Row!.starts_at.toISOString() }, 'SLOT_TAKEN', ['input', 'startsAt']],
      ['to a provider of another clinic', { appointmentId: hamad8, startsAt: '2026-11-25T10:00:00+03:00', providerId: catalogue.providers['Lina Farouk'] }, 'PROVIDER_NOT_IN_CLINIC', ['input', 'providerId']],
      ['past the expiry of its package', { appointmentId: hamad8, startsAt: '2026-12-01T10:00:00+03:00' }, 'PACKAGE_EXPIRED', ['input', 'startsAt']],
    ];
    for (const [name, input, code, field] of cases) {
      const payload = await changesNothing(() => userErrorsOf(reception, 'rescheduleAppointment', RESCHEDULE, { input }));
      expect({ name, appointment: payload['appointment'], errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        name,
        appointment: null,
        errors: [[code, field]],
      });
    }
  });

  it('createPatient, createPackage, purchasePackage, payInvoice, API tokens', async () => {
    const slpAssess = catalogue.services['SLP-ASSESS']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const line = (serviceId: string, sessions = 4) => ({ serviceId, sessions });
    const pkg = (change: Record<string, unknown>) => ({ nameEn: 'P', nameAr: 'ب', price: '100.00', validityDays: 30, services: [line(therapy)], ...change });
    const cases: Array<[string, GraphqlClient, string, string, Record<string, unknown>, string, string[] | null]> = [
      ['an MRN that exists', reception, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-100001', nameEn: 'Someone Else' }, 'CONFLICT', ['input', 'mrn']],
      ['a blank name', reception, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-900100', nameEn: '   ' }, 'VALIDATION', ['input', 'nameEn']],
      ['a birth date in the future', reception, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-900100', nameEn: 'A', dateOfBirth: '2027-01-01' }, 'VALIDATION', ['input', 'dateOfBirth']],
      ['a phone of letters', reception, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-900100', nameEn: 'A', phone: 'call me' }, 'VALIDATION', ['input', 'phone']],
      ['no services', admin, 'createPackage', CREATE_PACKAGE, pkg({ services: [] }), 'VALIDATION', ['input', 'services']],
      ['services of two clinics', admin, 'createPackage', CREATE_PACKAGE, pkg({ services: [line(therapy), line(catalogue.services['OT-THERAPY']!)] }), 'VALIDATION', ['input', 'services']],
      ['a service twice', admin, 'createPackage', CREATE_PACKAGE, pkg({ services: [line(therapy), line(therapy)] }), 'VALIDATION', ['input', 'services', '1', 'serviceId']],
      ['zero sessions', admin, 'createPackage', CREATE_PACKAGE, pkg({ services: [line(slpAssess, 0)] }), 'VALIDATION', ['input', 'services', '0', 'sessions']],
      ['a price of three decimals', admin, 'createPackage', CREATE_PACKAGE, pkg({ price: '12.345' }), 'VALIDATION', ['input', 'price']],
      ['a negative price', admin, 'createPackage', CREATE_PACKAGE, pkg({ price: '-1.00' }), 'VALIDATION', ['input', 'price']],
      ['a validity of zero days', admin, 'createPackage', CREATE_PACKAGE, pkg({ validityDays: 0 }), 'VALIDATION', ['input', 'validityDays']],
      ['an unknown service', admin, 'createPackage', CREATE_PACKAGE, pkg({ services: [line(globalIdOf('Service', '00000000-0000-4000-8000-000000000000'))] }), 'NOT_FOUND', ['input', 'services', '0', 'serviceId']],
      [
        'an unknown package',
        reception,
        'purchasePackage',
        `mutation ($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id } userErrors { code message field } } }`,
        { patientId: catalogue.patients['MRN-100002'], packageId: globalIdOf('Package', '00000000-0000-4000-8000-000000000000') },
        'NOT_FOUND',
        ['input', 'packageId'],
      ],
      [
        'an unknown invoice',
        reception,
        'payInvoice',
        `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id } packagePurchase { id } userErrors { code message field } } }`,
        { invoiceId: globalIdOf('Invoice', '00000000-0000-4000-8000-000000000000') },
        'NOT_FOUND',
        ['input', 'invoiceId'],
      ],
      [
        'an unnamed API token',
        admin,
        'createApiToken',
        `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id } userErrors { code message field } } }`,
        { name: '  ' },
        'VALIDATION',
        ['input', 'name'],
      ],
      [
        'an unknown API token',
        admin,
        'revokeApiToken',
        `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { apiToken { id } userErrors { code message field } } }`,
        { tokenId: '00000000-0000-4000-8000-000000000000' },
        'NOT_FOUND',
        ['input', 'tokenId'],
      ],
    ];
    for (const [name, client, field, document, input, code, path] of cases) {
      const payload = await changesNothing(() => userErrorsOf(client, field, document, { input }));
      const others = Object.entries(payload).filter(([key]) => key !== 'userErrors');
      expect({ name, others, errors: payload.userErrors.map((e) => [e.code, e.field]) }).toEqual({
        name,
        others: others.map(([key]) => [key, null]),
        errors: [[code, path]],
      });
    }
  });

  it('queries: unknown ids are null, and impossible arguments are a VALIDATION error', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const data = await changesNothing(() =>
      reception.data<{ node: null; packageProgress: null; availablePackages: unknown[]; appointments: { totalCount: number } }>(
        `query ($n: ID!, $pp: ID!, $p: ID!) {
          node(id: $n) { id } packageProgress(packagePurchaseId: $pp) { totalSessions }
          availablePackages(patientId: $p) { id } appointments(filter: { patientId: $p }) { totalCount }
        }`,
        { n: globalIdOf('Appointment', nobody), pp: globalIdOf('PackagePurchase', nobody), p: globalIdOf('Patient', nobody) },
      ),
    );
    expect(data).toEqual({ node: null, packageProgress: null, availablePackages: [], appointments: { totalCount: 0 } });

    const fromAfterTo = await reception.failure('{ appointments(filter: { from: "2026-12-02T00:00:00Z", to: "2026-12-01T00:00:00Z" }) { totalCount } }');
    expect(fromAfterTo.errors.map((e) => [e.extensions?.['code'], e.extensions?.['field']])).toEqual([['VALIDATION', ['filter', 'from']]]);
    const unknownProvider = await reception.failure('query ($p: ID!, $s: ID!) { freeSlots(providerId: $p, serviceId: $s, date: "2026-12-01") { startsAt } }', {
      p: globalIdOf('Provider', nobody),
      s: catalogue.services['SLP-THERAPY'],
    });
    expect(unknownProvider.errors.map((e) => e.extensions?.['code'])).toEqual(['NOT_FOUND']);
  });
});

describe('malformed input: a validation error, never a 5xx, never internals', () => {
  const VALIDATION_CODES = ['VALIDATION', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

  /** Every answer in this block: below 500, no internal error, no trace of internals. */
  function expectClean(name: string, answer: Answer) {
    expect({ name, status: answer.status < 500, internals: internalsIn(answer.text) }).toEqual({ name, status: true, internals: [] });
    expect(answer.errors?.map((e) => e.extensions?.['code']) ?? [], name).not.toContain('INTERNAL_SERVER_ERROR');
    for (const error of answer.errors ?? []) expect(JSON.stringify(error.extensions ?? {}), name).not.toMatch(/stack/i);
  }

  const BAD_DATES = ['2026-02-30', '2026-13-01', '24/11/2026', '2026-11-24T09:00:00+03:00', '', 'tomorrow', '2026-1-5', '+002026-12-01', 'x'.repeat(100_000)];
  const BAD_INSTANTS = ['2026-12-01T10:00:00', '2026-12-01 10:00:00+03:00', 'tomorrow', '2026-12-01', '2026-12-01T25:00:00Z', '2026-12-01T10:61:00Z', '1999-12-31T10:00:00Z', '2301-01-01T10:00:00Z', '', 'x'.repeat(100_000)];

  it('bad dates and instants written in the document: 400, a validation error', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    await changesNothing(async () => {
      for (const startDate of [...BAD_DATES, 20261201, null]) {
        const label = `startDate ${JSON.stringify(startDate).slice(0, 40)}`;
        const answer = await reception.request(
          `mutation { schedulePackage(input: { packagePurchaseId: "${sara}", providerId: "${huda}", startDate: ${JSON.stringify(startDate)} }) { userErrors { code } } }`,
        );
        expectClean(label, answer);
        expect(answer.status, label).toBe(400);
        expect(VALIDATION_CODES, label).toContain(problemCode(answer, 'schedulePackage'));
      }
      for (const startsAt of [...BAD_INSTANTS, 1764572400000]) {
        const label = `startsAt ${JSON.stringify(startsAt).slice(0, 40)}`;
        const book = await reception.request(
          `mutation { bookAppointment(input: { patientId: "${catalogue.patients['MRN-100004']}", providerId: "${huda}", serviceId: "${catalogue.services['SLP-THERAPY']}", startsAt: ${JSON.stringify(startsAt)} }) { userErrors { code } } }`,
        );
        expectClean(label, book);
        expect(book.status, label).toBe(400);
        expect(VALIDATION_CODES, label).toContain(problemCode(book, 'bookAppointment'));
        const list = await reception.request(`{ appointments(filter: { from: ${JSON.stringify(startsAt)} }) { totalCount } }`);
        expectClean(`from ${label}`, list);
        expect(VALIDATION_CODES, `from ${label}`).toContain(problemCode(list, 'appointments'));
      }
    });
  });

  it('bad values in the variables answer 400 with a validation error, not 500', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const failures: string[] = [];
    await changesNothing(async () => {
      const check = (label: string, answer: Answer, field: string) => {
        if (answer.status >= 500 || !VALIDATION_CODES.includes(problemCode(answer, field) ?? '') || internalsIn(answer.text).length) {
          failures.push(`${label}: HTTP ${answer.status} ${answer.text.slice(0, 160)}`);
        }
      };
      for (const startDate of [...BAD_DATES, 20261201, null]) {
        check(`startDate ${JSON.stringify(startDate).slice(0, 30)}`, await reception.request(SCHEDULE, { input: { packagePurchaseId: sara, providerId: huda, startDate } }), 'schedulePackage');
        check(`dateOfBirth ${JSON.stringify(startDate).slice(0, 30)}`, await reception.request(CREATE_PATIENT, { input: { mrn: 'MRN-900300', nameEn: 'A', dateOfBirth: startDate ?? 5 } }), 'createPatient');
      }
      for (const startsAt of [...BAD_INSTANTS, 1764572400000]) {
        const input = { patientId: catalogue.patients['MRN-100004'], providerId: huda, serviceId: catalogue.services['SLP-THERAPY'], startsAt };
        check(`startsAt ${JSON.stringify(startsAt).slice(0, 30)}`, await reception.request(BOOK, { input }), 'bookAppointment');
        check(`from ${JSON.stringify(startsAt).slice(0, 30)}`, await reception.request('query ($f: AppointmentFilter) { appointments(filter: $f) { totalCount } }', { f: { from: startsAt } }), 'appointments');
      }
      for (const first of [2_147_483_648, -2_147_483_649, 1.5, '10', true, 1e300]) {
        check(`first ${String(first)}`, await reception.request('query ($first: Int) { appointments(first: $first) { totalCount } }', { first }), 'appointments');
      }
    });
    expect(failures).toEqual([]);
  });

  it('a DateTime of a day that does not exist (2026-11-31) is refused, not rolled over to December 1', async () => {
    const nada = catalogue.providers['Nada Al-Shammari']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const patientId = catalogue.patients['MRN-100017']!;
    // A slot that is free on 2026-12-01, asked for as "2026-11-31" at the same local time.
    const { freeSlots } = await reception.data<{ freeSlots: Array<{ startsAt: string }> }>(
      'query ($p: ID!, $s: ID!, $pt: ID) { freeSlots(providerId: $p, serviceId: $s, date: "2026-12-01", patientId: $pt) { startsAt } }',
      { p: nada, s: therapy, pt: patientId },
    );
    const localTime = new Date(Date.parse(freeSlots[0]!.startsAt) + 3 * 3_600_000).toISOString().slice(11, 16);
    const answer = await changesNothing(() =>
      reception.request(`mutation { bookAppointment(input: { patientId: "${patientId}", providerId: "${nada}", serviceId: "${therapy}", startsAt: "2026-11-31T${localTime}:00+03:00" }) { appointment { startsAt } userErrors { code } } }`),
    );
    expect(VALIDATION_CODES).toContain(problemCode(answer, 'bookAppointment'));
  });

  it('bad ids: not found (or a validation error), never a fault', async () => {
    const invoice = await globalIdFromSql(api.db, 'Invoice', `select id from invoice order by number limit 1`);
    const badIds = [
      '',
      'x',
      '!!!not base64!!!',
      'a'.repeat(10_000),
      Buffer.from('Appointment:not-a-uuid').toString('base64url'),
      Buffer.from('Nothing:00000000-0000-4000-8000-000000000000').toString('base64url'),
      Buffer.from(':').toString('base64url'),
      invoice, // a real id, of the wrong type for every argument below but node(id:)
      uuidOf(invoice), // a bare uuid, not a global id
      `${Buffer.from("Appointment:' or 1=1 --").toString('base64url')}`,
    ];
    const ALLOWED = ['NOT_FOUND', ...VALIDATION_CODES];
    await changesNothing(async () => {
      for (const id of badIds) {
        const label = `id ${id.slice(0, 40)}`;
        const status = await reception.request(SET_STATUS, { input: { appointmentId: id, status: 'CANCELLED' } });
        expectClean(label, status);
        expect(ALLOWED, label).toContain(problemCode(status, 'setAppointmentStatus'));
        const reads = await reception.request<Record<string, unknown>>(
          `query ($id: ID!) {
            node(id: $id) { id } packageProgress(packagePurchaseId: $id) { totalSessions } availablePackages(patientId: $id) { id }
            appointments(filter: { patientId: $id, providerId: $id, packagePurchaseId: $id }) { totalCount }
            providers(clinicId: $id) { id } packages(clinicId: $id) { id }
          }`,
          { id },
        );
        expectClean(label, reads);
        if (id.length > 200) {
          // Longer than any string input may be: refused at the edge, field named, nothing run.
          expect(reads.status, label).toBe(400);
          expect(reads.errors?.[0]?.extensions?.['code'], label).toBe('BAD_USER_INPUT');
          continue;
        }
        expect(reads.errors ?? [], label).toEqual([]);
        const node = id === invoice ? { id: invoice } : null;
        expect(reads.data, label).toEqual({ node, packageProgress: null, availablePackages: [], appointments: { totalCount: 0 }, providers: [], packages: [] });
        const book = await reception.request(BOOK, {
          input: { patientId: id, providerId: id, serviceId: id, startsAt: '2026-12-01T10:00:00+03:00', packagePurchaseId: id },
        });
        expectClean(label, book);
        expect(ALLOWED, label).toContain(problemCode(book, 'bookAppointment'));
      }
      const revoke = await admin.request(`mutation ($id: ID!) { revokeApiToken(input: { tokenId: $id }) { userErrors { code } } }`, { id: 'not-a-uuid' });
      expectClean('tokenId', revoke);
      expect(problemCode(revoke, 'revokeApiToken')).toBe('NOT_FOUND');
    });
  });

  it('out-of-range and mistyped numbers: refused before anything runs', async () => {
    // A huge but valid Int may be refused by the cost limit instead: also before anything runs.
    const ALLOWED = [...VALIDATION_CODES, 'QUERY_TOO_COMPLEX'];
    await changesNothing(async () => {
      for (const first of [0, -1, 101, 1000, 2_147_483_647, 2_147_483_648, -2_147_483_649, 1.5, '"10"', true, '1e300', null]) {
        for (const field of ['appointments', 'patients']) {
          const selection = field === 'appointments' ? '{ totalCount }' : '{ id }';
          const label = `${field}(first: ${String(first)})`;
          const answer = await reception.request(`{ ${field}(first: ${String(first)}) ${selection} }`);
          expectClean(label, answer);
          if (first === null) {
            expect(answer.errors, label).toBeUndefined(); // null: the default page size
            continue;
          }
          expect(ALLOWED, label).toContain(problemCode(answer, field));
          expect(answer.data?.[field] ?? null, label).toBeNull();
        }
      }
      // The same for in-range Ints through the variables, which reach the domain's own checks.
      for (const first of [0, -1, 101]) {
        const answer = await reception.request('query ($first: Int) { appointments(first: $first) { totalCount } }', { first });
        expectClean(`variable first ${first}`, answer);
        expect(answer.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['field']])).toEqual([['VALIDATION', ['first']]]);
      }
      for (const [label, change] of [
        ['validityDays 3651', { validityDays: 3651 }],
        ['validityDays -5', { validityDays: -5 }],
        ['sessions 201', { services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 201 }] }],
        ['sessions -1', { services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: -1 }] }],
      ] as Array<[string, Record<string, unknown>]>) {
        const answer = await admin.request(CREATE_PACKAGE, {
          input: { nameEn: 'P', nameAr: 'ب', price: '1.00', validityDays: 30, services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 1 }], ...change },
        });
        expectClean(label, answer);
        expect(problemCode(answer, 'createPackage'), label).toBe('VALIDATION');
      }
    });
  });

  it('cursors that this API never gave out', async () => {
    const cursors = ['garbage', '', Buffer.from('abc:def').toString('base64url'), Buffer.from(`99999999999999999:${'0'.repeat(8)}-0000-4000-8000-000000000000`).toString('base64url'), 'x'.repeat(100_000)];
    for (const after of cursors) {
      const label = `after ${after.slice(0, 30)}`;
      const answer = await reception.request('query ($after: String) { appointments(first: 5, after: $after) { totalCount } }', { after });
      expectClean(label, answer);
      // An empty cursor may be read as "from the start"; anything else is refused.
      if (after === '') continue;
      // A cursor longer than any string input may be is refused at the edge (BAD_USER_INPUT).
      expect(VALIDATION_CODES, label).toContain(problemCode(answer, 'appointments'));
    }
    const patients = await reception.request('query ($after: String) { patients(after: $after) { id } }', { after: 'garbage' });
    expectClean('patients after', patients);
    expect(problemCode(patients, 'patients')).toBe('VALIDATION');
  });

  describe('huge strings', () => {
    const HUGE = 'x'.repeat(100_000);

    it('login with a password over 128 characters answers like any wrong sign-in; a huge email or password is refused at the edge', async () => {
      const wrong = await postGraphql(api.url, { query: LOGIN, variables: { input: { email: DEMO_EMAILS.admin, password: 'wrong' } } });
      const long = await postGraphql(api.url, { query: LOGIN, variables: { input: { email: DEMO_EMAILS.admin, password: 'x'.repeat(129) } } });
      // Not hashed, refused as wrong credentials (earlier failures may have the throttle answer both).
      expect({ status: long.status, token: (long.data as { login?: { token?: unknown } } | null)?.login?.token }).toEqual({ status: wrong.status, token: null });
      for (const [field, input] of [['email', { email: HUGE, password: 'x' }], ['password', { email: DEMO_EMAILS.admin, password: HUGE }]] as const) {
        const answer = await postGraphql(api.url, { query: LOGIN, variables: { input } });
        expectClean('login', answer);
        expect(answer.status).toBe(400);
        expect(answer.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['login', 'input', field] });
      }
    });

    // Over their length limit, they are refused at the edge (BAD_USER_INPUT, the field named).
    it('search, patient fields, API token name and cursors are refused as VALIDATION', async () => {
      await changesNothing(async () => {
        const search = await reception.request('query ($s: String) { patients(search: $s) { id } }', { s: HUGE });
        expectClean('search', search);
        expect(VALIDATION_CODES).toContain(problemCode(search, 'patients'));
        for (const [field, input] of [
          ['mrn', { mrn: HUGE, nameEn: 'A' }],
          ['nameEn', { mrn: 'MRN-900200', nameEn: HUGE }],
          ['nameAr', { mrn: 'MRN-900200', nameEn: 'A', nameAr: HUGE }],
          ['phone', { mrn: 'MRN-900200', nameEn: 'A', phone: HUGE }],
        ] as const) {
          const answer = await reception.request(CREATE_PATIENT, { input });
          expectClean(field, answer);
          expect(VALIDATION_CODES, field).toContain(problemCode(answer, 'createPatient'));
        }
        const token = await admin.request(`mutation ($n: String!) { createApiToken(input: { name: $n }) { secret userErrors { code } } }`, { n: HUGE });
        expectClean('token name', token);
        expect(VALIDATION_CODES).toContain(problemCode(token, 'createApiToken'));
        const price = await admin.request(CREATE_PACKAGE, {
          input: { nameEn: 'P', nameAr: 'ب', price: `1${'0'.repeat(50_000)}.00`, validityDays: 30, services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 1 }] },
        });
        expectClean('price', price);
        expect(VALIDATION_CODES).toContain(problemCode(price, 'createPackage'));
      });
    });

    it('createPackage refuses a 100,000-character name or description as VALIDATION', async () => {
      for (const field of ['nameEn', 'nameAr', 'description']) {
        const answer = await changesNothing(() =>
          admin.request(CREATE_PACKAGE, {
            input: { nameEn: 'P', nameAr: 'ب', price: '1.00', validityDays: 30, services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 1 }], [field]: HUGE },
          }),
        );
        expectClean(field, answer);
        expect(VALIDATION_CODES, field).toContain(problemCode(answer, 'createPackage'));
      }
    });

    it('setAppointmentStatus refuses a 100,000-character reason as VALIDATION instead of cutting it', async () => {
      const appointmentId = await sessionOfPatient(api.db, 'MRN-100008', 4, 'BOOKED');
      const answer = await changesNothing(() => reception.request(SET_STATUS, { input: { appointmentId, status: 'CONFIRMED', reason: HUGE } }));
      expectClean('reason', answer);
      expect(VALIDATION_CODES).toContain(problemCode(answer, 'setAppointmentStatus'));
    });
  });

  it('bodies that are not GraphQL requests', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
    for (const [label, answer] of [
      ['broken JSON', await post('{"query": ')],
      ['no query', await post('{}')],
      ['query not a string', await post('{"query": 42}')],
      ['variables not an object', await post('{"query": "{ health }", "variables": "x"}')],
      ['not a document', await post('{"query": "this is not graphql"}')],
      ['unknown field', await post('{"query": "{ nothing }"}')],
      ['deep nonsense', await post(JSON.stringify({ query: `{ ${'a { '.repeat(500)}${'}'.repeat(500)} }` }))],
    ] as const) {
      expect({ label, status: answer.status >= 400 && answer.status < 500, internals: internalsIn(answer.text) }).toEqual({ label, status: true, internals: [] });
    }
  });
});
