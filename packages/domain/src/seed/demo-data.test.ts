import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { verifyPassword } from '../tenancy/password.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import type { Actor } from '../kernel/actor.js';
import { availablePackages } from '../purchases/available-packages.js';
import { expirePurchases } from '../purchases/expire-purchases.js';
import { schedulePackage } from '../scheduling/schedule-package.js';
import { deskSteps } from './demo-desk.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT_SLUG, isDemoInstallation, seedDemoData, type DemoDataOutcome } from './demo-data.js';

/** A Tuesday, 09:00 in Riyadh. */
const NOW = new Date('2026-11-24T06:00:00Z');
const ZONE = 'Asia/Riyadh';

async function rows<T>(sql: pg.Pool, text: string, values: unknown[] = []): Promise<T[]> {
  return (await sql.query(text, values)).rows as T[];
}

async function tenantId(sql: pg.Pool, slug: string): Promise<string> {
  const [row] = await rows<{ id: string }>(sql, 'select id from tenant where slug = $1', [slug]);
  if (!row) throw new Error(`no tenant ${slug}`);
  return row.id;
}

/**
 * What must hold of the demo data whenever it is loaded; each check answers the offending rows,
 * so a failure names them.
 */
async function inconsistencies(sql: pg.Pool, now: Date): Promise<Record<string, unknown[]>> {
  const today = localDateOf(now, ZONE);
  const purchases = await rows<{ id: string; status: string; used: number; total: number; expiry: string; consumed: number; given_back: boolean }>(
    sql,
    `select p.id, p.status, p.sessions_used as used, p.total_sessions as total, p.expiry_date::text as expiry,
            p.refunded + p.transferred_out > 0 and p.liability = 0 as given_back,
            count(a.id) filter (where a.session_consumed)::int as consumed
       from package_purchase p left join appointment a on a.package_purchase_id = p.id
      group by p.id`,
  );
  const expectedStatus = (p: (typeof purchases)[number]) =>
    p.given_back ? 'CANCELLED' : p.used === p.total ? 'COMPLETED' : p.expiry < today ? 'EXPIRED' : 'ACTIVE';
  return {
    usageNotCountedFromAppointments: purchases.filter((p) => p.used !== p.consumed),
    statusNotFollowingUsageAndExpiry: purchases.filter((p) => p.status !== expectedStatus(p)),
    overlapping: await rows(
      sql,
      `select a.number, b.number as other
         from appointment a join appointment b on a.id < b.id
          and (a.provider_id = b.provider_id or a.patient_id = b.patient_id)
          and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')
        where a.status <> 'CANCELLED' and b.status <> 'CANCELLED'`,
    ),
    outsideWorkingHours: await rows(
      sql,
      `select a.number, a.starts_at from appointment a join clinic c on c.id = a.clinic_id
        where not exists (
          select 1 from working_hours w
           where w.provider_id = a.provider_id and w.clinic_id = a.clinic_id
             and w.weekday = extract(dow from a.starts_at at time zone c.time_zone)
             and (a.starts_at at time zone c.time_zone)::date = (a.ends_at at time zone c.time_zone)::date
             and (a.starts_at at time zone c.time_zone)::time >= w.start_time
             and (a.ends_at at time zone c.time_zone)::time <= w.end_time)`,
    ),
    duringTimeOff: await rows(
      sql,
      `select a.number from appointment a join time_off t on t.provider_id = a.provider_id
        where a.status <> 'CANCELLED' and tstzrange(a.starts_at, a.ends_at) && tstzrange(t.starts_at, t.ends_at)`,
    ),
    durationNotTheService: await rows(
      sql,
      `select a.number from appointment a join service s on s.id = a.service_id
        where a.ends_at - a.starts_at <> make_interval(mins => s.duration_minutes)`,
    ),
    outsidePurchaseDates: await rows(
      sql,
      `select a.number from appointment a
         join package_purchase p on p.id = a.package_purchase_id
         join clinic c on c.id = a.clinic_id
        where (a.starts_at at time zone c.time_zone)::date not between p.purchase_date and p.expiry_date`,
    ),
    deliveredButNotPast: await rows(
      sql,
      `select a.number from appointment a
        where (a.status = 'COMPLETED' and a.ends_at > $1) or (a.status = 'NO_SHOW' and a.starts_at > $1)`,
      [now],
    ),
    // Only today's desk has visits still booked after their start (late) or under way.
    bookedButNotAhead: await rows(
      sql,
      `select a.number from appointment a join clinic c on c.id = a.clinic_id
        where (a.status in ('BOOKED', 'CONFIRMED') and a.starts_at <= $1 and (a.starts_at at time zone c.time_zone)::date < $2::date)
           or (a.status in ('ARRIVED', 'IN_PROGRESS') and (a.starts_at at time zone c.time_zone)::date <> $2::date)
           or (a.status = 'IN_PROGRESS' and a.starts_at > $1)`,
      [now, today],
    ),
    sessionNumberTwiceLive: await rows(
      sql,
      `select package_purchase_id, session_number_in_package from appointment
        where package_purchase_id is not null and status <> 'CANCELLED'
        group by 1, 2 having count(*) > 1`,
    ),
    paidInvoiceWithoutPurchase: await rows(
      sql,
      `select i.number from invoice i left join package_purchase p on p.invoice_id = i.id
        where (i.status = 'PAID') <> (p.id is not null)`,
    ),
    badNumbers: await rows(
      sql,
      `select number from appointment where number !~ '^APT-\\d{4}-\\d{6}$'
       union all select number from invoice where number !~ '^INV-\\d{4}-\\d{6}$'`,
    ),
  };
}

