import { randomUUID } from 'node:crypto';
import type { EntityManager, ForkOptions, MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { Role } from '../tenancy/role.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { User } from '../tenancy/user.entity.js';
import { hashPassword } from '../tenancy/password.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { TimeOff } from '../providers/time-off.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Payment } from '../billing/payment.entity.js';
import { Decimal, floorToMinor, invoiceAmounts, toColumn } from '../billing/money.js';
import { LedgerEntry, type LedgerEntryKind } from '../ledger/ledger-entry.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { Appointment } from '../appointments/appointment.entity.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { CancellationPolicy, DEFAULT_CANCELLATION_POLICY } from '../appointments/cancellation-policy.entity.js';
import { consumesSession } from '../appointments/cancellation-policy.js';
import { nextAppointmentNumbers, nextInvoiceNumber } from '../appointments/appointment-numbers.js';
import { appointmentSnapshot, purchaseSnapshot } from '../appointments/snapshots.js';
import { recordAudit } from '../audit/audit-log.js';
import { systemActor } from '../kernel/actor.js';
import type { Result } from '../kernel/domain-error.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { purchasePackage } from '../purchases/purchase-package.js';
import { recordPayment, voidInvoice } from '../billing/invoices.js';
import { addDays, instantAt, localDateOf, startOfLocalDay, weekdayIndexOf, type LocalDate } from '../kernel/local-time.js';
import { closureStories } from './demo-closures.js';
import { deskStories } from './demo-desk.js';
import { moneyLifeStories } from './demo-money-life.js';
import { notificationStories } from './demo-notifications.js';
import { waitlistStories } from './demo-waitlist.js';

/**
 * The demo data (README.md, "Demo accounts"): two tenants with their clinics, catalogue,
 * providers, patients, users, and paid purchases in every state, with their appointments.
 *
 * Every date is told relative to "today" (the clinic-local date of `now`), so that the data looks
 * the same whenever it is loaded: a half-used package always has five sessions behind it and two
 * ahead. The stories below are data; the functions after them turn them into rows, checking as
 * they go that each story still holds (a session in the past is really before today, inside its
 * purchase's dates, in its provider's working hours), so a wrong story fails loudly here rather
 * than showing odd data in the screens.
 */

export const DEMO_PASSWORD = 'demo-pass-2026';

/** The demo tenant: when it exists, the demo data has been loaded. */
export const DEMO_TENANT_SLUG = 'al-noor';

/** Every demo clinic is in Riyadh (UTC+3, no daylight saving). */
const DEMO_ZONE = 'Asia/Riyadh';

// ---------------------------------------------------------------------------------------------
// The stories, as data
// ---------------------------------------------------------------------------------------------

interface WeeklyRange {
  /** 0 = Sunday ... 6 = Saturday, clinic-local. */
  weekday: number;
  startTime: string;
  endTime: string;
}

