import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  GraphqlClient,
  sqlRows,
  startSeededApi,
  type SeededApi,
} from '../testing/graphql-client.js';
import { servedSchema } from '../testing/schema-operations.js';
import { globalId, SchemaWalk, uuidOfGlobalId, type Reach } from '../testing/schema-walk.js';

/**
 * One read policy, whatever the path (docs/domain.md, "Roles"). Each caller walks the whole served
 * schema: every root query field (with every id of both tenants wherever an id goes), `node` with
 * every id of both tenants, and a selection generated from the schema that asks for every field of
 * every object it meets. Then:
 * - a CLINICIAN reached only their own appointments, and only the patients, purchases and invoices
 *   that go with them; every other role of the tenant reached the whole tenant;
 * - nobody reached a row of the other tenant;
 * - an e-mail address came back only to an ADMIN (or an API token, which acts as its ADMIN), and a
 *   user's own e-mail to that user;
 * - no answer was a fault.
 */

let api: SeededApi;
let walk: SchemaWalk;
/** Node type -> table, from the ORM's metadata. */
let tables: Map<string, string>;
let alNoor: string;
let darAlShifa: string;
/** Every global id of each tenant's rows, by node type: what the walk tries with `node`. */
const candidates = new Map<string, string[]>();
/**
 * What the walk tries wherever a root field takes an id: per type, a few rows of each tenant and,
 * for the types a clinician sees only in part, some the clinician may read and some not. Trying
 * every row there made the walk grow with the demo data (over a minute of CI); `node` still tries
 * every row.
 */
const slotIds = new Map<string, string[]>();
const SLOT_SAMPLE = 3;
/** `count` rows spread evenly over `rows` (sorted, so the same data gives the same sample). */
const spread = (rows: Iterable<string>, count: number) => {
  const all = [...rows].sort();
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, index) => all[Math.floor((index * (all.length - 1)) / Math.max(count - 1, 1))]!);
};
/** Per tenant, node type -> uuids. */
const rowsOf = new Map<string, Map<string, Set<string>>>();
let allEmails: string[];
const reaches = new Map<string, Reach>();
let tokenSecret: string;

const WALKERS = ['ADMIN', 'RECEPTIONIST', 'FINANCE', 'CLINICIAN', 'API_TOKEN', 'OTHER_TENANT_ADMIN'] as const;
type Walker = (typeof WALKERS)[number];

async function clientOf(walker: Walker): Promise<GraphqlClient> {
  switch (walker) {
    case 'ADMIN':
      return api.as(DEMO_EMAILS.admin);
    case 'RECEPTIONIST':
      return api.as(DEMO_EMAILS.reception);
    case 'FINANCE':
      return api.as(DEMO_EMAILS.finance);
    case 'CLINICIAN':
      return api.as(DEMO_EMAILS.clinician);
    case 'API_TOKEN':
      return new GraphqlClient(api.url, tokenSecret);
    case 'OTHER_TENANT_ADMIN':
      return api.as(DEMO_EMAILS.otherAdmin);
  }
}

const uuids = async (text: string, values: unknown[]) => new Set((await sqlRows<{ id: string }>(api.db, text, values)).map((row) => row.id));

/** What a clinician may read of each scoped type (plain SQL, not the API). */
async function clinicianRows(email: string) {
  const [{ provider_id: provider }] = (await sqlRows<{ provider_id: string }>(api.db, 'select provider_id from app_user where email = $1', [email])) as [{ provider_id: string }];
  return new Map<string, Set<string>>([
    ['Appointment', await uuids('select id from appointment where provider_id = $1', [provider])],
    ['Patient', await uuids('select distinct patient_id as id from appointment where provider_id = $1', [provider])],
    ['PackagePurchase', await uuids('select distinct package_purchase_id as id from appointment where provider_id = $1 and package_purchase_id is not null', [provider])],
    [
      'Invoice',
      await uuids('select distinct p.invoice_id as id from package_purchase p join appointment a on a.package_purchase_id = p.id where a.provider_id = $1', [provider]),
    ],
  ]);
}