const NO_INCONSISTENCIES = {
  usageNotCountedFromAppointments: [],
  statusNotFollowingUsageAndExpiry: [],
  overlapping: [],
  outsideWorkingHours: [],
  duringTimeOff: [],
  durationNotTheService: [],
  outsidePurchaseDates: [],
  deliveredButNotPast: [],
  bookedButNotAhead: [],
  sessionNumberTwiceLive: [],
  paidInvoiceWithoutPurchase: [],
  badNumbers: [],
};

describe('seedDemoData', () => {
  let db: TestDatabase;
  let alNoor: string;
  let darAlShifa: string;
  let outcome: DemoDataOutcome;

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 4 });
    outcome = await seedDemoData(db.orm, { now: NOW });
    alNoor = await tenantId(db.sql, 'al-noor');
    darAlShifa = await tenantId(db.sql, 'dar-al-shifa');
  });
  afterAll(() => db.drop());

  const countIn = async (table: string, tenant: string, where = 'true') => {
    const [row] = await rows<{ n: number }>(
      db.sql,
      `select count(*)::int as n from "${table}" where tenant_id = $1 and ${where}`,
      [tenant],
    );
    return row?.n;
  };

  it('loads both tenants, and the database is then a demo installation', async () => {
    expect(outcome).toEqual({ seeded: true });
    expect(await isDemoInstallation(db.orm.em.fork())).toBe(true);
    expect(await rows(db.sql, 'select slug, name from tenant order by slug')).toEqual([
      { slug: 'al-noor', name: 'Al Noor Rehabilitation Center' },
      { slug: 'dar-al-shifa', name: 'Dar Al Shifa Therapy' },
    ]);
  });

  it('creates the demo users with their roles, as DEMO_ACCOUNTS lists them', async () => {
    const users = await rows<{ email: string; role: string; tenant: string }>(
      db.sql,
      'select u.email, u.role, t.name as tenant from app_user u join tenant t on t.id = u.tenant_id order by u.email',
    );
    expect(users).toEqual([
      { email: 'admin@alnoor.test', role: 'ADMIN', tenant: 'Al Noor Rehabilitation Center' },
      { email: 'admin@darshifa.test', role: 'ADMIN', tenant: 'Dar Al Shifa Therapy' },
      { email: 'clinician@alnoor.test', role: 'CLINICIAN', tenant: 'Al Noor Rehabilitation Center' },
      { email: 'finance@alnoor.test', role: 'FINANCE', tenant: 'Al Noor Rehabilitation Center' },
      { email: 'reception@alnoor.test', role: 'RECEPTIONIST', tenant: 'Al Noor Rehabilitation Center' },
      { email: 'reception@darshifa.test', role: 'RECEPTIONIST', tenant: 'Dar Al Shifa Therapy' },
    ]);
    expect(DEMO_ACCOUNTS.map(({ email, role, tenant }) => ({ email, role, tenant })).sort((a, b) => a.email.localeCompare(b.email))).toEqual(
      users,
    );
  });

  it('links the clinician user to a speech-language pathologist who has appointments ahead', async () => {
    const [clinician] = await rows<{ clinic: string; ahead: number }>(
      db.sql,
      `select c.name_en as clinic,
              (select count(*)::int from appointment a where a.provider_id = u.provider_id and a.starts_at > $1) as ahead
         from app_user u join provider_clinic pc on pc.provider_id = u.provider_id join clinic c on c.id = pc.clinic_id
        where u.email = 'clinician@alnoor.test'`,
      [NOW],
    );
    expect(clinician?.clinic).toBe('Speech-Language Pathology');
    expect(clinician?.ahead).toBeGreaterThan(0);
    expect(await rows(db.sql, `select email from app_user where provider_id is not null`)).toEqual([{ email: 'clinician@alnoor.test' }]);
  });

  it('stores the demo password as an argon2 hash that accepts it and nothing else', async () => {
    const users = await rows<{ email: string; hash: string }>(db.sql, 'select email, password_hash as hash from app_user');
    const admin = users.find((user) => user.email === 'admin@alnoor.test');
    expect(admin?.hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin!.hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin!.hash, 'demo-pass-2025')).toBe(false);
    expect(await verifyPassword(admin!.hash, '')).toBe(false);
    // Hashed once for everyone: the users share one hash.
    expect(new Set(users.map((user) => user.hash)).size).toBe(1);
  });

  it('builds the catalogue of Al Noor: two clinics, three services, three packages with their lines', async () => {
    expect(await rows(db.sql, 'select name_en, time_zone from clinic where tenant_id = $1 order by name_en', [alNoor])).toEqual([
      { name_en: 'Occupational Therapy', time_zone: 'Asia/Riyadh' },
      { name_en: 'Speech-Language Pathology', time_zone: 'Asia/Riyadh' },
    ]);
    expect(await rows(db.sql, 'select code, duration_minutes as minutes from service where tenant_id = $1 order by code', [alNoor])).toEqual([
      { code: 'OT-THERAPY', minutes: 45 },
      { code: 'SLP-ASSESS', minutes: 60 },
      { code: 'SLP-THERAPY', minutes: 45 },
    ]);
    const packages = await rows<{ name: string; days: number; total: number; lines: string }>(
      db.sql,
      `select p.name_en as name, p.validity_days as days, p.total_sessions as total,
              string_agg(s.code || ' x' || l.sessions, ', ' order by l.position) as lines
         from package p join package_service_line l on l.package_id = p.id join service s on s.id = l.service_id
        where p.tenant_id = $1 group by p.id order by p.name_en`,
      [alNoor],
    );
    expect(packages).toEqual([
      { name: '10 SLP Sessions', days: 90, total: 10, lines: 'SLP-THERAPY x10' },
      { name: '12 OT Sessions', days: 120, total: 12, lines: 'OT-THERAPY x12' },
      { name: 'SLP Assessment + 8 Sessions', days: 120, total: 9, lines: 'SLP-ASSESS x1, SLP-THERAPY x8' },
    ]);
  });

  it('gives Al Noor five providers working Sunday to Thursday with a break, one with a week off', async () => {
    const providers = await rows<{ clinic: string; n: number }>(
      db.sql,
      `select c.name_en as clinic, count(*)::int as n from provider_clinic pc join clinic c on c.id = pc.clinic_id
        where pc.tenant_id = $1 group by c.name_en order by c.name_en`,
      [alNoor],
    );
    expect(providers).toEqual([
      { clinic: 'Occupational Therapy', n: 2 },
      { clinic: 'Speech-Language Pathology', n: 3 },
    ]);
    const week = await rows<{ weekday: number; start: string; end: string }>(
      db.sql,
      `select distinct weekday, start_time::text as start, end_time::text as end from working_hours
        where tenant_id = $1 order by weekday, start`,
      [alNoor],
    );
    expect(week).toEqual(
      [0, 1, 2, 3, 4].flatMap((weekday) => [
        { weekday, start: '08:00:00', end: '12:00:00' },
        { weekday, start: '13:00:00', end: '16:00:00' },
      ]),
    );
    expect(await countIn('working_hours', alNoor)).toBe(5 * 10);
    const [timeOff] = await rows<{ days: number; starts: string }>(
      db.sql,
      `select extract(day from ends_at - starts_at)::int as days, (starts_at at time zone 'Asia/Riyadh')::date::text as starts
         from time_off where tenant_id = $1`,
      [alNoor],
    );
    expect(timeOff?.days).toBe(7);
    expect(timeOff!.starts > localDateOf(NOW, ZONE)).toBe(true);
  });

  it('registers about twenty patients with English and Arabic names', async () => {
    const patients = await rows<{ mrn: string; name_en: string; name_ar: string; date_of_birth: string; phone: string }>(
      db.sql,
      'select mrn, name_en, name_ar, date_of_birth::text, phone from patient where tenant_id = $1 order by mrn',
      [alNoor],
    );
    // 20, 5 of the purchases beyond use (a refund, a freeze, a transfer between siblings, a waived no-show),
    // 1 of the waitlist (a purchase at risk, waiting for a slot), and 5 of today's desk (a first session today).
    expect(patients).toHaveLength(31);
    expect(patients[0]?.mrn).toBe('MRN-100001');
    for (const patient of patients) {
      expect(patient.name_en).toMatch(/^[A-Za-z' -]+$/);
      expect(patient.name_ar).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(patient.date_of_birth < localDateOf(NOW, ZONE)).toBe(true);
      expect(patient.phone).toMatch(/^\+966 5\d \d{3} \d{4}$/);
    }
  });

  it('sells Al Noor purchases in every state, and leaves one invoice unpaid', async () => {
    const states = await rows<{ package: string; status: string; used: number; total: number }>(
      db.sql,
      `select k.name_en as package, p.status, p.sessions_used as used, p.total_sessions as total
         from package_purchase p join package k on k.id = p.package_id
        where p.tenant_id = $1 order by p.purchase_date`,
      [alNoor],
    );
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(['ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELLED']));
    // Freshly bought and unscheduled; half used; fully used; expired; OT partly used.
    expect(states).toContainEqual({ package: '10 SLP Sessions', status: 'ACTIVE', used: 0, total: 10 });
    expect(states).toContainEqual({ package: '10 SLP Sessions', status: 'ACTIVE', used: 5, total: 10 });
    expect(states).toContainEqual({ package: 'SLP Assessment + 8 Sessions', status: 'COMPLETED', used: 9, total: 9 });
    expect(states.some((s) => s.status === 'EXPIRED' && s.used > 0 && s.used < s.total)).toBe(true);
    expect(states.some((s) => s.package === '12 OT Sessions' && s.status === 'ACTIVE' && s.used > 0)).toBe(true);

    const unpaid = await rows<{ status: string; purchase: string | null }>(
      db.sql,
      `select i.status, p.id as purchase from invoice i left join package_purchase p on p.invoice_id = i.id
        where i.tenant_id = $1 and i.status <> 'PAID'`,
      [alNoor],
    );
    expect(unpaid).toEqual(expect.arrayContaining([{ status: 'ISSUED', purchase: null }, { status: 'VOID', purchase: null }]));
    expect(unpaid).toHaveLength(2);
  });

  it('runs money through the use cases in Al Noor: an invoice paid in two parts, a partly paid one, a void one with its reason', async () => {
    const invoices = await rows<{ mrn: string; status: string; total: string; paid: string; void_reason: string | null; payments: string[] | null }>(
      db.sql,
      `select pt.mrn, i.status, i.total::text, i.amount_paid::text as paid, i.void_reason,
              (select array_agg(y.method || ' ' || y.amount::text order by y.received_at) from payment y where y.invoice_id = i.id) as payments
         from invoice i join patient pt on pt.id = i.patient_id
        where i.tenant_id = $1 and pt.mrn in ('MRN-100014', 'MRN-100015', 'MRN-100017') and i.created_at > $2
        order by pt.mrn`,
      [alNoor, new Date(NOW.getTime() - 3 * 86_400_000)],
    );
    expect(invoices).toEqual([
      { mrn: 'MRN-100014', status: 'PAID', total: '3105.00', paid: '3105.00', void_reason: null, payments: ['CASH 1000.00', 'CARD 2105.00'] },
      { mrn: 'MRN-100015', status: 'ISSUED', total: '3450.00', paid: '1000.00', void_reason: null, payments: ['CASH 1000.00'] },
      { mrn: 'MRN-100017', status: 'VOID', total: '3450.00', paid: '0.00', void_reason: 'Issued for the wrong package: the family chose speech therapy.', payments: null },
    ]);
    // The settling payment created the purchase and its SOLD entry (net of tax), dated yesterday in Riyadh.
    const ledger = await rows<{ kind: string; amount: string; occurred_on: string; liability: string }>(
      db.sql,
      `select l.kind, l.amount::text, l.occurred_on::text, p.liability::text from ledger_entry l
         join package_purchase p on p.id = l.package_purchase_id join invoice i on i.id = p.invoice_id
         join patient pt on pt.id = i.patient_id
        where pt.tenant_id = $1 and pt.mrn = 'MRN-100014' and i.status = 'PAID' and i.created_at > $2`,
      [alNoor, new Date(NOW.getTime() - 3 * 86_400_000)],
    );
    expect(ledger).toEqual([{ kind: 'SOLD', amount: '2700.00', occurred_on: addDays(localDateOf(NOW, ZONE), -1), liability: '2700.00' }]);
    const audited = await rows<{ operation: string }>(
      db.sql,
      `select distinct e.operation from audit_event e join invoice i on i.id = e.entity_id join patient pt on pt.id = i.patient_id
        where pt.tenant_id = $1 and pt.mrn in ('MRN-100014', 'MRN-100017') and e.operation <> 'seed' order by 1`,
      [alNoor],
    );
    expect(audited.map((row) => row.operation)).toEqual(['purchasePackage', 'recordPayment', 'voidInvoice']);
  });

  it('tells a purchase beyond use: a refund, a freeze, a transfer between siblings, a waived no-show', async () => {
    const story = await rows<{ mrn: string; status: string; refunded: string; frozen_days: number; transferred: string; waived: number }>(
      db.sql,
      `select t.mrn, p.status, p.refunded::text, p.frozen_days, greatest(p.transferred_out, p.transferred_in)::text as transferred,
              (select count(*)::int from appointment a where a.package_purchase_id = p.id and a.status = 'NO_SHOW' and a.waived_at is not null and not a.session_consumed) as waived
         from package_purchase p join patient t on t.id = p.patient_id
        where p.tenant_id = $1 and t.mrn between 'MRN-100101' and 'MRN-100105' order by t.mrn`,
      [alNoor],
    );
    expect(story).toEqual([
      { mrn: 'MRN-100101', status: 'CANCELLED', refunded: '2700.00', frozen_days: 0, transferred: '0.00', waived: 0 },
      { mrn: 'MRN-100102', status: 'ACTIVE', refunded: '0.00', frozen_days: 14, transferred: '0.00', waived: 0 },
      { mrn: 'MRN-100103', status: 'CANCELLED', refunded: '0.00', frozen_days: 0, transferred: expect.stringMatching(/^[1-9]\d*\.\d\d$/), waived: 0 },
      { mrn: 'MRN-100104', status: 'ACTIVE', refunded: '0.00', frozen_days: 0, transferred: story[2]!.transferred, waived: 0 },
      { mrn: 'MRN-100105', status: 'ACTIVE', refunded: '0.00', frozen_days: 0, transferred: '0.00', waived: 1 },
    ]);
  });

  it('books the half-used package as the story says: sessions 1-5 delivered, 6 and 7 ahead', async () => {
    const sessions = await rows<{ session: number; status: string; consumed: boolean; past: boolean }>(
      db.sql,
      `select a.session_number_in_package as session, a.status, a.session_consumed as consumed, a.ends_at <= $2 as past
         from appointment a join package_purchase p on p.id = a.package_purchase_id
         join patient pt on pt.id = p.patient_id
        where pt.tenant_id = $1 and pt.mrn = 'MRN-100001' order by a.starts_at`,
      [alNoor, NOW],
    );
    expect(sessions).toEqual([
      ...[1, 2, 3, 4, 5].map((session) => ({ session, status: 'COMPLETED', consumed: true, past: true })),
      { session: 6, status: 'BOOKED', consumed: false, past: false },
      { session: 7, status: 'BOOKED', consumed: false, past: false },
    ]);
  });

  it("fills today's desk: both clinics, package sessions and single visits, in the states of 09:00", async () => {
    const day = await rows<{ clinic: string; time: string; provider: string; status: string; package: boolean }>(
      db.sql,
      `select c.name_en as clinic, to_char(a.starts_at at time zone c.time_zone, 'HH24:MI') as time, p.name as provider,
              a.status, a.package_purchase_id is not null as package
         from appointment a join clinic c on c.id = a.clinic_id join provider p on p.id = a.provider_id
        where a.tenant_id = $1 and (a.starts_at at time zone c.time_zone)::date = $2::date
        order by c.name_en, a.starts_at, p.name`,
      [alNoor, localDateOf(NOW, ZONE)],
    );
    // The desk opens on the first clinic by name: Occupational Therapy.
    const ot = day.filter((a) => a.clinic === 'Occupational Therapy');
    expect(ot.map(({ time, provider, status }) => `${time} ${provider} ${status}`)).toEqual([
      '08:00 Lina Farouk COMPLETED',
      '08:00 Tariq Al-Zahrani NO_SHOW',
      '08:45 Lina Farouk IN_PROGRESS',
      '08:45 Tariq Al-Zahrani BOOKED', // late: past its start, not arrived
      '09:30 Lina Farouk ARRIVED',
      '10:00 Tariq Al-Zahrani CONFIRMED',
      '11:00 Lina Farouk BOOKED',
      '13:00 Tariq Al-Zahrani CONFIRMED',
    ]);
    expect(new Set(ot.map((a) => a.package))).toEqual(new Set([true, false]));
    const slp = day.filter((a) => a.clinic === 'Speech-Language Pathology');
    expect(slp.length).toBeGreaterThanOrEqual(6);
    expect(new Set(slp.map((a) => a.status))).toEqual(new Set(['COMPLETED', 'NO_SHOW', 'IN_PROGRESS', 'ARRIVED', 'CONFIRMED', 'BOOKED']));
  });

  it('tells the desk states from the time: all ahead at 07:00, all done at 17:00, a no-show only after the start', () => {
    const start = new Date('2026-11-24T07:00:00Z'); // 10:00 in Riyadh
    const end = new Date(start.getTime() + 45 * 60_000);
    const last = (intent: Parameters<typeof deskSteps>[0], now: Date) => deskSteps(intent, start, end, now).at(-1)?.status ?? 'BOOKED';
    const early = new Date('2026-11-24T04:00:00Z');
    const evening = new Date('2026-11-24T14:00:00Z');
    expect((['visit', 'booked', 'waiting', 'late', 'noShow'] as const).map((intent) => last(intent, early))).toEqual(['CONFIRMED', 'BOOKED', 'CONFIRMED', 'BOOKED', 'CONFIRMED']);
    expect((['visit', 'booked', 'waiting', 'late', 'noShow'] as const).map((intent) => last(intent, evening))).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_SHOW', 'NO_SHOW']);
    expect(last('noShow', new Date(start.getTime() + 10 * 60_000))).toBe('CONFIRMED');
    for (const now of [early, start, evening]) for (const step of deskSteps('visit', start, end, now)) expect(step.at <= now).toBe(true);
  });

  it('also books single appointments outside any package', async () => {
    expect(await countIn('appointment', alNoor, 'package_purchase_id is null')).toBeGreaterThanOrEqual(3);
  });

  it('gives Dar Al Shifa its own small clinic', async () => {
    expect({
      clinics: await countIn('clinic', darAlShifa),
      services: await countIn('service', darAlShifa),
      providers: await countIn('provider', darAlShifa),
      workingHours: await countIn('working_hours', darAlShifa),
      packages: await countIn('package', darAlShifa),
      users: await countIn('app_user', darAlShifa),
      policies: await countIn('cancellation_policy', darAlShifa),
    }).toEqual({ clinics: 1, services: 1, providers: 2, workingHours: 20, packages: 1, users: 2, policies: 1 });
    expect(await countIn('patient', darAlShifa)).toBeGreaterThanOrEqual(3);
    expect(await countIn('package_purchase', darAlShifa)).toBeGreaterThanOrEqual(2);
  });

  it('records the default cancellation policy for each tenant', async () => {
    expect(
      await rows(
        db.sql,
        `select no_show_consumes_session as no_show, late_cancellation_consumes_session as late, late_cancellation_window_hours as hours
           from cancellation_policy`,
      ),
    ).toEqual([
      { no_show: true, late: true, hours: 24 },
      { no_show: true, late: true, hours: 24 },
    ]);
  });

  it('is consistent: usage counted from appointments, no overlaps, inside working hours and purchase dates', async () => {
    expect(await inconsistencies(db.sql, NOW)).toEqual(NO_INCONSISTENCIES);
  });

  it('writes an audit event by the system for every purchase, invoice and appointment', async () => {
    const [audit] = await rows<{ events: number; with_actor: number }>(
      db.sql,
      `select count(*)::int as events, count(actor_id)::int as with_actor from audit_event where operation = 'seed'`,
    );
    const [subjects] = await rows<{ n: number }>(
      db.sql,
      // What the use cases wrote (the money stories) is audited by its own operation instead; a seeded
      // row a use case changed later (a part payment on a seeded invoice) keeps its seed event too.
      `select count(*)::int as n from (select id from package_purchase union all select id from invoice union all select id from appointment) s
        where not exists (select 1 from audit_event e where e.entity_id = s.id and e.operation <> 'seed')
           or exists (select 1 from audit_event e where e.entity_id = s.id and e.operation = 'seed')`,
    );
    expect(audit).toEqual({ events: subjects?.n, with_actor: 0 });
  });

  it('leaves nothing for the expiry job to do, and the use cases read it as the story says', async () => {
    expect(await expirePurchases(db.orm.em, NOW)).toBe(0);

    const [yousef] = await rows<{ id: string }>(db.sql, `select id from patient where tenant_id = $1 and mrn = 'MRN-100001'`, [alNoor]);
    const receptionist: Actor = { userId: null, tenantId: alNoor, role: 'RECEPTIONIST' };
    const available = await availablePackages({ em: db.orm.em.fork(), actor: receptionist, now: NOW }, { patientId: yousef!.id });
    expect(available.ok && available.value.map((p) => [p.sessionsRemaining, p.sessionsUnscheduled])).toEqual([[5, 3]]);
  });

  it('can auto-schedule the fresh purchase around the provider on leave', async () => {
    const [fresh] = await rows<{ id: string }>(
      db.sql,
      `select id from package_purchase where tenant_id = $1 and status = 'ACTIVE' and sessions_used = 0
          and not exists (select 1 from appointment a where a.package_purchase_id = package_purchase.id)
          and package_id = (select id from package where tenant_id = $1 and name_en = '10 SLP Sessions')
        order by purchase_date desc limit 1`,
      [alNoor],
    );
    const [onLeave] = await rows<{ provider_id: string }>(db.sql, 'select provider_id from time_off where tenant_id = $1', [alNoor]);
    const receptionist: Actor = { userId: null, tenantId: alNoor, role: 'RECEPTIONIST' };
    const schedule = await schedulePackage(
      { em: db.orm.em.fork(), actor: receptionist, now: NOW },
      { packagePurchaseId: fresh!.id, providerId: onLeave!.provider_id, startDate: addDays(localDateOf(NOW, ZONE), 1) },
    );
    expect(schedule.ok && [schedule.value.appointments.length, schedule.value.schedulingErrors]).toEqual([10, []]);
    expect(await inconsistencies(db.sql, NOW)).toEqual(NO_INCONSISTENCIES);
  });

  it('never seeds twice: a second call changes nothing', async () => {
    const before = await db.rowCounts();
    const sequences = 'select (select last_value from appointment_number_seq) as apt, (select last_value from invoice_number_seq) as inv';
    const [numbersBefore] = await rows(db.sql, sequences);

    expect(await seedDemoData(db.orm, { now: new Date(NOW.getTime() + 86_400_000) })).toEqual({ seeded: false, reason: 'already-loaded' });

    expect(await db.rowCounts()).toEqual(before);
    expect((await rows(db.sql, sequences))[0]).toEqual(numbersBefore);
  });
});