/** Sunday to Thursday, 08:00-16:00 with a break 12:00-13:00. */
const WORKING_WEEK: readonly WeeklyRange[] = [0, 1, 2, 3, 4].flatMap((weekday) => [
  { weekday, startTime: '08:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '16:00' },
]);

interface ClinicSeed {
  key: string;
  nameEn: string;
  nameAr: string;
}

interface ServiceSeed {
  code: string;
  clinic: string;
  nameEn: string;
  nameAr: string;
  durationMinutes: number;
  price: string;
}

interface ProviderSeed {
  key: string;
  name: string;
  nameAr: string;
  clinic: string;
}

interface PackageSeed {
  key: string;
  nameEn: string;
  nameAr: string;
  description: string;
  price: string;
  validityDays: number;
  /** In delivery order: the first line's sessions come first. */
  lines: ReadonlyArray<{ service: string; sessions: number }>;
}

interface PatientSeed {
  key: string;
  mrn: string;
  nameEn: string;
  nameAr: string;
  /** Age in years today; the date of birth follows from it, so ages stay right over the years. */
  age: number;
  /** 'MM-DD' */
  birthday: string;
  phone: string;
}

interface UserSeed {
  email: string;
  name: string;
  role: Role;
  /** The provider a CLINICIAN user is. */
  provider?: string;
}

/** One visit, on a day counted from today (-7 = a week ago), moved forward to a working day. */
interface VisitSeed {
  day: number;
  /** Preferred local start time; the visit takes the first free slot from it. */
  at: string;
  provider: string;
  status: AppointmentStatus;
  reason?: string;
}

interface PackageVisitSeed extends VisitSeed {
  session: number;
}

interface PurchaseSeed {
  patient: string;
  package: string;
  /** The invoice was paid this many days before today. */
  boughtDaysAgo: number;
  /** Its status and sessionsUsed follow from these visits and its expiry date. */
  visits: readonly PackageVisitSeed[];
}

interface SingleVisitSeed extends VisitSeed {
  patient: string;
  service: string;
}

interface TenantSeed {
  slug: string;
  name: string;
  clinics: readonly ClinicSeed[];
  services: readonly ServiceSeed[];
  providers: readonly ProviderSeed[];
  /** Local days counted from today, both included. */
  timeOff: ReadonlyArray<{ provider: string; fromDay: number; toDay: number; reason: string }>;
  packages: readonly PackageSeed[];
  patients: readonly PatientSeed[];
  users: readonly UserSeed[];
  purchases: readonly PurchaseSeed[];
  singleVisits: readonly SingleVisitSeed[];
  /** Invoices issued today and not paid yet: no purchase exists for them. */
  unpaidInvoices: ReadonlyArray<{ patient: string; package: string }>;
}

/** `count` sessions a week apart, numbered from `firstSession`, starting `fromDay` days from today. */
function weekly(
  firstSession: number,
  count: number,
  visit: Omit<VisitSeed, 'day'> & { fromDay: number },
): PackageVisitSeed[] {
  const { fromDay, ...rest } = visit;
  return Array.from({ length: count }, (_, index) => ({ ...rest, session: firstSession + index, day: fromDay + 7 * index }));
}

const AL_NOOR: TenantSeed = {
  slug: DEMO_TENANT_SLUG,
  name: 'Al Noor Rehabilitation Center',
  clinics: [
    { key: 'slp', nameEn: 'Speech-Language Pathology', nameAr: 'أمراض النطق واللغة' },
    { key: 'ot', nameEn: 'Occupational Therapy', nameAr: 'العلاج الوظيفي' },
  ],
  services: [
    { code: 'SLP-THERAPY', clinic: 'slp', nameEn: 'Speech therapy session', nameAr: 'جلسة علاج النطق', durationMinutes: 45, price: '300.00' },
    { code: 'SLP-ASSESS', clinic: 'slp', nameEn: 'Speech and language assessment', nameAr: 'تقييم النطق واللغة', durationMinutes: 60, price: '450.00' },
    { code: 'OT-THERAPY', clinic: 'ot', nameEn: 'Occupational therapy session', nameAr: 'جلسة علاج وظيفي', durationMinutes: 45, price: '280.00' },
  ],
  providers: [
    { key: 'huda', name: 'Huda Al-Otaibi', nameAr: 'هدى العتيبي', clinic: 'slp' },
    { key: 'nada', name: 'Nada Al-Shammari', nameAr: 'ندى الشمري', clinic: 'slp' },
    { key: 'omar', name: 'Omar Haddad', nameAr: 'عمر حداد', clinic: 'slp' },
    { key: 'lina', name: 'Lina Farouk', nameAr: 'لينا فاروق', clinic: 'ot' },
    { key: 'tariq', name: 'Tariq Al-Zahrani', nameAr: 'طارق الزهراني', clinic: 'ot' },
  ],
  // Omar has only past appointments, so his leave blocks nobody; the screens show his gap.
  timeOff: [{ provider: 'omar', fromDay: 4, toDay: 10, reason: 'Annual leave' }],
  packages: [
    {
      key: 'slp10',
      nameEn: '10 SLP Sessions',
      nameAr: '10 جلسات نطق',
      description: 'Ten 45-minute speech therapy sessions, valid for 90 days.',
      price: '2700.00',
      validityDays: 90,
      lines: [{ service: 'SLP-THERAPY', sessions: 10 }],
    },
    {
      key: 'slp-assess-8',
      nameEn: 'SLP Assessment + 8 Sessions',
      nameAr: 'تقييم نطق + 8 جلسات',
      description: 'A 60-minute speech and language assessment, then eight therapy sessions; valid for 120 days.',
      price: '2600.00',
      validityDays: 120,
      lines: [
        { service: 'SLP-ASSESS', sessions: 1 },
        { service: 'SLP-THERAPY', sessions: 8 },
      ],
    },
    {
      key: 'ot12',
      nameEn: '12 OT Sessions',
      nameAr: '12 جلسة علاج وظيفي',
      description: 'Twelve 45-minute occupational therapy sessions, valid for 120 days.',
      price: '3000.00',
      validityDays: 120,
      lines: [{ service: 'OT-THERAPY', sessions: 12 }],
    },
  ],
  patients: [
    { key: 'yousef', mrn: 'MRN-100001', nameEn: 'Yousef Al-Harbi', nameAr: 'يوسف الحربي', age: 6, birthday: '03-14', phone: '+966 55 210 4471' },
    { key: 'layan', mrn: 'MRN-100002', nameEn: 'Layan Al-Qahtani', nameAr: 'ليان القحطاني', age: 5, birthday: '07-02', phone: '+966 50 381 9920' },
    { key: 'khalid', mrn: 'MRN-100003', nameEn: 'Khalid Al-Dosari', nameAr: 'خالد الدوسري', age: 8, birthday: '11-21', phone: '+966 54 772 1038' },
    { key: 'sara', mrn: 'MRN-100004', nameEn: 'Sara Al-Mutairi', nameAr: 'سارة المطيري', age: 4, birthday: '01-09', phone: '+966 56 104 6652' },
    { key: 'abdullah', mrn: 'MRN-100005', nameEn: 'Abdullah Al-Shehri', nameAr: 'عبدالله الشهري', age: 7, birthday: '05-30', phone: '+966 55 918 3307' },
    { key: 'jana', mrn: 'MRN-100006', nameEn: 'Jana Al-Ghamdi', nameAr: 'جنى الغامدي', age: 3, birthday: '09-17', phone: '+966 50 664 2815' },
    { key: 'faisal', mrn: 'MRN-100007', nameEn: 'Faisal Al-Subaie', nameAr: 'فيصل السبيعي', age: 9, birthday: '02-05', phone: '+966 53 247 5590' },
    { key: 'reem', mrn: 'MRN-100008', nameEn: 'Reem Al-Qurashi', nameAr: 'ريم القرشي', age: 6, birthday: '12-11', phone: '+966 55 830 1146' },
    { key: 'mohammed', mrn: 'MRN-100009', nameEn: 'Mohammed Al-Anazi', nameAr: 'محمد العنزي', age: 10, birthday: '04-23', phone: '+966 54 391 7702' },
    { key: 'hala', mrn: 'MRN-100010', nameEn: 'Hala Al-Juhani', nameAr: 'هلا الجهني', age: 5, birthday: '08-08', phone: '+966 56 452 0931' },
    { key: 'turki', mrn: 'MRN-100011', nameEn: 'Turki Al-Maliki', nameAr: 'تركي المالكي', age: 7, birthday: '10-19', phone: '+966 50 127 8864' },
    { key: 'noura', mrn: 'MRN-100012', nameEn: 'Noura Al-Rashidi', nameAr: 'نورة الرشيدي', age: 4, birthday: '06-26', phone: '+966 55 603 2279' },
    { key: 'hamad', mrn: 'MRN-100013', nameEn: 'Hamad Al-Balawi', nameAr: 'حمد البلوي', age: 62, birthday: '01-28', phone: '+966 53 915 4408' },
    { key: 'lujain', mrn: 'MRN-100014', nameEn: 'Lujain Al-Asmari', nameAr: 'لجين الأسمري', age: 8, birthday: '03-03', phone: '+966 54 286 6315' },
    { key: 'ziyad', mrn: 'MRN-100015', nameEn: 'Ziyad Al-Shamrani', nameAr: 'زياد الشمراني', age: 5, birthday: '09-01', phone: '+966 56 740 3392' },
    { key: 'maryam', mrn: 'MRN-100016', nameEn: 'Maryam Al-Harthi', nameAr: 'مريم الحارثي', age: 11, birthday: '05-12', phone: '+966 50 958 1174' },
    { key: 'saud', mrn: 'MRN-100017', nameEn: 'Saud Al-Tamimi', nameAr: 'سعود التميمي', age: 6, birthday: '07-29', phone: '+966 55 472 9083' },
    { key: 'dana', mrn: 'MRN-100018', nameEn: 'Dana Al-Sharif', nameAr: 'دانة الشريف', age: 3, birthday: '11-04', phone: '+966 53 318 2650' },
    { key: 'ibrahim', mrn: 'MRN-100019', nameEn: 'Ibrahim Al-Yami', nameAr: 'إبراهيم اليامي', age: 71, birthday: '02-17', phone: '+966 54 605 7741' },
    { key: 'aseel', mrn: 'MRN-100020', nameEn: 'Aseel Al-Saadi', nameAr: 'أسيل السعدي', age: 9, birthday: '12-30', phone: '+966 56 889 0417' },
  ],
  users: [
    { email: 'admin@alnoor.test', name: 'Maha Al-Sulaiman', role: 'ADMIN' },
    { email: 'reception@alnoor.test', name: 'Amal Al-Nasser', role: 'RECEPTIONIST' },
    { email: 'finance@alnoor.test', name: 'Waleed Al-Fahad', role: 'FINANCE' },
    { email: 'clinician@alnoor.test', name: 'Huda Al-Otaibi', role: 'CLINICIAN', provider: 'huda' },
  ],
  purchases: [
    // Fully used: the assessment, then eight sessions, all delivered (COMPLETED).
    {
      patient: 'khalid',
      package: 'slp-assess-8',
      boughtDaysAgo: 130,
      visits: weekly(1, 9, { fromDay: -126, at: '10:00', provider: 'omar', status: 'COMPLETED' }),
    },
    // Expired ten days ago with sessions left: three delivered and one no-show, which the
    // default policy counts as used.
    {
      patient: 'faisal',
      package: 'slp10',
      boughtDaysAgo: 100,
      visits: [
        ...weekly(1, 3, { fromDay: -95, at: '13:00', provider: 'omar', status: 'COMPLETED' }),
        { session: 4, day: -74, at: '13:00', provider: 'omar', status: 'NO_SHOW', reason: 'Did not attend; no answer by phone' },
      ],
    },
    // Expires within days with sessions still unbooked: what the front desk should chase.
    {
      patient: 'hamad',
      package: 'slp10',
      boughtDaysAgo: 85,
      visits: [
        ...weekly(1, 7, { fromDay: -80, at: '10:00', provider: 'nada', status: 'COMPLETED' }),
        { session: 8, day: 2, at: '10:00', provider: 'nada', status: 'CONFIRMED' },
      ],
    },
    // Half used: five delivered, the next two booked.
    {
      patient: 'yousef',
      package: 'slp10',
      boughtDaysAgo: 40,
      visits: [
        ...weekly(1, 5, { fromDay: -36, at: '09:00', provider: 'huda', status: 'COMPLETED' }),
        ...weekly(6, 2, { fromDay: 3, at: '09:00', provider: 'huda', status: 'BOOKED' }),
      ],
    },
    // OT partly used; session 5 was cancelled in good time (not used) and booked again.
    {
      patient: 'abdullah',
      package: 'ot12',
      boughtDaysAgo: 30,
      visits: [
        ...weekly(1, 4, { fromDay: -28, at: '08:00', provider: 'lina', status: 'COMPLETED' }),
        { session: 5, day: 2, at: '08:00', provider: 'lina', status: 'CANCELLED', reason: 'Family travel' },
        ...weekly(5, 2, { fromDay: 7, at: '08:00', provider: 'lina', status: 'BOOKED' }),
      ],
    },
    {
      patient: 'reem',
      package: 'slp10',
      boughtDaysAgo: 20,
      visits: [
        ...weekly(1, 2, { fromDay: -16, at: '14:00', provider: 'nada', status: 'COMPLETED' }),
        ...weekly(3, 3, { fromDay: 1, at: '14:00', provider: 'nada', status: 'BOOKED' }),
      ],
    },
    {
      patient: 'lujain',
      package: 'ot12',
      boughtDaysAgo: 10,
      visits: [
        { session: 1, day: -7, at: '13:00', provider: 'tariq', status: 'COMPLETED' },
        ...weekly(2, 2, { fromDay: 1, at: '13:00', provider: 'tariq', status: 'BOOKED' }),
      ],
    },
    // The assessment is done; the first therapy sessions are booked.
    {
      patient: 'jana',
      package: 'slp-assess-8',
      boughtDaysAgo: 6,
      visits: [
        { session: 1, day: -4, at: '11:00', provider: 'huda', status: 'COMPLETED' },
        ...weekly(2, 3, { fromDay: 2, at: '11:00', provider: 'huda', status: 'BOOKED' }),
      ],
    },
    // Freshly bought, nothing scheduled yet: ready for auto-scheduling.
    { patient: 'sara', package: 'slp10', boughtDaysAgo: 1, visits: [] },
  ],
  singleVisits: [
    { patient: 'ibrahim', service: 'SLP-ASSESS', provider: 'omar', day: -20, at: '10:00', status: 'COMPLETED' },
    { patient: 'noura', service: 'OT-THERAPY', provider: 'tariq', day: -5, at: '09:00', status: 'NO_SHOW' },
    { patient: 'hala', service: 'OT-THERAPY', provider: 'tariq', day: -3, at: '13:00', status: 'COMPLETED' },
    { patient: 'mohammed', service: 'SLP-ASSESS', provider: 'nada', day: 1, at: '09:00', status: 'BOOKED' },
    { patient: 'turki', service: 'SLP-THERAPY', provider: 'huda', day: 2, at: '13:00', status: 'CONFIRMED' },
  ],
  unpaidInvoices: [{ patient: 'ziyad', package: 'ot12' }],
};

const DAR_AL_SHIFA: TenantSeed = {
  slug: 'dar-al-shifa',
  name: 'Dar Al Shifa Therapy',
  clinics: [{ key: 'pt', nameEn: 'Physiotherapy', nameAr: 'العلاج الطبيعي' }],
  services: [
    { code: 'PT-THERAPY', clinic: 'pt', nameEn: 'Physiotherapy session', nameAr: 'جلسة علاج طبيعي', durationMinutes: 45, price: '250.00' },
  ],
  providers: [
    { key: 'faisal', name: 'Faisal Al-Mansour', nameAr: 'فيصل المنصور', clinic: 'pt' },
    { key: 'nadia', name: 'Nadia Saleh', nameAr: 'نادية صالح', clinic: 'pt' },
  ],
  timeOff: [],
  packages: [
    {
      key: 'pt8',
      nameEn: '8 Physiotherapy Sessions',
      nameAr: '8 جلسات علاج طبيعي',
      description: 'Eight 45-minute physiotherapy sessions, valid for 60 days.',
      price: '1800.00',
      validityDays: 60,
      lines: [{ service: 'PT-THERAPY', sessions: 8 }],
    },
  ],
  patients: [
    { key: 'ahmed', mrn: 'MRN-200001', nameEn: 'Ahmed Al-Ruwaili', nameAr: 'أحمد الرويلي', age: 34, birthday: '04-11', phone: '+966 55 337 2014' },
    { key: 'fatimah', mrn: 'MRN-200002', nameEn: 'Fatimah Al-Hazmi', nameAr: 'فاطمة الحازمي', age: 45, birthday: '08-19', phone: '+966 50 472 8831' },
    { key: 'sultan', mrn: 'MRN-200003', nameEn: 'Sultan Al-Qarni', nameAr: 'سلطان القرني', age: 28, birthday: '01-06', phone: '+966 54 190 6627' },
    { key: 'munira', mrn: 'MRN-200004', nameEn: 'Munira Al-Dossary', nameAr: 'منيرة الدوسري', age: 57, birthday: '10-02', phone: '+966 56 508 3349' },
  ],
  users: [
    { email: 'admin@darshifa.test', name: 'Bandar Al-Khaldi', role: 'ADMIN' },
    { email: 'reception@darshifa.test', name: 'Shahad Al-Omari', role: 'RECEPTIONIST' },
  ],
  purchases: [
    {
      patient: 'ahmed',
      package: 'pt8',
      boughtDaysAgo: 14,
      visits: [
        ...weekly(1, 2, { fromDay: -10, at: '15:00', provider: 'faisal', status: 'COMPLETED' }),
        ...weekly(3, 2, { fromDay: 4, at: '15:00', provider: 'faisal', status: 'BOOKED' }),
      ],
    },
    { patient: 'fatimah', package: 'pt8', boughtDaysAgo: 2, visits: [] },
  ],
  singleVisits: [{ patient: 'sultan', service: 'PT-THERAPY', provider: 'nadia', day: 1, at: '10:00', status: 'BOOKED' }],
  unpaidInvoices: [],
};

const DEMO_TENANTS: readonly TenantSeed[] = [AL_NOOR, DAR_AL_SHIFA];

export interface DemoAccount {
  readonly email: string;
  readonly role: Role;
  readonly name: string;
  /** The tenant's display name. */
  readonly tenant: string;
  readonly tenantSlug: string;
}

/** The demo sign-ins, for the README and the sign-in page; each has the password DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_TENANTS.flatMap((tenant) =>
  tenant.users.map(({ email, role, name }) => ({ email, role, name, tenant: tenant.name, tenantSlug: tenant.slug })),
);

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/**
 * What seeding did: loaded the demo, or left the database alone because the demo is there
 * already or because it holds a tenant of its own (a real installation never gets the demo's
 * accounts and their public password, whatever DEMO_DATA says).
 */
export type DemoDataOutcome = { seeded: true } | { seeded: false; reason: 'already-loaded' | 'not-empty' };

/**
 * Loads the demo data in one transaction, only into a database that holds no tenant at all: a
 * seeded database is never seeded twice (and a database where someone removed only part of it
 * is left alone rather than half re-seeded), and a database with any tenant of its own never
 * gets the demo accounts.
 */
export async function seedDemoData(orm: MikroORM, options: { now: Date }): Promise<DemoDataOutcome> {
  const { now } = options;
  return orm.em.fork().transactional(async (em): Promise<DemoDataOutcome> => {
    // Two servers starting together on one empty database: the second waits here for the
    // first to commit, then finds the tenant, instead of failing on the unique slug.
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', ['clinic-demo-data']);
    if (await isDemoInstallation(em)) return { seeded: false, reason: 'already-loaded' };
    if ((await em.count(Tenant, {})) > 0) return { seeded: false, reason: 'not-empty' };

    // One hash for every demo user: argon2 is slow on purpose.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const tenant of DEMO_TENANTS) await seedTenant(em, tenant, passwordHash, now);
    return { seeded: true };
  });
}

/**
 * True when the demo data was loaded into this database: its first tenant is there with its
 * administrator. The accounts' addresses are under `.test`, a name reserved so that no real
 * address ends in it, so a real tenant that happens to take the slug is not mistaken for it.
 */
export async function isDemoInstallation(em: EntityManager): Promise<boolean> {
  const [admin] = DEMO_ACCOUNTS;
  return (await em.count(User, { email: admin!.email, tenant: { slug: DEMO_TENANT_SLUG } })) > 0;
}

async function seedTenant(em: EntityManager, seed: TenantSeed, passwordHash: string, now: Date): Promise<void> {
  const world = createSetup(em, seed, passwordHash, now);
  // The appointment's composite keys point at provider_clinic and service rows that the unit of
  // work does not know it depends on: the set-up is written first.
  await em.flush();

  const story = new StoryTeller(em, world, now);
  // Oldest first, so invoice numbers follow the order the invoices were paid in.
  const purchases = [...seed.purchases].sort((a, b) => b.boughtDaysAgo - a.boughtDaysAgo);
  for (const purchase of purchases) await story.purchase(purchase);
  for (const visit of seed.singleVisits) await story.singleVisit(visit);
  for (const invoice of seed.unpaidInvoices) await story.unpaidInvoice(invoice);
  await em.flush();
  await story.writeLedger();
  if (seed.slug === DEMO_TENANT_SLUG) {
    const run = seedUseCaseRunner(em, world);
    await moneyStories(run, world, now);
    // Each area of the product adds its demo stories here, one call each, in its own file
    // (seed/demo-<area>.ts), through the use cases the API calls.
    await closureStories(run, world, now);
    await moneyLifeStories(run, world, now);
    await notificationStories(run, world, now);
    await waitlistStories(run, world, now);
    await deskStories(run, world, now);
  }
}

// ---------------------------------------------------------------------------------------------
// Money through the use cases: invoices, payments and the ledger rows they write
// ---------------------------------------------------------------------------------------------

/** Hours before the demo's "now". */
export const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000);

