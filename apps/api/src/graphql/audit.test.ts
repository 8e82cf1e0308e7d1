import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  NOW,
  loadCatalogue,
  purchaseOfPatient,
  sessionOfPatient,
  sqlRows,
  startSeededApi,
  uuidOf,
  type Catalogue,
  type GraphqlClient,
  type SeededApi,
} from '../testing/graphql-client.js';

/**
 * Rule 9 over HTTP: every change to an appointment shows in Appointment.history with who made
 * it, when, the operation, the state before and after, and the reason; refused changes leave no
 * trace; history is read-only.
 *
 * The server's clock starts at the seed's NOW and moves one second each time it is read, so
 * that events of successive requests have distinct, increasing instants and "oldest first" is
 * an order that can be checked. (With a clock that never moves, events of one appointment
 * share an instant and their order is not defined.)
 */

interface AuditEvent {
  operation: string;
  occurredAt: string;
  actor: { id: string; email: string | null; role: string } | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

const HISTORY = `query ($id: ID!) { node(id: $id) { ... on Appointment { status history { operation occurredAt reason before after actor { id email role } } } } }`;

let api: SeededApi;
let admin: GraphqlClient;
let reception: GraphqlClient;
let clinician: GraphqlClient;
let catalogue: Catalogue;
let ticks = 0;

beforeAll(async () => {
  api = await startSeededApi({ now: () => new Date(NOW.getTime() + 1000 * ticks++) });
  admin = await api.as(DEMO_EMAILS.admin);
  reception = await api.as(DEMO_EMAILS.reception);
  clinician = await api.as(DEMO_EMAILS.clinician);
  catalogue = await loadCatalogue(admin);
});
afterAll(() => api?.close());

async function historyOf(id: string, client: GraphqlClient = admin) {
  const { node } = await client.data<{ node: { status: string; history: AuditEvent[] } }>(HISTORY, { id });
  return node.history;
}

const json = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

describe('Appointment.history', () => {
  it('holds the seed event of a demo appointment, by the system', async () => {
    const history = await historyOf(await sessionOfPatient(api.db, 'MRN-100001', 6, 'BOOKED'));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ operation: 'seed', actor: null, before: null, reason: 'demo data' });
    expect(json(history[0]!.after)).toMatchObject({ status: 'BOOKED', sessionNumberInPackage: 6 });
  });

  it('records booking, each status change, a reschedule and the completion: who, when, before, after, why', async () => {
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const patientId = catalogue.patients['MRN-100017']!;
    const slots = async (date: string) =>
      (
        await reception.data<{ freeSlots: Array<{ startsAt: string; endsAt: string }> }>(
          'query ($p: ID!, $s: ID!, $d: Date!, $pt: ID) { freeSlots(providerId: $p, serviceId: $s, date: $d, patientId: $pt) { startsAt endsAt } }',
          { p: huda, s: therapy, d: date, pt: patientId },
        )
      ).freeSlots;
    const [first] = await slots('2026-12-02');
    const { bookAppointment } = await reception.data<{ bookAppointment: { appointment: { id: string; number: string } } }>(
      'mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id number } userErrors { code } } }',
      { input: { patientId, providerId: huda, serviceId: therapy, startsAt: first!.startsAt } },
    );
    const id = bookAppointment.appointment.id;
    const setStatus = async (client: GraphqlClient, status: string, reason?: string) => {
      const data = await client.data<{ setAppointmentStatus: { userErrors: unknown[] } }>(
        'mutation ($input: SetAppointmentStatusInput!) { setAppointmentStatus(input: $input) { userErrors { code message } } }',
        { input: { appointmentId: id, status, reason } },
      );
      expect(data.setAppointmentStatus.userErrors).toEqual([]);
    };
    await setStatus(reception, 'CONFIRMED', 'Confirmed by phone with the father');
    const [moved] = await slots('2026-12-03');
    const { rescheduleAppointment } = await admin.data<{ rescheduleAppointment: { userErrors: unknown[] } }>(
      'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code } } }',
      { input: { appointmentId: id, startsAt: moved!.startsAt } },
    );
    expect(rescheduleAppointment.userErrors).toEqual([]);
    await setStatus(reception, 'ARRIVED');
    await setStatus(clinician, 'COMPLETED', 'Good progress on /s/');

    const history = await historyOf(id);
    const ids = await sqlRows<{ email: string; id: string }>(api.db, `select email, id from app_user where email in ($1, $2, $3)`, [
      DEMO_EMAILS.admin,
      DEMO_EMAILS.reception,
      DEMO_EMAILS.clinician,
    ]);
    const userId = (email: string) => Buffer.from(`User:${ids.find((row) => row.email === email)!.id}`).toString('base64url');
    const actor = (email: string, role: string) => ({ id: userId(email), email, role });
    expect(history.map((event) => [event.operation, event.actor?.email ?? null, json(event.before)?.['status'] ?? null, json(event.after)?.['status'], event.reason])).toEqual([
      ['bookAppointment', DEMO_EMAILS.reception, null, 'BOOKED', null],
      ['setAppointmentStatus', DEMO_EMAILS.reception, 'BOOKED', 'CONFIRMED', 'Confirmed by phone with the father'],
      ['rescheduleAppointment', DEMO_EMAILS.admin, 'CONFIRMED', 'CONFIRMED', null],
      ['setAppointmentStatus', DEMO_EMAILS.reception, 'CONFIRMED', 'ARRIVED', null],
      ['setAppointmentStatus', DEMO_EMAILS.clinician, 'ARRIVED', 'COMPLETED', 'Good progress on /s/'],
    ]);
    expect(history[1]!.actor).toEqual(actor(DEMO_EMAILS.reception, 'RECEPTIONIST'));
    expect(history[4]!.actor).toEqual(actor(DEMO_EMAILS.clinician, 'CLINICIAN'));
    // Oldest first, each at the server's instant of its request, after the seed's NOW.
    const instants = history.map((event) => Date.parse(event.occurredAt));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(new Set(instants).size).toBe(instants.length);
    expect(instants[0]).toBeGreaterThan(NOW.getTime());
    // The reschedule keeps the times before and after.
    expect(json(history[2]!.before)).toMatchObject({ startsAt: new Date(first!.startsAt).toISOString(), endsAt: new Date(first!.endsAt).toISOString(), providerId: uuidOf(huda) });
    expect(json(history[2]!.after)).toMatchObject({ startsAt: new Date(moved!.startsAt).toISOString(), endsAt: new Date(moved!.endsAt).toISOString(), providerId: uuidOf(huda) });
    expect(json(history[0]!.after)).toMatchObject({ number: bookAppointment.appointment.number, patientId: uuidOf(patientId), serviceId: uuidOf(therapy) });
    // The same rows, as the database holds them.
    expect(await sqlRows(api.db, `select operation, before->>'status' as before, after->>'status' as after from audit_event where entity_id = $1 order by occurred_at`, [uuidOf(id)])).toEqual(
      history.map((event) => ({ operation: event.operation, before: json(event.before)?.['status'] ?? null, after: json(event.after)?.['status'] })),
    );
    // A clinician reads the history of their own appointment too, with no staff e-mail but their own.
    const withoutOthersEmails = history.map((event) => ({
      ...event,
      actor: event.actor && { ...event.actor, email: event.actor.email === DEMO_EMAILS.clinician ? event.actor.email : null },
    }));
    expect(await historyOf(id, clinician)).toEqual(withoutOthersEmails);
  });