describe('seedDemoData on a database that is not empty', () => {
  it('never loads the demo next to a tenant of its own, and says why', async () => {
    const db = await createTestDatabase({ poolSize: 4 });
    try {
      await db.sql.query(`insert into tenant (id, slug, name) values (gen_random_uuid(), 'acme', 'Acme Therapy')`);
      const before = await rows(db.sql, 'select count(*)::int as tenants, (select count(*)::int from app_user) as users from tenant');

      expect(await seedDemoData(db.orm, { now: NOW })).toEqual({ seeded: false, reason: 'not-empty' });

      expect(await rows(db.sql, 'select count(*)::int as tenants, (select count(*)::int from app_user) as users from tenant')).toEqual(before);
      expect(await isDemoInstallation(db.orm.em.fork())).toBe(false);
    } finally {
      await db.drop();
    }
  });

  it('tells a demo installation from a real tenant that took the demo slug', async () => {
    const db = await createTestDatabase({ poolSize: 4 });
    try {
      expect(await isDemoInstallation(db.orm.em.fork())).toBe(false);
      await db.sql.query(`insert into tenant (id, slug, name) values (gen_random_uuid(), $1, 'A real Al Noor')`, [DEMO_TENANT_SLUG]);
      expect(await isDemoInstallation(db.orm.em.fork())).toBe(false);
      expect(await seedDemoData(db.orm, { now: NOW })).toEqual({ seeded: false, reason: 'not-empty' });
    } finally {
      await db.drop();
    }
  });
});

