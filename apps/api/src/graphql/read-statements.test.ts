import { getNamedType, isLeafType, isListType, isNonNullType, isObjectType, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availablePackagesView, clinicCalendarView, packageProgressView, type Result, type UseCaseContext } from '@clinic/domain';
import { DEMO_EMAILS, NOW, globalIdOf, sqlRows, startSeededApi, uuidOf, type GraphqlClient, type SeededApi } from '../testing/graphql-client.js';
import { buildGraphqlSchema } from './schema.js';

/**
 * Issue 16: the web app's reads answered from read models, one SQL statement each; with the
 * caller's recognition, at most 2 statements per request. The documents are the web app's own
 * operations. Each answer is checked against the rows themselves (plain SQL), so a read that is
 * cheap but wrong fails.
 */

let api: SeededApi;
let reception: GraphqlClient;
let clinician: GraphqlClient;

const APPOINTMENT_ROW = `
  id number startsAt endsAt status sessionNumberInPackage
  clinic { id timeZone }
  patient { id nameEn nameAr mrn }
  provider { id name nameAr }
  service { id nameEn nameAr }
  packagePurchase { id totalSessions package { id nameEn nameAr } }`;

const PACKAGE_PROGRESS = `query PackageProgressRouteQuery($id: ID!) {
  packageProgress(packagePurchaseId: $id) {
    totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled
    scheduledAppointments completedAppointments cancelledAppointments noShowAppointments
    packagePurchase {
      id status totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled expiryDate purchaseDate
      package { id nameEn nameAr clinic { id timeZone } }
      patient { id nameEn nameAr mrn }
    }
    appointments { ${APPOINTMENT_ROW} }
  }
}`;

const AVAILABLE_PACKAGES = `query AvailablePackagesQuery($patientId: ID!, $clinicId: ID) {
  availablePackages(patientId: $patientId, clinicId: $clinicId) {
    id totalSessions sessionsRemaining sessionsUnscheduled expiryDate
    package { id nameEn nameAr services { service { id } } }
  }
}`;

interface Progress {
  packageProgress: {
    totalSessions: number;
    sessionsUsed: number;
    completedAppointments: number;
    packagePurchase: { id: string; patient: { mrn: string }; package: { nameEn: string; clinic: { timeZone: string } } };
    appointments: Array<{ id: string; sessionNumberInPackage: number; provider: { id: string }; patient: { mrn: string }; service: { nameEn: string }; packagePurchase: { id: string; package: { nameEn: string } } }>;
  } | null;
}

/** The statements the server sent while `work` ran, and its result. */
async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  api.db.resetQueryLog();
  const result = await work();
  return { result, statements: [...api.db.queries] };
}

/** The demo purchase with the most appointments, one of them with the demo clinician. */
let purchase: { id: string; patient_id: string; total_sessions: number; sessions_used: number; mrn: string };
let clinicianProvider: string;

beforeAll(async () => {
  api = await startSeededApi();
  [reception, clinician] = await Promise.all([api.as(DEMO_EMAILS.reception), api.as(DEMO_EMAILS.clinician)]);
  const [user] = await sqlRows<{ provider_id: string }>(api.db, `select provider_id from app_user where email = $1`, [DEMO_EMAILS.clinician]);
  clinicianProvider = user!.provider_id;
  const [found] = await sqlRows<typeof purchase>(
    api.db,
    `select p.id, p.patient_id, p.total_sessions, p.sessions_used, pt.mrn from package_purchase p join patient pt on pt.id = p.patient_id
     where exists (select 1 from appointment a where a.package_purchase_id = p.id and a.provider_id = $1)
     order by (select count(*) from appointment a where a.package_purchase_id = p.id) desc limit 1`,
    [clinicianProvider],
  );
  expect(found, 'the demo data holds a purchase with sessions of the clinician').toBeDefined();
  purchase = found!;
});
afterAll(() => api?.close());

/**
 * What a read model's value lacks of what GraphQL reads from it as `type`: every field no field
 * resolver computes must be there (null only where the schema allows it) and its leaves must
 * serialize; nested objects are walked the same way. A field with a field resolver is walked when
 * the value holds a whole object or list there (the resolvers answer a view's own as it is), and
 * skipped when it holds nothing or a bare reference `{ id }` (the resolver loads that row).
 */
