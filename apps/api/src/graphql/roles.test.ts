import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  globalIdFromSql,
  loadCatalogue,
  problemCode,
  purchaseOfPatient,
  sessionOfPatient,
  sqlRows,
  startSeededApi,
  stateFingerprint,
  uuidOf,
  type Catalogue,
  type GraphqlClient,
  type SeededApi,
} from '../testing/graphql-client.js';
import { rootOperations, servedSchema } from '../testing/schema-operations.js';

/**
 * The role matrix of docs/domain.md over HTTP: ADMIN everything; RECEPTIONIST patients, purchases,
 * booking, scheduling, cancelling; CLINICIAN their own schedule and its life cycle; FINANCE the
 * catalogue, invoices and payments. A refused operation answers FORBIDDEN and changes nothing.
 */

let api: SeededApi;
let admin: GraphqlClient;
let reception: GraphqlClient;
let finance: GraphqlClient;
let clinician: GraphqlClient;
let catalogue: Catalogue;
let hudaId: string;

beforeAll(async () => {
  api = await startSeededApi();
  admin = await api.as(DEMO_EMAILS.admin);
  reception = await api.as(DEMO_EMAILS.reception);
  finance = await api.as(DEMO_EMAILS.finance);
  clinician = await api.as(DEMO_EMAILS.clinician);
  catalogue = await loadCatalogue(admin);
  hudaId = catalogue.providers['Huda Al-Otaibi']!;
});
afterAll(() => api?.close());

async function changesNothing<T>(work: () => Promise<T>): Promise<T> {
  const before = await stateFingerprint(api.db);
  const result = await work();
  expect(await stateFingerprint(api.db)).toBe(before);
  return result;
}

const SCHEDULE = `mutation ($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { id } progress { totalSessions } userErrors { code message field } } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id } userErrors { code message field } } }`;
const CREATE_PACKAGE = `mutation ($input: CreatePackageInput!) { createPackage(input: $input) { package { id totalSessions } userErrors { code message field } } }`;
const CREATE_PATIENT = `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { patient { id } userErrors { code message field } } }`;
const PURCHASE = `mutation ($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id status } userErrors { code message field } } }`;
const PAY = `mutation ($input: PayInvoiceInput!) { payInvoice(input: $input) { invoice { id status } packagePurchase { id status } userErrors { code message field } } }`;
const SET_STATUS = `mutation ($input: SetAppointmentStatusInput!) {
  setAppointmentStatus(input: $input) { appointment { id status sessionConsumed } packagePurchase { sessionsUsed } userErrors { code message field } }
}`;
const RESCHEDULE = `mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { id } userErrors { code message field } } }`;

/** A mutation that must be refused: FORBIDDEN as its one userError, no value, and no row changed. */
async function expectForbidden(client: GraphqlClient, field: string, document: string, input: Record<string, unknown>) {
  const answer = await changesNothing(() => client.request<Record<string, Record<string, unknown> & { userErrors: Array<{ code: string; message: string }> }>>(document, { input }));
  expect(answer.errors, field).toBeUndefined();
  const payload = answer.data![field]!;
  expect(payload.userErrors.map((e) => e.code), field).toEqual(['FORBIDDEN']);
  expect(payload.userErrors[0]!.message, field).toMatch(/may not|only/i);
  for (const [key, value] of Object.entries(payload)) {
    if (key !== 'userErrors') expect([null, []], `${field}.${key}`).toContainEqual(value);
  }
}

