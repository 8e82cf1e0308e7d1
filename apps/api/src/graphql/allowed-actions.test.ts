import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  NOW,
  globalIdOf,
  signIn,
  sqlRows,
  startSeededApi,
  stateFingerprint,
  type GraphqlClient,
  type SeededApi,
} from '../testing/graphql-client.js';

/**
 * What the API tells the web app it may do: the statuses the caller may choose, whether they may
 * reschedule, what a change would do before it is made, and the next session of a purchase.
 */

let api: SeededApi;
let reception: GraphqlClient;
let finance: GraphqlClient;
/** The server's clock: fixed, moved by a test to just before an appointment. */
let clock = NOW;

beforeAll(async () => {
  api = await startSeededApi({ now: () => clock });
  reception = await api.as(DEMO_EMAILS.reception);
  finance = await api.as(DEMO_EMAILS.finance);
});
afterAll(() => api?.close());

const ACTIONS = `query ($id: ID!) { node(id: $id) { ... on Appointment {
  status sessionNumberInPackage packagePurchase { totalSessions }
  allowedTransitions canReschedule
  cancel: consequenceOf(status: CANCELLED) { kind consumesSession requiresConfirmation fee sessionNumber totalSessions lateCancellationWindowHours message }
  complete: consequenceOf(status: COMPLETED) { kind consumesSession requiresConfirmation }
} } }`;

interface Consequence {
  kind: string;
  consumesSession: boolean;
  requiresConfirmation: boolean;
  fee?: string | null;
  sessionNumber?: number | null;
  totalSessions?: number | null;
  message?: string;
}
interface Actions {
  node: {
    status: string;
    sessionNumberInPackage: number;
    packagePurchase: { totalSessions: number };
    allowedTransitions: string[];
    canReschedule: boolean;
    cancel: Consequence;
    complete: Consequence;
  };
}

/** The first open package session of the demo data after NOW, and its start. */
async function openSessionAfter(hours: number): Promise<{ id: string; startsAt: Date }> {
  const [row] = await sqlRows<{ id: string; starts_at: Date }>(
    api.db,
    `select id, starts_at from appointment where package_purchase_id is not null and status in ('BOOKED', 'CONFIRMED')
      and starts_at > $1::timestamptz + make_interval(hours => $2) order by starts_at limit 1`,
    [NOW.toISOString(), hours],
  );
  if (!row) throw new Error('no open package session in the demo data');
  return { id: globalIdOf('Appointment', row.id), startsAt: new Date(row.starts_at) };
}

describe('what a caller may do with an appointment', () => {
  it('states a late cancellation uses the session, before the desk confirms it; the change then does exactly that', async () => {
    const { id, startsAt } = await openSessionAfter(0);
    clock = new Date(startsAt.getTime() - 3 * 3_600_000);
    reception = await signIn(api.url, DEMO_EMAILS.reception); // a session signed in at the new "now"
    const { node } = await reception.data<Actions>(ACTIONS, { id });
    expect(node.allowedTransitions).toEqual(expect.arrayContaining(['CANCELLED', 'NO_SHOW']));
    expect(node.allowedTransitions).not.toContain('COMPLETED');
    expect(node.canReschedule).toBe(true);
    expect(node.cancel).toEqual({
      kind: 'LATE_CANCELLATION_CONSUMES',
      consumesSession: true,
      requiresConfirmation: true,
      fee: null,
      sessionNumber: node.sessionNumberInPackage,
      totalSessions: node.packagePurchase.totalSessions,
      lateCancellationWindowHours: 24,
      message: `This late cancellation (less than 24 hours before the start) uses session ${node.sessionNumberInPackage} of ${node.packagePurchase.totalSessions} of the package, under the clinic's policy.`,
    });
    expect(node.complete).toEqual({ kind: 'EARLY_COMPLETION', consumesSession: true, requiresConfirmation: true });

    const changed = await reception.data<{ setAppointmentStatus: { appointment: { sessionConsumed: boolean; allowedTransitions: string[]; canReschedule: boolean } } }>(
      `mutation ($input: SetAppointmentStatusInput!) { setAppointmentStatus(input: $input) { appointment { sessionConsumed allowedTransitions canReschedule } } }`,
      { input: { appointmentId: id, status: 'CANCELLED', reason: 'Family emergency' } },
    );
    expect(changed.setAppointmentStatus.appointment).toEqual({ sessionConsumed: true, allowedTransitions: [], canReschedule: false });
  });

  it('offers finance nothing to change and no reschedule, and asking changes nothing', async () => {
    const { id } = await openSessionAfter(25);
    const before = await stateFingerprint(api.db);
    const { node } = await finance.data<Actions>(ACTIONS, { id });
    expect(node.allowedTransitions).toEqual([]);
    expect(node.canReschedule).toBe(false);
    expect(node.cancel).toMatchObject({ kind: 'NONE', consumesSession: false, requiresConfirmation: false });
    expect(await stateFingerprint(api.db)).toBe(before);
  });
});

afterEach(async () => {
  clock = NOW;
  reception = await signIn(api.url, DEMO_EMAILS.reception);
});

describe('the next session of a purchase', () => {
  it('answers the lowest free session number and its service, as booking takes it', async () => {
    const [row] = await sqlRows<{ id: string; total_sessions: number }>(
      api.db,
      `select p.id, p.total_sessions from package_purchase p where p.status = 'ACTIVE'
        and exists (select 1 from appointment a where a.package_purchase_id = p.id) order by p.created_at limit 1`,
    );
    const id = globalIdOf('PackagePurchase', row!.id);
    const held = await sqlRows<{ n: number }>(
      api.db,
      `select session_number_in_package as n from appointment where package_purchase_id = $1
        and (status not in ('CANCELLED', 'NO_SHOW') or session_consumed)`,
      [row!.id],
    );
    const heldNumbers = new Set(held.map((h) => h.n));
    const lowestFree = Array.from({ length: row!.total_sessions }, (_, i) => i + 1).find((n) => !heldNumbers.has(n)) ?? null;
    const { node } = await reception.data<{ node: { nextSession: { sessionNumber: number; service: { id: string } } | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on PackagePurchase { nextSession { sessionNumber service { id } } } } }`,
      { id },
    );
    expect(node.nextSession?.sessionNumber ?? null).toBe(lowestFree);
  });
});