function gapsOf(value: unknown, type: GraphQLOutputType, path: string, resolved: ReadonlySet<string>): string[] {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) return [`${path}: ${value === null ? 'null' : 'missing'} for ${String(type)}`];
    return gapsOf(value, type.ofType, path, resolved);
  }
  if (value === undefined) return [`${path}: missing`];
  if (value === null) return [];
  if (isListType(type)) {
    if (!Array.isArray(value)) return [`${path}: not a list`];
    return value.flatMap((item, index) => gapsOf(item, type.ofType, `${path}[${index}]`, resolved));
  }
  if (isLeafType(type)) {
    try {
      type.serialize(value);
      return [];
    } catch (error) {
      return [`${path}: ${(error as Error).message}`];
    }
  }
  if (!isObjectType(type)) return [];
  const record = value as Record<string, unknown>;
  return Object.values(type.getFields()).flatMap((field) => {
    const held = record[field.name];
    if (resolved.has(`${type.name}.${field.name}`)) {
      const whole = typeof held === 'object' && held !== null && !(held instanceof Date) && Object.keys(held).some((key) => key !== 'id');
      if (!whole || isLeafType(getNamedType(field.type))) return [];
    }
    return gapsOf(held, field.type, `${path}.${field.name}`, resolved);
  });
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
}

describe('packageProgress', () => {
  it('answers the progress screen in at most 2 statements, sign-in check included, and answers it right', async () => {
    const { result, statements } = await statementsOf(() => reception.data<Progress>(PACKAGE_PROGRESS, { id: globalIdOf('PackagePurchase', purchase.id) }));
    expect(statements.length, statements.join('\n')).toBeGreaterThan(0);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);
    const expected = await sqlRows<{ id: string; session_number_in_package: number; provider_id: string; service_name: string }>(
      api.db,
      `select a.id, a.session_number_in_package, a.provider_id, s.name_en as service_name from appointment a join service s on s.id = a.service_id
       where a.package_purchase_id = $1 order by a.session_number_in_package, a.starts_at`,
      [purchase.id],
    );
    const progress = result.packageProgress!;
    expect(progress.totalSessions).toBe(purchase.total_sessions);
    expect(progress.sessionsUsed).toBe(purchase.sessions_used);
    expect(progress.packagePurchase.patient.mrn).toBe(purchase.mrn);
    expect(progress.appointments.map((a) => uuidOf(a.id))).toEqual(expected.map((row) => row.id));
    // Each appointment's provider and service: the statement sends each row once, named by id.
    expect(progress.appointments.map((a) => [uuidOf(a.provider.id), a.service.nameEn])).toEqual(expected.map((row) => [row.provider_id, row.service_name]));
    for (const appointment of progress.appointments) {
      expect(appointment.patient.mrn).toBe(purchase.mrn);
      expect(appointment.packagePurchase.id).toBe(progress.packagePurchase.id);
      expect(appointment.packagePurchase.package.nameEn).toBe(progress.packagePurchase.package.nameEn);
    }
  });

  it('lists a clinician their own sessions only, counts the whole purchase, in at most 2 statements', async () => {
    const { result, statements } = await statementsOf(() => clinician.data<Progress>(PACKAGE_PROGRESS, { id: globalIdOf('PackagePurchase', purchase.id) }));
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);
    const progress = result.packageProgress!;
    const own = await sqlRows<{ id: string }>(
      api.db,
      `select id from appointment where package_purchase_id = $1 and provider_id = $2 order by session_number_in_package, starts_at`,
      [purchase.id, clinicianProvider],
    );
    expect(progress.appointments.map((a) => uuidOf(a.id))).toEqual(own.map((row) => row.id));
    expect(progress.appointments.every((a) => uuidOf(a.provider.id) === clinicianProvider)).toBe(true);
    expect(progress.totalSessions).toBe(purchase.total_sessions);
  });

  it('answers null for an id of nothing, or of a purchase the clinician has no session of', async () => {
    const [other] = await sqlRows<{ id: string }>(
      api.db,
      `select id from package_purchase p where not exists (select 1 from appointment a where a.package_purchase_id = p.id and a.provider_id = $1) limit 1`,
      [clinicianProvider],
    );
    const { packageProgress } = await clinician.data<Progress>(PACKAGE_PROGRESS, { id: globalIdOf('PackagePurchase', other!.id) });
    expect(packageProgress).toBeNull();
    const unknown = await reception.data<Progress>(PACKAGE_PROGRESS, { id: globalIdOf('PackagePurchase', '00000000-0000-4000-8000-000000000000') });
    expect(unknown.packageProgress).toBeNull();
  });
});