beforeAll(async () => {
  api = await startSeededApi({ logQueries: false });
  walk = new SchemaWalk(await servedSchema());
  const admin = await api.as(DEMO_EMAILS.admin);
  ({ createApiToken: { secret: tokenSecret } } = await admin.data<{ createApiToken: { secret: string } }>('mutation { createApiToken(input: { name: "read policy walk" }) { secret } }'));
  const tenantOf = async (email: string) => ((await sqlRows<{ t: string }>(api.db, 'select tenant_id as t from app_user where email = $1', [email]))[0]!).t;
  alNoor = await tenantOf(DEMO_EMAILS.admin);
  darAlShifa = await tenantOf(DEMO_EMAILS.otherAdmin);
  tables = new Map(
    [...walk.nodeTypes].map((type) => {
      const meta = api.db.orm.getMetadata().find(type);
      if (!meta) throw new Error(`no entity for the node type ${type}`);
      return [type, meta.tableName];
    }),
  );
  for (const tenant of [alNoor, darAlShifa]) {
    const byType = new Map<string, Set<string>>();
    for (const [type, table] of tables) byType.set(type, await uuids(`select id from "${table}" where tenant_id = $1 order by id`, [tenant]));
    rowsOf.set(tenant, byType);
  }
  for (const type of tables.keys()) {
    candidates.set(type, [alNoor, darAlShifa].flatMap((tenant) => [...rowsOf.get(tenant)!.get(type)!].map((uuid) => globalId(type, uuid))));
  }
  const clinicians = await clinicianRows(DEMO_EMAILS.clinician);
  for (const type of tables.keys()) {
    const ours = rowsOf.get(alNoor)!.get(type)!;
    const own = clinicians.get(type);
    const sample = own
      ? [...spread(own, SLOT_SAMPLE), ...spread([...ours].filter((id) => !own.has(id)), SLOT_SAMPLE)]
      : spread(ours, SLOT_SAMPLE);
    sample.push(...spread(rowsOf.get(darAlShifa)!.get(type)!, SLOT_SAMPLE));
    slotIds.set(type, sample.map((uuid) => globalId(type, uuid)));
  }
  allEmails = (await sqlRows<{ email: string }>(api.db, 'select email from app_user')).map((row) => row.email);
  await staffWrites();
  // The walks only read: all at once, each as its own caller.
  const clients = await Promise.all(WALKERS.map(clientOf));
  const walks = await Promise.all(clients.map((client) => walk.walk(client, candidates, { slotIds })));
  WALKERS.forEach((walker, index) => reaches.set(walker, walks[index]!));
}, 600_000);
afterAll(() => api?.close());

let sharedPurchase: string;
let hudasSession: string;

/**
 * The demo history is the system's own; staff make some, so that history has authors: the front
 * desk moves one of Huda's package sessions to Nada (the purchase now has sessions with two
 * clinicians) and confirms another, and the ADMIN confirms one of Nada's.
 */