/**
 * In Al Noor, through the same use cases the API calls (as the system), inside the seed's
 * transaction: an invoice paid in two parts (CASH, then CARD), whose second payment creates the
 * purchase and its SOLD entry; and an invoice voided with a reason. (The issued, unpaid invoice
 * is Ziyad's, from the stories.)
 */
async function moneyStories({ at, ok }: SeedUseCaseRunner, world: TenantWorld, now: Date): Promise<void> {

  // Lujain: 10 SLP sessions, 3105.00 with VAT; 1000.00 in cash two days ago, the rest by card yesterday.
  const twoParts = ok(
    await purchasePackage(at(hoursBefore(now, 49)), {
      patientId: pick(world.patients, 'lujain').id,
      packageId: pick(world.packages, 'slp10').entity.id,
    }),
  );
  ok(await recordPayment(at(hoursBefore(now, 48)), { invoiceId: twoParts.id, amount: '1000.00', method: 'CASH', reference: null }));
  const settled = ok(
    await recordPayment(at(hoursBefore(now, 24)), {
      invoiceId: twoParts.id,
      amount: new Decimal(twoParts.total).sub('1000.00').toFixed(2),
      method: 'CARD',
      reference: 'POS 118274',
    }),
  );
  if (!settled.packagePurchase) throw new Error('demo data: the second payment must settle the invoice');

  // Saud: an OT invoice issued by mistake and voided the same morning.
  const mistaken = ok(
    await purchasePackage(at(hoursBefore(now, 3)), {
      patientId: pick(world.patients, 'saud').id,
      packageId: pick(world.packages, 'ot12').entity.id,
    }),
  );
  ok(await voidInvoice(at(hoursBefore(now, 2)), { invoiceId: mistaken.id, reason: 'Issued for the wrong package: the family chose speech therapy.' }));
}