describe('availablePackages', () => {
  it("answers the booking screen's choice in at most 2 statements, with each package's services", async () => {
    const { result, statements } = await statementsOf(() =>
      reception.data<{ availablePackages: Array<{ id: string; sessionsRemaining: number; package: { services: Array<{ service: { id: string } }> } }> }>(AVAILABLE_PACKAGES, {
        patientId: globalIdOf('Patient', purchase.patient_id),
      }),
    );
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2);
    const expected = await sqlRows<{ id: string; lines: number }>(
      api.db,
      `select p.id, (select count(*)::int from package_service_line l where l.package_id = p.package_id) as lines
       from package_purchase p join package k on k.id = p.package_id join clinic c on c.id = k.clinic_id
       where p.patient_id = $1 and p.status = 'ACTIVE' and p.sessions_used < p.total_sessions
         and p.expiry_date >= ($2::timestamptz at time zone c.time_zone)::date
       order by p.expiry_date, p.created_at`,
      [purchase.patient_id, NOW.toISOString()],
    );
    expect(result.availablePackages.map((p) => uuidOf(p.id))).toEqual(expected.map((row) => row.id));
    expect(result.availablePackages.map((p) => p.package.services.length)).toEqual(expected.map((row) => row.lines));
    expect(expected.length).toBeGreaterThan(0);
  });
});

const CALENDAR_WEEK = `query CalendarRouteQuery($clinicId: ID!, $from: Date!, $to: Date!) {
  clinicCalendar(clinicId: $clinicId, from: $from, to: $to) {
    timeZone from to
    providers { provider { id name nameAr } working { date startsAt endsAt } unavailable { date startsAt endsAt kind reason } }
    appointments {
      appointmentId providerId startsAt endsAt status patientNameEn patientNameAr serviceCode serviceNameEn serviceNameAr
      sessionNumber sessionTotal inThisClinic canReschedule
    }
  }
}`;

interface CalendarWeek {
  clinicCalendar: {
    providers: Array<{ provider: { id: string; name: string } }>;
    appointments: Array<{ appointmentId: string; providerId: string; status: string; patientNameEn: string; serviceCode: string; sessionNumber: number | null }>;
  };
}