  it('records the completion of a package session against its purchase too', async () => {
    const appointmentId = await sessionOfPatient(api.db, 'MRN-100006', 2, 'BOOKED');
    const purchase = uuidOf(await purchaseOfPatient(api.db, 'MRN-100006'));
    const { setAppointmentStatus } = await clinician.data<{ setAppointmentStatus: { packagePurchase: { sessionsUsed: number }; userErrors: unknown[] } }>(
      'mutation ($id: ID!) { setAppointmentStatus(input: { appointmentId: $id, status: COMPLETED }) { packagePurchase { sessionsUsed } userErrors { code } } }',
      { id: appointmentId },
    );
    expect(setAppointmentStatus.userErrors).toEqual([]);
    const [clinicianUser] = await sqlRows<{ id: string }>(api.db, 'select id from app_user where email = $1', [DEMO_EMAILS.clinician]);
    const events = await sqlRows<{ operation: string; actor_id: string; before: { sessionsUsed: number }; after: { sessionsUsed: number; status: string }; reason: string }>(
      api.db,
      `select operation, actor_id, before, after, reason from audit_event where entity_id = $1 and operation <> 'seed' and operation <> 'payInvoice'`,
      [purchase],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      operation: 'consumeSession',
      actor_id: clinicianUser!.id,
      before: { sessionsUsed: setAppointmentStatus.packagePurchase.sessionsUsed - 1 },
      after: { sessionsUsed: setAppointmentStatus.packagePurchase.sessionsUsed, status: 'ACTIVE' },
    });
    expect(events[0]!.reason).toMatch(/completed/);
    const history = await historyOf(appointmentId);
    expect(history.map((event) => event.operation)).toEqual(['seed', 'setAppointmentStatus']);
    expect(json(history[1]!.after)).toMatchObject({ status: 'COMPLETED', sessionConsumed: true });
    expect(json(history[1]!.before)).toMatchObject({ status: 'BOOKED', sessionConsumed: false });
  });

  it('a refused change leaves no trace', async () => {
    const completed = await sessionOfPatient(api.db, 'MRN-100001', 1, 'COMPLETED');
    const before = await sqlRows(api.db, 'select count(*)::int as n from audit_event');
    for (const [client, status] of [
      [admin, 'BOOKED'],
      [reception, 'CANCELLED'],
      [clinician, 'NO_SHOW'],
    ] as const) {
      const { setAppointmentStatus } = await client.data<{ setAppointmentStatus: { userErrors: Array<{ code: string }> } }>(
        'mutation ($id: ID!, $s: AppointmentStatus!) { setAppointmentStatus(input: { appointmentId: $id, status: $s, reason: "try" }) { userErrors { code } } }',
        { id: completed, s: status },
      );
      expect(setAppointmentStatus.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    }
    expect(await sqlRows(api.db, 'select count(*)::int as n from audit_event')).toEqual(before);
    expect((await historyOf(completed)).map((event) => event.operation)).toEqual(['seed']);
  });

  it('is read-only: no operation of the API writes or removes an audit event', async () => {
    const { __schema } = await admin.data<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>('{ __schema { mutationType { fields { name } } } }');
    const names = __schema.mutationType.fields.map((field) => field.name);
    expect(names.filter((name) => /audit|history|event/i.test(name))).toEqual([]);
    const { __type } = await admin.data<{ __type: { fields: Array<{ name: string }> } }>('{ __type(name: "AuditEvent") { fields { name } } }');
    // Nothing to address an event by (entityId is what it is about): it cannot be the target of any operation.
    expect(__type.fields.map((field) => field.name).sort()).toEqual(['actor', 'after', 'before', 'entityId', 'entityType', 'occurredAt', 'operation', 'reason']);
  });
});