async function staffWrites() {
  const reception = await api.as(DEMO_EMAILS.reception);
  const admin = await api.as(DEMO_EMAILS.admin);
  const [{ provider_id: huda }] = (await sqlRows<{ provider_id: string }>(api.db, 'select provider_id from app_user where email = $1', [DEMO_EMAILS.clinician])) as [
    { provider_id: string },
  ];
  const [{ id: nada }] = (await sqlRows<{ id: string }>(api.db, `select id from provider where name = 'Nada Al-Shammari'`)) as [{ id: string }];
  const sessions = await sqlRows<{ id: string; purchase: string; service: string; patient: string; day: string }>(
    api.db,
    `select a.id, a.package_purchase_id as purchase, a.service_id as service, a.patient_id as patient, to_char(a.starts_at, 'YYYY-MM-DD') as day
       from appointment a where a.provider_id = $1 and a.status = 'BOOKED' and a.package_purchase_id is not null and a.starts_at > $2
        and (select count(*) from appointment b where b.package_purchase_id = a.package_purchase_id and b.provider_id = $1 and b.status = 'BOOKED') >= 2
      order by a.package_purchase_id, a.starts_at`,
    [huda, new Date('2026-11-24T06:00:00Z')],
  );
  const moved = sessions[0]!;
  const kept = sessions.find((row) => row.purchase === moved.purchase && row.id !== moved.id)!;
  sharedPurchase = moved.purchase;
  hudasSession = kept.id;
  let slot: string | undefined;
  for (let offset = 0; offset < 14 && !slot; offset += 1) {
    const date = new Date(Date.parse(`${moved.day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const { freeSlots } = await reception.data<{ freeSlots: Array<{ startsAt: string }> }>(
      'query ($p: ID!, $s: ID!, $d: Date!, $pt: ID) { freeSlots(providerId: $p, serviceId: $s, date: $d, patientId: $pt) { startsAt } }',
      { p: globalId('Provider', nada), s: globalId('Service', moved.service), d: date, pt: globalId('Patient', moved.patient) },
    );
    slot = freeSlots[0]?.startsAt;
  }
  const write = async (client: GraphqlClient, document: string, input: Record<string, unknown>) => {
    const data = await client.data<Record<string, { userErrors: unknown[] }>>(document, { input });
    expect(Object.values(data)[0]!.userErrors).toEqual([]);
  };
  await write(
    reception,
    'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code message } } }',
    { appointmentId: globalId('Appointment', moved.id), startsAt: slot, providerId: globalId('Provider', nada) },
  );
  const SET_STATUS = 'mutation ($input: SetAppointmentStatusInput!) { setAppointmentStatus(input: $input) { userErrors { code message } } }';
  await write(reception, SET_STATUS, { appointmentId: globalId('Appointment', kept.id), status: 'CONFIRMED' });
  const [nadas] = await sqlRows<{ id: string }>(api.db, `select id from appointment where provider_id = $1 and status = 'BOOKED' order by starts_at limit 1`, [nada]);
  await write(admin, SET_STATUS, { appointmentId: globalId('Appointment', nadas!.id), status: 'CONFIRMED' });
}

const reachOf = (walker: Walker) => reaches.get(walker)!;
const sorted = (set: Iterable<string> | undefined) => [...(set ?? [])].sort();

describe('the walk', () => {
  it('asked for every object field reachable from Query', () => {
    const missing = [...walk.reachableFields()].filter((field) => !walk.requested.has(field));
    expect(missing).toEqual([]);
  });

  it('answered no fault, refused no walk query as invalid or too costly, and no error on a history or an e-mail', () => {
    for (const walker of WALKERS) {
      const errors = reachOf(walker).errors;
      expect(errors.filter((e) => ['INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT'].includes(String(e.code))), walker).toEqual([]);
      expect(errors.filter((e) => /history|email|actor/.test(e.path)), walker).toEqual([]);
    }
  });
});

describe('a role reaches the same rows by every path', () => {
  it('ADMIN, RECEPTIONIST, FINANCE and an API token reach the whole tenant, and nothing of another', async () => {
    for (const walker of ['ADMIN', 'RECEPTIONIST', 'FINANCE', 'API_TOKEN'] as const) {
      const reach = reachOf(walker);
      for (const [type, rows] of rowsOf.get(alNoor)!) {
        if (['Appointment', 'Patient', 'PackagePurchase', 'Invoice'].includes(type)) expect({ walker, type, ids: sorted(reach.ids.get(type)) }).toEqual({ walker, type, ids: sorted(rows) });
        else expect({ walker, type, outside: sorted(reach.ids.get(type)).filter((id) => !rows.has(id)) }).toEqual({ walker, type, outside: [] });
      }
    }
  });

  it('a CLINICIAN reaches exactly their own appointments and the patients, purchases and invoices that go with them', async () => {
    const reach = reachOf('CLINICIAN');
    const own = await clinicianRows(DEMO_EMAILS.clinician);
    expect(own.get('Appointment')!.size).toBeGreaterThan(0);
    for (const [type, rows] of own) expect({ type, ids: sorted(reach.ids.get(type)) }).toEqual({ type, ids: sorted(rows) });
    for (const [type, rows] of rowsOf.get(alNoor)!) {
      expect({ type, outside: sorted(reach.ids.get(type)).filter((id) => !rows.has(id)) }).toEqual({ type, outside: [] });
    }
  });

  it("another tenant's ADMIN reaches none of Al Noor's rows, by any path", () => {
    const reach = reachOf('OTHER_TENANT_ADMIN');
    const theirs = rowsOf.get(alNoor)!;
    for (const [type, rows] of theirs) expect({ type, leaked: sorted(reach.ids.get(type)).filter((id) => rows.has(id)) }).toEqual({ type, leaked: [] });
    expect(sorted(reach.ids.get('Appointment'))).toEqual(sorted(rowsOf.get(darAlShifa)!.get('Appointment')));
  });
});

describe('staff e-mail addresses', () => {
  it('come back to an ADMIN (and an API token) for the users of their tenant', () => {
    for (const walker of ['ADMIN', 'API_TOKEN'] as const) {
      const users = reachOf(walker).users;
      expect(users.length, walker).toBeGreaterThan(0);
      expect(users.filter((user) => typeof user.email !== 'string'), walker).toEqual([]);
    }
  });

  it('never come back to another role, by any path; a user sees their own', async () => {
    for (const walker of ['RECEPTIONIST', 'FINANCE', 'CLINICIAN'] as const) {
      const email = { RECEPTIONIST: DEMO_EMAILS.reception, FINANCE: DEMO_EMAILS.finance, CLINICIAN: DEMO_EMAILS.clinician }[walker];
      const [{ id: self }] = (await sqlRows<{ id: string }>(api.db, 'select id from app_user where email = $1', [email])) as [{ id: string }];
      const reach = reachOf(walker);
      const others = reach.users.filter((user) => user.id !== self);
      expect(others.length, `${walker} reached other users`).toBeGreaterThan(0);
      expect(others.filter((user) => user.email !== null), walker).toEqual([]);
      const shown = allEmails.filter((address) => address !== email && reach.texts.some((text) => text.includes(address)));
      expect(shown, walker).toEqual([]);
    }
  });
});

describe('what a write answers follows the same policy', () => {
  it("a clinician's setAppointmentStatus answers only what the clinician may read; the counts stay whole", async () => {
    const own = await clinicianRows(DEMO_EMAILS.clinician);
    const clinician = await clientOf('CLINICIAN');
    const answer = await clinician.request(
      `mutation ($input: SetAppointmentStatusInput!) { setAppointmentStatus(input: $input) ${walk.payloadSelection('setAppointmentStatus')} }`,
      { input: { appointmentId: globalId('Appointment', hudasSession), status: 'ARRIVED' } },
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    const reach: Reach = { ids: new Map(), users: [], errors: [], texts: [] };
    SchemaWalk.scan(reach, answer);
    expect(reach.ids.get('Appointment')?.has(hudasSession)).toBe(true);
    for (const [type, rows] of own) expect({ type, outside: sorted(reach.ids.get(type)).filter((id) => !rows.has(id)) }).toEqual({ type, outside: [] });
    const [{ id: self }] = (await sqlRows<{ id: string }>(api.db, 'select id from app_user where email = $1', [DEMO_EMAILS.clinician])) as [{ id: string }];
    expect(reach.users.filter((user) => user.email !== null && user.id !== self)).toEqual([]);
    // The purchase has sessions with another clinician: its counts take them, its list does not.
    const progress = (answer.data as { setAppointmentStatus: { packagePurchase: { id: string; progress: Record<string, unknown> & { appointments: Array<{ id: string }> } } } })
      .setAppointmentStatus.packagePurchase;
    expect(uuidOfGlobalId(progress.id)).toBe(sharedPurchase);
    const [counts] = await sqlRows<{ live: number; mine: number; others: number }>(
      api.db,
      `select count(*) filter (where status not in ('CANCELLED', 'COMPLETED', 'NO_SHOW'))::int as live,
              count(*) filter (where provider_id = (select provider_id from app_user where email = $2))::int as mine,
              count(*) filter (where provider_id <> (select provider_id from app_user where email = $2))::int as others
         from appointment where package_purchase_id = $1`,
      [sharedPurchase, DEMO_EMAILS.clinician],
    );
    expect(progress.progress['scheduledAppointments']).toBe(counts!.live);
    expect(progress.progress.appointments).toHaveLength(counts!.mine);
    expect(counts!.others).toBeGreaterThan(0);
  });
});