describe('seedDemoData whenever it runs', () => {
  // Each day of a week (Fridays and Saturdays push visits to Sunday), a late evening in Riyadh
  // (already the next day there), a day across a year's end, and a leap day.
  const moments = [
    ...[0, 1, 2, 3, 4, 5, 6].map((day) => new Date(NOW.getTime() + day * 86_400_000)),
    new Date('2026-11-26T21:30:00Z'),
    new Date('2027-01-01T05:00:00Z'),
    new Date('2028-02-29T12:00:00Z'),
  ];

  // Each on a database of its own, and much of a seed is PostgreSQL's work: together, not one by one.
  it.concurrent.for(moments.map((now) => [now.toISOString(), now] as const))('loads consistent data at %s', async ([, now], { expect }) => {
    const db = await createTestDatabase({ poolSize: 4 });
    try {
      expect(await seedDemoData(db.orm, { now })).toEqual({ seeded: true });
      expect(await inconsistencies(db.sql, now)).toEqual(NO_INCONSISTENCIES);
      const statuses = await rows<{ status: string }>(db.sql, 'select distinct status from package_purchase');
      expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['ACTIVE', 'COMPLETED', 'EXPIRED', 'CANCELLED']));
    } finally {
      await db.drop();
    }
  });

  it('lets two servers starting together seed once', async () => {
    const db = await createTestDatabase({ poolSize: 8 });
    try {
      const outcomes = await Promise.all([seedDemoData(db.orm, { now: NOW }), seedDemoData(db.orm, { now: NOW })]);
      expect(outcomes.map((o) => o.seeded).sort()).toEqual([false, true]);
      expect((await db.rowCounts()).tenant).toBe(2);
    } finally {
      await db.drop();
    }
  });
});