describe('CLINICIAN', () => {
  it('may not schedule a package, book, reschedule, create a package or patient, sell or take payment', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const hamad8 = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    const unpaid = await globalIdFromSql(api.db, 'Invoice', `select id from invoice where status = 'ISSUED' limit 1`);
    await expectForbidden(clinician, 'schedulePackage', SCHEDULE, { packagePurchaseId: sara, providerId: hudaId, startDate: '2026-11-25' });
    await expectForbidden(clinician, 'bookAppointment', BOOK, {
      patientId: catalogue.patients['MRN-100004'],
      providerId: hudaId,
      serviceId: catalogue.services['SLP-THERAPY'],
      startsAt: '2026-11-30T13:00:00+03:00',
      packagePurchaseId: sara,
    });
    await expectForbidden(clinician, 'bookAppointment', BOOK, {
      patientId: catalogue.patients['MRN-100004'],
      providerId: hudaId,
      serviceId: catalogue.services['SLP-THERAPY'],
      startsAt: '2026-11-30T13:00:00+03:00',
    });
    await expectForbidden(clinician, 'createPackage', CREATE_PACKAGE, {
      nameEn: 'Clinician package',
      nameAr: 'باقة',
      price: '100.00',
      validityDays: 30,
      services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 3 }],
    });
    await expectForbidden(clinician, 'rescheduleAppointment', RESCHEDULE, { appointmentId: hamad8, startsAt: '2026-11-25T13:00:00+03:00' });
    await expectForbidden(clinician, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-900500', nameEn: 'New Patient' });
    await expectForbidden(clinician, 'purchasePackage', PURCHASE, { patientId: catalogue.patients['MRN-100002'], packageId: catalogue.packages['10 SLP Sessions'] });
    await expectForbidden(clinician, 'payInvoice', PAY, { invoiceId: unpaid });
  });

  it('sees their own schedule only', async () => {
    const { appointments } = await clinician.data<{ appointments: { totalCount: number; edges: Array<{ node: { provider: { id: string } } }> } }>(
      '{ appointments(first: 100) { totalCount edges { node { provider { id } } } } }',
    );
    const [{ n }] = (await sqlRows<{ n: number }>(api.db, 'select count(*)::int as n from appointment where provider_id = $1', [uuidOf(hudaId)])) as [{ n: number }];
    expect(appointments.totalCount).toBe(n);
    expect(appointments.edges).toHaveLength(n);
    expect(new Set(appointments.edges.map((e) => e.node.provider.id))).toEqual(new Set([hudaId]));
    // Another provider's appointment, even by its id or by filtering on that provider: nothing.
    const nadas = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    const other = await clinician.data<{ node: null; appointments: { totalCount: number } }>(
      'query ($id: ID!, $p: ID!) { node(id: $id) { id } appointments(filter: { providerId: $p }) { totalCount } }',
      { id: nadas, p: catalogue.providers['Nada Al-Shammari'] },
    );
    expect(other.node).toBeNull();
    expect(other.appointments.totalCount).toBe(0);
  });

  it("may not move another provider's appointment", async () => {
    const nadas = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    await expectForbidden(clinician, 'setAppointmentStatus', SET_STATUS, { appointmentId: nadas, status: 'COMPLETED' });
  });

  it('completes their own appointment: the session is used once, and the status is theirs to set', async () => {
    const own = await sessionOfPatient(api.db, 'MRN-100006', 2, 'BOOKED'); // Jana, with Huda
    const purchase = uuidOf(await purchaseOfPatient(api.db, 'MRN-100006'));
    const [before] = await sqlRows<{ used: number }>(api.db, 'select sessions_used as used from package_purchase where id = $1', [purchase]);
    const { node } = await clinician.data<{ node: { allowedTransitions: string[] } }>(
      'query ($id: ID!) { node(id: $id) { ... on Appointment { allowedTransitions } } }',
      { id: own },
    );
    expect(node.allowedTransitions).toEqual(['CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW']);
    for (const status of ['IN_PROGRESS', 'COMPLETED']) {
      const { setAppointmentStatus } = await clinician.data<{
        setAppointmentStatus: { appointment: { status: string; sessionConsumed: boolean }; packagePurchase: { sessionsUsed: number }; userErrors: unknown[] };
      }>(SET_STATUS, { input: { appointmentId: own, status } });
      expect(setAppointmentStatus.userErrors).toEqual([]);
      expect(setAppointmentStatus.appointment.status).toBe(status);
    }
    expect(await sqlRows(api.db, 'select status, session_consumed from appointment where id = $1', [uuidOf(own)])).toEqual([{ status: 'COMPLETED', session_consumed: true }]);
    expect(await sqlRows(api.db, 'select sessions_used as used from package_purchase where id = $1', [purchase])).toEqual([{ used: before!.used + 1 }]);
  });
});