describe("a clinic's calendar week", () => {
  /** The demo clinic with the most appointments in one week, and that week (Sunday to Saturday, clinic-local). */
  let week: { clinic_id: string; from: string; to: string };
  beforeAll(async () => {
    const [found] = await sqlRows<typeof week>(
      api.db,
      `select a.clinic_id, to_char(d.sunday, 'YYYY-MM-DD') as "from", to_char(d.sunday + 6, 'YYYY-MM-DD') as "to"
       from appointment a join clinic c on c.id = a.clinic_id,
       lateral (select ((a.starts_at at time zone c.time_zone)::date - extract(dow from (a.starts_at at time zone c.time_zone))::int) as sunday) d
       group by a.clinic_id, d.sunday order by count(*) desc limit 1`,
    );
    week = found!;
  });

  /** The week's appointments a reader may see, straight from the rows: the providers of the clinic's columns, starting in the week. */
  const expectedRows = (providerId: string | null) =>
    sqlRows<{ id: string; provider_id: string; name_en: string; code: string; status: string }>(
      api.db,
      `select a.id, a.provider_id, pt.name_en, s.code, a.status from appointment a
       join clinic c on c.id = $1 join patient pt on pt.id = a.patient_id join service s on s.id = a.service_id
       where a.provider_id in (select pc.provider_id from provider_clinic pc join provider p on p.id = pc.provider_id where pc.clinic_id = c.id and pc.active and p.active)
         and a.starts_at >= ($2::date::timestamp at time zone c.time_zone) and a.starts_at < (($3::date + 1)::timestamp at time zone c.time_zone)
         and ($4::uuid is null or a.provider_id = $4)
       order by a.starts_at, a.id`,
      [week.clinic_id, week.from, week.to, providerId],
    );

  it('answers the calendar in one statement once the caller is known (2 at most with the sign-in check), and answers it right', async () => {
    const variables = { clinicId: globalIdOf('Clinic', week.clinic_id), from: week.from, to: week.to };
    const first = await statementsOf(() => reception.data<CalendarWeek>(CALENDAR_WEEK, variables));
    expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(2);
    const again = await statementsOf(() => reception.data<CalendarWeek>(CALENDAR_WEEK, variables));
    expect(again.statements, again.statements.join('\n')).toHaveLength(1);
    const expected = await expectedRows(null);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      again.result.clinicCalendar.appointments.map((a) => [uuidOf(a.appointmentId), uuidOf(a.providerId), a.patientNameEn, a.serviceCode, a.status]),
    ).toEqual(expected.map((row) => [row.id, row.provider_id, row.name_en, row.code, row.status]));
    expect(again.result.clinicCalendar.providers.length).toBeGreaterThan(0);
  });

  it("the read models' views hold every field the schema reads from them, nested objects included, on the demo data", async () => {
    const schema = await buildGraphqlSchema();
    const resolved = new Set(
      getMetadataStorage().fieldResolvers.flatMap((resolver) => {
        const type = resolver.getObjectType?.();
        return type ? [`${type.name}.${resolver.schemaName}`] : [];
      }),
    );
    const typed = (name: string) => schema.getType(name) as GraphQLObjectType;
    const [{ tenant_id: tenantId } = { tenant_id: '' }] = await sqlRows<{ tenant_id: string }>(api.db, `select tenant_id from package_purchase where id = $1`, [purchase.id]);
    const context: UseCaseContext = { em: api.db.orm.em.fork(), actor: { userId: null, tenantId, role: 'RECEPTIONIST' }, now: NOW };

    const progress = valueOf(await packageProgressView(context, purchase.id));
    const available = valueOf(await availablePackagesView(context, { patientId: purchase.patient_id }));
    const calendar = valueOf(await clinicCalendarView(context, { clinicId: week.clinic_id, from: week.from, to: week.to }));
    expect(progress.appointments.length * available.length * calendar.appointments.length * calendar.columns.length).toBeGreaterThan(0);
    expect(available.some(({ packagePurchase }) => packagePurchase.package.services?.length)).toBe(true);

    const gaps = [
      ...gapsOf(progress, typed('PackageProgress'), 'packageProgress', resolved),
      ...available.flatMap(({ packagePurchase }, index) => gapsOf(packagePurchase, typed('PackagePurchase'), `availablePackages[${index}]`, resolved)),
      ...gapsOf(calendar.clinic, typed('Clinic'), 'clinicCalendar.clinic', resolved),
      ...calendar.columns.flatMap((column, index) => gapsOf(column, typed('CalendarProvider'), `clinicCalendar.providers[${index}]`, resolved)),
      ...calendar.appointments.flatMap((appointment, index) =>
        Object.entries(appointment).flatMap(([key, value]) => (value === undefined ? [`clinicCalendar.appointments[${index}].${key}: missing`] : [])),
      ),
    ];
    expect(gaps).toEqual([]);

    // The walk finds a nested field that is not there, a nullable one included.
    const broken = structuredClone(progress);
    const patient: Partial<typeof broken.packagePurchase.patient> = broken.packagePurchase.patient;
    delete patient.preferredLanguage;
    delete patient.email;
    expect(gapsOf(broken, typed('PackageProgress'), 'packageProgress', resolved)).toEqual(
      expect.arrayContaining(['packageProgress.packagePurchase.patient.email: missing', 'packageProgress.packagePurchase.patient.preferredLanguage: missing for Language!']),
    );
  });

  it("gives a clinician their own appointments only, in one statement", async () => {
    const variables = { clinicId: globalIdOf('Clinic', week.clinic_id), from: week.from, to: week.to };
    await clinician.data<CalendarWeek>(CALENDAR_WEEK, variables);
    const { result, statements } = await statementsOf(() => clinician.data<CalendarWeek>(CALENDAR_WEEK, variables));
    expect(statements, statements.join('\n')).toHaveLength(1);
    const own = await expectedRows(clinicianProvider);
    expect(result.clinicCalendar.appointments.map((a) => uuidOf(a.appointmentId))).toEqual(own.map((row) => row.id));
  });
});