// ---------------------------------------------------------------------------------------------
// The set-up: tenant, clinics, catalogue, providers, patients, users
// ---------------------------------------------------------------------------------------------

export interface CataloguePackage {
  entity: Package;
  /** Services in delivery order, one per session: sessionServices[0] is session 1's. */
  sessionServices: Service[];
}

/** Runs the API's use cases inside the seed's transaction, as the system, at a chosen time. */
export interface SeedUseCaseRunner {
  at(time: Date): UseCaseContext;
  /** The value of a successful result; a failed one stops the seed with its code. */
  ok<T>(result: Result<T>): T;
}

function seedUseCaseRunner(em: EntityManager, world: TenantWorld): SeedUseCaseRunner {
  // The use cases fork the manager and open a transaction; these forks stay in the seed's.
  const seedTransaction = Object.assign(Object.create(em) as EntityManager, {
    fork: (options?: ForkOptions) => em.fork({ ...options, keepTransactionContext: true }),
  });
  return {
    at: (time) => ({ em: seedTransaction, actor: systemActor(world.tenant.id), now: time }),
    ok: (result) => {
      if (!result.ok) throw new Error(`demo data: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

export interface TenantWorld {
  tenant: Tenant;
  clinics: Map<string, Clinic>;
  services: Map<string, Service>;
  providers: Map<string, Provider>;
  packages: Map<string, CataloguePackage>;
  patients: Map<string, Patient>;
  diary: Diary;
}

function createSetup(em: EntityManager, seed: TenantSeed, passwordHash: string, now: Date): TenantWorld {
  const today = localDateOf(now, DEMO_ZONE);
  // The clinic "opened" half a year ago: the set-up rows are older than every story.
  const createdAt = startOfLocalDay(addDays(today, -180), DEMO_ZONE);
  const tenant = em.create(Tenant, { slug: seed.slug, name: seed.name, createdAt });
  const diary = new Diary(DEMO_ZONE);

  const clinics = new Map(
    seed.clinics.map((clinic) => [
      clinic.key,
      em.create(Clinic, { tenant, nameEn: clinic.nameEn, nameAr: clinic.nameAr, timeZone: DEMO_ZONE, createdAt }),
    ]),
  );

  const services = new Map(
    seed.services.map((service) => [
      service.code,
      em.create(Service, {
        tenant,
        clinic: pick(clinics, service.clinic),
        code: service.code,
        nameEn: service.nameEn,
        nameAr: service.nameAr,
        durationMinutes: service.durationMinutes,
        price: service.price,
        createdAt,
      }),
    ]),
  );

  const providers = new Map<string, Provider>();
  for (const seeded of seed.providers) {
    const clinic = pick(clinics, seeded.clinic);
    const provider = em.create(Provider, { tenant, name: seeded.name, nameAr: seeded.nameAr, active: true, createdAt });
    em.create(ProviderClinic, { tenant, provider, clinic, createdAt });
    for (const range of WORKING_WEEK) em.create(WorkingHours, { tenant, provider, clinic, ...range, createdAt });
    diary.addProvider(provider, clinic, WORKING_WEEK);
    providers.set(seeded.key, provider);
  }

  for (const away of seed.timeOff) {
    const provider = pick(providers, away.provider);
    const startsAt = startOfLocalDay(addDays(today, away.fromDay), DEMO_ZONE);
    const endsAt = startOfLocalDay(addDays(today, away.toDay + 1), DEMO_ZONE);
    em.create(TimeOff, { tenant, provider, startsAt, endsAt, reason: away.reason, createdAt: now });
    diary.addTimeOff(provider, startsAt, endsAt);
  }

  const packages = new Map(seed.packages.map((pkg) => [pkg.key, createPackage(em, tenant, services, pkg, createdAt)]));

  const patients = new Map(
    seed.patients.map((patient) => [
      patient.key,
      em.create(Patient, {
        tenant,
        mrn: patient.mrn,
        nameEn: patient.nameEn,
        nameAr: patient.nameAr,
        dateOfBirth: dateOfBirth(today, patient.age, patient.birthday),
        phone: patient.phone,
        createdAt,
      }),
    ]),
  );

  for (const user of seed.users) {
    em.create(User, {
      tenant,
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash,
      provider: user.provider ? pick(providers, user.provider) : null,
      createdAt,
    });
  }

  // The default policy, as a row, so that the admin screen shows what is in force.
  em.create(CancellationPolicy, { tenant, ...DEFAULT_CANCELLATION_POLICY, createdAt });

  return { tenant, clinics, services, providers, packages, patients, diary };
}

function createPackage(
  em: EntityManager,
  tenant: Tenant,
  services: Map<string, Service>,
  seed: PackageSeed,
  createdAt: Date,
): CataloguePackage {
  const lines = seed.lines.map((line) => ({ service: pick(services, line.service), sessions: line.sessions }));
  const clinic = lines[0]?.service.clinic;
  if (!clinic || lines.some((line) => line.service.clinic !== clinic)) {
    throw new Error(`demo data: package "${seed.nameEn}" needs services of one clinic`);
  }
  const entity = em.create(Package, {
    tenant,
    clinic,
    nameEn: seed.nameEn,
    nameAr: seed.nameAr,
    description: seed.description,
    price: seed.price,
    validityDays: seed.validityDays,
    totalSessions: lines.reduce((sum, line) => sum + line.sessions, 0),
    active: true,
    createdAt,
  });
  lines.forEach((line, position) =>
    em.create(PackageServiceLine, { tenant, package: entity, service: line.service, sessions: line.sessions, position, createdAt }),
  );
  return { entity, sessionServices: lines.flatMap((line) => Array.from({ length: line.sessions }, () => line.service)) };
}

/** A birthday `age` years back, no later than today. */
function dateOfBirth(today: LocalDate, age: number, birthday: string): LocalDate {
  const [month, day] = birthday.split('-').map(Number);
  const born = DateTime.fromISO(today, { zone: 'UTC' }).minus({ years: age }).set({ month, day });
  const latest = DateTime.fromISO(today, { zone: 'UTC' }).minus({ years: age });
  return (born > latest ? born.minus({ years: 1 }) : born).toISODate() as LocalDate;
}

// ---------------------------------------------------------------------------------------------
// The stories: purchases with their invoices and appointments
// ---------------------------------------------------------------------------------------------

/** Statuses a visit in the stories can only have once it is over, and those it can only have while ahead. */
const PAST_STATUSES: readonly AppointmentStatus[] = ['COMPLETED', 'NO_SHOW'];
const FUTURE_STATUSES: readonly AppointmentStatus[] = ['BOOKED', 'CONFIRMED'];

class StoryTeller {
  private readonly today: LocalDate;

  constructor(
    private readonly em: EntityManager,
    private readonly world: TenantWorld,
    private readonly now: Date,
  ) {
    this.today = localDateOf(now, DEMO_ZONE);
  }

  /** A paid invoice, its purchase, and the purchase's appointments; status and usage follow from them. */
  async purchase(seed: PurchaseSeed): Promise<void> {
    const { tenant } = this.world;
    const patient = pick(this.world.patients, seed.patient);
    const pkg = pick(this.world.packages, seed.package);
    const purchaseDate = addDays(this.today, -seed.boughtDaysAgo);
    const paidAt = instantAt(purchaseDate, '10:30', DEMO_ZONE);
    const issuedAt = new Date(paidAt.getTime() - 15 * 60_000);
    const invoice = this.em.create(Invoice, {
      tenant,
      number: await nextInvoiceNumber(this.em, issuedAt, DEMO_ZONE),
      patient,
      package: pkg.entity,
      status: 'PAID',
      ...this.amountsOf(pkg.entity),
      total: toColumn(invoiceAmounts(pkg.entity.price, tenant.taxRate, tenant.currency).total),
      amountPaid: toColumn(invoiceAmounts(pkg.entity.price, tenant.taxRate, tenant.currency).total),
      issuedAt,
      paidAt,
      createdAt: issuedAt,
    });
    this.em.create(Payment, { tenant, invoice, amount: invoice.total, method: 'CARD', reference: null, receivedAt: paidAt, createdAt: paidAt });
    const purchase = this.em.create(PackagePurchase, {
      tenant,
      patient,
      package: pkg.entity,
      invoice,
      purchaseDate,
      expiryDate: addDays(purchaseDate, pkg.entity.validityDays),
      totalSessions: pkg.entity.totalSessions,
      sessionsUsed: 0,
      status: 'ACTIVE',
      createdAt: paidAt,
    });

    const recognitions: Array<{ day: LocalDate; appointment: Appointment }> = [];
    let previousDay: LocalDate | null = null;
    for (const visit of seed.visits) {
      // At least a day between two sessions of one package, as the scheduler would place them.
      const day = workingDayOnOrAfter(addDays(this.today, visit.day), previousDay);
      previousDay = day;
      this.assertInsidePurchase(day, purchase, visit);
      const service = pkg.sessionServices[visit.session - 1];
      if (!service) throw new Error(`demo data: ${pkg.entity.nameEn} has no session ${visit.session}`);
      const appointment = await this.appointment(patient, service, day, visit, paidAt);
      appointment.package = pkg.entity;
      appointment.packagePurchase = purchase;
      appointment.sessionNumberInPackage = visit.session;
      appointment.packageTotalSessions = purchase.totalSessions;
      if (visit.status === 'CANCELLED' || visit.status === 'NO_SHOW') appointment.appliedPolicy = { ...DEFAULT_CANCELLATION_POLICY };
      // Cancellations in the stories are made days ahead; the policy decides the rest.
      const cancelledAt = new Date(appointment.startsAt.getTime() - 3 * 24 * 3_600_000);
      if (consumesSession(visit.status, appointment.startsAt, cancelledAt, DEFAULT_CANCELLATION_POLICY)) {
        appointment.sessionConsumed = true;
        purchase.sessionsUsed += 1;
        recognitions.push({ day, appointment });
      }
      this.audit('Appointment', appointment.id, appointmentSnapshot(appointment));
    }

    // The status the life cycle and the expiry job would have left.
    if (purchase.sessionsUsed === purchase.totalSessions) purchase.status = 'COMPLETED';
    else if (purchase.expiryDate < this.today) purchase.status = 'EXPIRED';
    this.ledgerOf(purchase, invoice.subtotal, recognitions);
    this.audit('Invoice', invoice.id, { number: invoice.number, status: invoice.status, total: invoice.total });
    this.audit('PackagePurchase', purchase.id, purchaseSnapshot(purchase));
  }

  /** An appointment outside any package. */
  async singleVisit(seed: SingleVisitSeed): Promise<void> {
    const patient = pick(this.world.patients, seed.patient);
    const service = pick(this.world.services, seed.service);
    const day = workingDayOnOrAfter(addDays(this.today, seed.day), null);
    const bookedAt = startOfLocalDay(addDays(day, -7), DEMO_ZONE);
    const appointment = await this.appointment(patient, service, day, seed, bookedAt < this.now ? bookedAt : this.now);
    this.audit('Appointment', appointment.id, appointmentSnapshot(appointment));
  }

  /** An invoice issued this morning and not paid yet, so no purchase exists. */
  async unpaidInvoice(seed: { patient: string; package: string }): Promise<void> {
    const pkg = pick(this.world.packages, seed.package);
    const issuedAt = new Date(this.now.getTime() - 30 * 60_000);
    const invoice = this.em.create(Invoice, {
      tenant: this.world.tenant,
      number: await nextInvoiceNumber(this.em, issuedAt, DEMO_ZONE),
      patient: pick(this.world.patients, seed.patient),
      package: pkg.entity,
      status: 'ISSUED',
      ...this.amountsOf(pkg.entity),
      total: toColumn(invoiceAmounts(pkg.entity.price, this.world.tenant.taxRate, this.world.tenant.currency).total),
      issuedAt,
      paidAt: null,
      createdAt: issuedAt,
    });
    this.audit('Invoice', invoice.id, { number: invoice.number, status: invoice.status, total: invoice.total });
  }

  /** The invoice's amounts at the tenant's currency and tax rate (the package price is tax-exclusive). */
  private amountsOf(pkg: Package): { currency: string; subtotal: string; taxRate: string; tax: string } {
    const { tenant } = this.world;
    const amounts = invoiceAmounts(pkg.price, tenant.taxRate, tenant.currency);
    return { currency: tenant.currency, subtotal: toColumn(amounts.subtotal), taxRate: tenant.taxRate, tax: toColumn(amounts.tax) };
  }

  /** Each purchase's ledger, as the use cases would have written it; one statement a purchase (see writeLedger). */
  private readonly ledgers: Array<Array<Record<string, unknown>>> = [];

  /**
   * SOLD on the purchase date, RECOGNISED per consumed session (the last one of a finished
   * package takes the rounding remainder), BREAKAGE of what an expired purchase left.
   */
  private ledgerOf(purchase: PackagePurchase, net: string, recognitions: ReadonlyArray<{ day: LocalDate; appointment: Appointment }>): void {
    const { tenant } = this.world;
    const value = floorToMinor(new Decimal(net).div(purchase.totalSessions), tenant.currency);
    const rows: Array<Record<string, unknown>> = [];
    const entry = (kind: LedgerEntryKind, amount: Decimal, occurredOn: LocalDate, appointment: Appointment | null = null) => {
      if (!amount.gt(0)) return;
      rows.push({
        id: randomUUID(),
        tenant: tenant.id,
        packagePurchase: purchase.id,
        kind,
        amount: toColumn(amount),
        occurredOn,
        appointment: appointment?.id ?? null,
        createdAt: this.now,
      });
    };
    entry('SOLD', new Decimal(net), purchase.purchaseDate);
    let left = new Decimal(net);
    recognitions.forEach(({ day, appointment }, index) => {
      const amount = index + 1 === purchase.totalSessions ? left : Decimal.min(value, left);
      left = left.sub(amount);
      entry('RECOGNISED', amount, day, appointment);
    });
    if (purchase.status === 'EXPIRED') entry('BREAKAGE', left, addDays(purchase.expiryDate, 1));
    this.ledgers.push(rows);
  }

  /**
   * Writes the ledgers once their purchases exist. A purchase is stored with its final status,
   * whose liability must be 0: its whole ledger goes in one statement, which the trigger adds to
   * the running totals at once.
   */
  async writeLedger(): Promise<void> {
    for (const rows of this.ledgers) if (rows.length) await this.em.insertMany(LedgerEntry, rows as never[]);
    this.ledgers.length = 0;
  }

  private async appointment(patient: Patient, service: Service, day: LocalDate, visit: VisitSeed, bookedAt: Date): Promise<Appointment> {
    this.assertStatusFitsDay(day, visit);
    const provider = pick(this.world.providers, visit.provider);
    const clinic = service.clinic;
    // A cancelled visit holds no time: it does not block the diary.
    const slot = this.world.diary.place({
      provider,
      clinic,
      patient,
      day,
      from: visit.at,
      minutes: service.durationMinutes,
      hold: visit.status !== 'CANCELLED',
    });
    const [number] = await nextAppointmentNumbers(this.em, 1, bookedAt, DEMO_ZONE);
    const finished = PAST_STATUSES.includes(visit.status) || visit.status === 'CANCELLED';
    return this.em.create(Appointment, {
      tenant: this.world.tenant,
      number: number as string,
      patient,
      provider,
      clinic,
      service,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      status: visit.status,
      package: null,
      packagePurchase: null,
      sessionNumberInPackage: null,
      packageTotalSessions: null,
      sessionConsumed: false,
      appliedPolicy: null,
      statusReason: visit.reason ?? null,
      createdAt: bookedAt,
      updatedAt: finished ? minDate(slot.endsAt, this.now) : bookedAt,
    });
  }

  private audit(entityType: 'Appointment' | 'PackagePurchase' | 'Invoice', entityId: string, after: Record<string, unknown>): void {
    recordAudit(this.em, systemActor(this.world.tenant.id), this.now, [
      { operation: 'seed', entityType, entityId, after, reason: 'demo data' },
    ]);
  }

  private assertStatusFitsDay(day: LocalDate, visit: VisitSeed): void {
    if (PAST_STATUSES.includes(visit.status) && !(day < this.today)) {
      throw new Error(`demo data: a ${visit.status} visit on ${day} is not in the past (today ${this.today})`);
    }
    if (FUTURE_STATUSES.includes(visit.status) && !(day > this.today)) {
      throw new Error(`demo data: a ${visit.status} visit on ${day} is not in the future (today ${this.today})`);
    }
  }

  private assertInsidePurchase(day: LocalDate, purchase: PackagePurchase, visit: PackageVisitSeed): void {
    if (day < purchase.purchaseDate || day > purchase.expiryDate) {
      throw new Error(
        `demo data: session ${visit.session} on ${day} is outside its purchase (${purchase.purchaseDate} to ${purchase.expiryDate})`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The diary: where each visit fits
// ---------------------------------------------------------------------------------------------

interface Busy {
  start: number;
  end: number;
}

const SLOT_STEP_MINUTES = 15;

/**
 * Places visits inside their provider's working hours, away from time off and from every visit
 * already placed for the same provider or the same patient, as the database's exclusion
 * constraints require. It answers the first free slot from the preferred time of the day, and
 * throws when the day has none: that is a story to fix, not something to work around.
 */
export class Diary {
  private readonly hours = new Map<Provider, { clinic: Clinic; week: readonly WeeklyRange[] }>();
  private readonly busy = new Map<Provider | Patient, Busy[]>();

  constructor(private readonly zone: string) {}

  addProvider(provider: Provider, clinic: Clinic, week: readonly WeeklyRange[]): void {
    this.hours.set(provider, { clinic, week });
  }

  addTimeOff(provider: Provider, startsAt: Date, endsAt: Date): void {
    this.hold(provider, { start: startsAt.getTime(), end: endsAt.getTime() });
  }

  place(visit: {
    provider: Provider;
    clinic: Clinic;
    patient: Patient;
    day: LocalDate;
    from: string;
    minutes: number;
    hold: boolean;
  }): { startsAt: Date; endsAt: Date } {
    const schedule = this.hours.get(visit.provider);
    if (!schedule || schedule.clinic !== visit.clinic) {
      throw new Error(`demo data: ${visit.provider.name} does not work in ${visit.clinic.nameEn}`);
    }
    const earliest = instantAt(visit.day, visit.from, this.zone).getTime();
    const length = visit.minutes * 60_000;
    for (const range of schedule.week.filter((r) => r.weekday === weekdayIndexOf(visit.day))) {
      const rangeEnd = instantAt(visit.day, range.endTime, this.zone).getTime();
      let start = Math.max(instantAt(visit.day, range.startTime, this.zone).getTime(), earliest);
      for (; start + length <= rangeEnd; start += SLOT_STEP_MINUTES * 60_000) {
        const slot = { start, end: start + length };
        if (this.isFree(visit.provider, slot) && this.isFree(visit.patient, slot)) {
          if (visit.hold) {
            this.hold(visit.provider, slot);
            this.hold(visit.patient, slot);
          }
          return { startsAt: new Date(slot.start), endsAt: new Date(slot.end) };
        }
      }
    }
    throw new Error(`demo data: no free slot for ${visit.provider.name} on ${visit.day} from ${visit.from}`);
  }

  private isFree(who: Provider | Patient, slot: Busy): boolean {
    return (this.busy.get(who) ?? []).every((taken) => taken.end <= slot.start || slot.end <= taken.start);
  }

  private hold(who: Provider | Patient, slot: Busy): void {
    this.busy.set(who, [...(this.busy.get(who) ?? []), slot]);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** Clinic days: Sunday (0) to Thursday (4). */
const WORKING_WEEKDAYS = new Set(WORKING_WEEK.map((range) => range.weekday));

/** The first working day on or after `day`, and after `previous` when given. */
function workingDayOnOrAfter(day: LocalDate, previous: LocalDate | null): LocalDate {
  let candidate = previous && day <= previous ? addDays(previous, 1) : day;
  while (!WORKING_WEEKDAYS.has(weekdayIndexOf(candidate))) candidate = addDays(candidate, 1);
  return candidate;
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

/** A seeded row by its key in the stories; a missing key is a typo in the stories. */
export function pick<T>(rows: Map<string, T>, key: string): T {
  const row = rows.get(key);
  if (row === undefined) throw new Error(`demo data: nothing called "${key}"`);
  return row;
}