describe('RECEPTIONIST', () => {
  it('may not mark an appointment in progress or completed; those buttons are not offered', async () => {
    const appointmentId = await sessionOfPatient(api.db, 'MRN-100008', 3, 'BOOKED');
    for (const status of ['IN_PROGRESS', 'COMPLETED']) await expectForbidden(reception, 'setAppointmentStatus', SET_STATUS, { appointmentId, status });
    const { node } = await reception.data<{ node: { allowedTransitions: string[] } }>('query ($id: ID!) { node(id: $id) { ... on Appointment { allowedTransitions } } }', {
      id: appointmentId,
    });
    expect(node.allowedTransitions).toEqual(['CONFIRMED', 'ARRIVED', 'CANCELLED', 'NO_SHOW']);
  });

  it('confirms, marks arrived, and cancels', async () => {
    const appointmentId = await sessionOfPatient(api.db, 'MRN-100008', 3, 'BOOKED');
    for (const status of ['CONFIRMED', 'ARRIVED']) {
      const { setAppointmentStatus } = await reception.data<{ setAppointmentStatus: { appointment: { status: string }; userErrors: unknown[] } }>(SET_STATUS, {
        input: { appointmentId, status },
      });
      expect(setAppointmentStatus).toMatchObject({ appointment: { status }, userErrors: [] });
    }
    const later = await sessionOfPatient(api.db, 'MRN-100008', 5, 'BOOKED');
    const { setAppointmentStatus } = await reception.data<{ setAppointmentStatus: { appointment: { status: string }; userErrors: unknown[] } }>(SET_STATUS, {
      input: { appointmentId: later, status: 'CANCELLED', reason: 'Family asked' },
    });
    expect(setAppointmentStatus).toMatchObject({ appointment: { status: 'CANCELLED' }, userErrors: [] });
  });

  it('may not create a package or manage API tokens', async () => {
    await expectForbidden(reception, 'createPackage', CREATE_PACKAGE, {
      nameEn: 'Reception package',
      nameAr: 'باقة',
      price: '100.00',
      validityDays: 30,
      services: [{ serviceId: catalogue.services['SLP-THERAPY'], sessions: 3 }],
    });
    await expectForbidden(reception, 'createApiToken', 'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id } userErrors { code message field } } }', {
      name: 'mine',
    });
  });
});

describe('FINANCE', () => {
  it('creates a package, sells it and takes the payment', async () => {
    const { createPackage } = await finance.data<{ createPackage: { package: { id: string; totalSessions: number }; userErrors: unknown[] } }>(CREATE_PACKAGE, {
      input: {
        nameEn: 'Finance OT 6',
        nameAr: 'ست جلسات',
        price: '1500.00',
        validityDays: 60,
        services: [{ serviceId: catalogue.services['OT-THERAPY'], sessions: 6 }],
      },
    });
    expect(createPackage.userErrors).toEqual([]);
    expect(createPackage.package.totalSessions).toBe(6);
    const { purchasePackage } = await finance.data<{ purchasePackage: { invoice: { id: string; status: string }; userErrors: unknown[] } }>(PURCHASE, {
      input: { patientId: catalogue.patients['MRN-100018'], packageId: createPackage.package.id },
    });
    expect(purchasePackage).toMatchObject({ invoice: { status: 'ISSUED' }, userErrors: [] });
    const { payInvoice } = await finance.data<{ payInvoice: { invoice: { status: string }; packagePurchase: { id: string; status: string }; userErrors: unknown[] } }>(PAY, {
      input: { invoiceId: purchasePackage.invoice.id },
    });
    expect(payInvoice).toMatchObject({ invoice: { status: 'PAID' }, packagePurchase: { status: 'ACTIVE' }, userErrors: [] });
    expect(await sqlRows(api.db, 'select total_sessions, status from package_purchase where id = $1', [uuidOf(payInvoice.packagePurchase.id)])).toEqual([
      { total_sessions: 6, status: 'ACTIVE' },
    ]);
  });

  it('may not register patients, book, schedule, reschedule or move appointments', async () => {
    const sara = await purchaseOfPatient(api.db, 'MRN-100004');
    const hamad8 = await sessionOfPatient(api.db, 'MRN-100013', 8, 'CONFIRMED');
    await expectForbidden(finance, 'createPatient', CREATE_PATIENT, { mrn: 'MRN-900600', nameEn: 'New Patient' });
    await expectForbidden(finance, 'bookAppointment', BOOK, {
      patientId: catalogue.patients['MRN-100004'],
      providerId: hudaId,
      serviceId: catalogue.services['SLP-THERAPY'],
      startsAt: '2026-11-30T13:00:00+03:00',
    });
    await expectForbidden(finance, 'schedulePackage', SCHEDULE, { packagePurchaseId: sara, providerId: hudaId, startDate: '2026-11-25' });
    await expectForbidden(finance, 'rescheduleAppointment', RESCHEDULE, { appointmentId: hamad8, startsAt: '2026-11-25T13:00:00+03:00' });
    await expectForbidden(finance, 'setAppointmentStatus', SET_STATUS, { appointmentId: hamad8, status: 'CANCELLED' });
  });
});

describe('every mutation of the served schema, by role', () => {
  /** Who may call each mutation (docs/domain.md, "Roles"); any mutation not listed is for ADMIN only. */
  const MAY: Record<string, string[]> = {
    createPatient: ['RECEPTIONIST'],
    updatePatient: ['RECEPTIONIST'],
    createPackage: ['FINANCE'],
    updatePackage: ['FINANCE'],
    retirePackage: ['FINANCE'],
    deletePackage: ['FINANCE'],
    purchasePackage: ['RECEPTIONIST', 'FINANCE'],
    payInvoice: ['RECEPTIONIST', 'FINANCE'],
    recordPayment: ['RECEPTIONIST', 'FINANCE'],
    voidInvoice: ['FINANCE'],
    cancelPackagePurchase: ['FINANCE'],
    waiveCharge: ['FINANCE'],
    transferPackagePurchase: ['FINANCE'],
    freezePackagePurchase: ['RECEPTIONIST', 'FINANCE'],
    schedulePackage: ['RECEPTIONIST'],
    bookAppointment: ['RECEPTIONIST'],
    setAppointmentStatus: ['RECEPTIONIST', 'CLINICIAN'],
    rescheduleAppointment: ['RECEPTIONIST'],
    rescheduleSeries: ['RECEPTIONIST'],
    joinWaitlist: ['RECEPTIONIST'],
    acceptWaitlistOffer: ['RECEPTIONIST'],
    declineWaitlistOffer: ['RECEPTIONIST'],
    // Every signed-in person may sign out and change their own password.
    logout: ['RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
    changePassword: ['RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
    // Used signed out, with a one-time link: a link, not a role, decides.
    resetPassword: ['RECEPTIONIST', 'CLINICIAN', 'FINANCE'],
  };

  it('answers FORBIDDEN to every role outside it, and changes nothing', async () => {
    const operations = rootOperations(await servedSchema()).filter((op) => op.kind === 'mutation' && op.field !== 'login');
    const refused: Record<string, string | undefined> = {};
    await changesNothing(async () => {
      for (const [role, client] of [
        ['RECEPTIONIST', reception],
        ['CLINICIAN', clinician],
        ['FINANCE', finance],
      ] as const) {
        for (const op of operations) {
          if ((MAY[op.field] ?? []).includes(role)) continue;
          refused[`${role} ${op.field}`] = problemCode(await client.request(op.document, op.variables), op.field);
        }
      }
    });
    const notForbidden = Object.entries(refused).filter(([, code]) => code !== 'FORBIDDEN');
    expect(notForbidden).toEqual([]);
    expect(Object.keys(refused).length).toBeGreaterThanOrEqual(15);
  });
});

it('apiTokens answers FORBIDDEN to a role other than ADMIN, not an empty list', async () => {
  await admin.data('mutation { createApiToken(input: { name: "exists" }) { apiToken { id } } }');
  for (const client of [reception, clinician, finance]) {
    const answer = await client.request('{ apiTokens { id } }');
    expect(answer.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
  }
});
