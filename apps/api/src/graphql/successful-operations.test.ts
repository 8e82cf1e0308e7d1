import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAILS,
  GraphqlClient,
  globalIdFromSql,
  loadCatalogue,
  sqlRows,
  startSeededApi,
  uuidOf,
  type Catalogue,
  type SeededApi,
  type UserErrors,
} from '../testing/graphql-client.js';

/**
 * Every operation of the contract (and the API's additions), called over HTTP as a front desk
 * and an integrator would, against the real server and PostgreSQL. One story: a new patient
 * buys a package, pays, gets a first session booked and the rest auto-scheduled, comes, and
 * has a session moved. Each step checks what the API answers and, where it matters, the rows.
 */

const ZONE = 'Asia/Riyadh';
/** Riyadh is UTC+3 all year: the clinic-local date and week day of an instant. */
const localDate = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 10);
const localWeekday = (iso: string) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(Date.parse(iso) + 3 * 3_600_000).getUTCDay()];

const APPOINTMENT = /* GraphQL */ `
  fragment A on Appointment {
    id number status startsAt endsAt sessionNumberInPackage sessionConsumed statusReason
    patient { id mrn } provider { id name } clinic { id nameEn } service { id code durationMinutes }
    packagePurchase { id status sessionsUsed }
  }
`;
const PURCHASE = /* GraphQL */ `
  fragment P on PackagePurchase {
    id status purchaseDate expiryDate totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled
    patient { id } package { id nameEn } invoice { id number status }
  }
`;
const PROGRESS = /* GraphQL */ `
  fragment G on PackageProgress {
    totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled scheduledAppointments
    completedAppointments cancelledAppointments noShowAppointments percentUsed
    packagePurchase { id }
    appointments { id sessionNumberInPackage status startsAt }
  }
`;

interface Appointment {
  id: string;
  number: string;
  status: string;
  startsAt: string;
  endsAt: string;
  sessionNumberInPackage: number | null;
  sessionConsumed: boolean;
  statusReason: string | null;
  patient: { id: string; mrn: string };
  provider: { id: string; name: string };
  clinic: { id: string; nameEn: string };
  service: { id: string; code: string; durationMinutes: number };
  packagePurchase: { id: string; status: string; sessionsUsed: number } | null;
}

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

async function firstFreeSlot(client: GraphqlClient, providerId: string, serviceId: string, date: string, patientId?: string) {
  const { freeSlots } = await client.data<{ freeSlots: Array<{ startsAt: string; endsAt: string }> }>(
    `query ($p: ID!, $s: ID!, $d: Date!, $pt: ID) { freeSlots(providerId: $p, serviceId: $s, date: $d, patientId: $pt) { startsAt endsAt } }`,
    { p: providerId, s: serviceId, d: date, pt: patientId ?? null },
  );
  const slot = freeSlots[0];
  if (!slot) throw new Error(`no free slot on ${date}`);
  return slot;
}

describe('sign-in and the viewer', () => {
  it('login answers a token and the user; the token makes the viewer', async () => {
    const { login } = await api.anonymous.data<{
      login: { token: string; user: { id: string; email: string; name: string; role: string } } & UserErrors;
    }>(`mutation { login(input: { email: "Admin@AlNoor.test ", password: "demo-pass-2026" }) { token user { id email name role } userErrors { code } } }`);
    expect(login.userErrors).toEqual([]);
    expect(login.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(login.user).toMatchObject({ email: 'admin@alnoor.test', role: 'ADMIN', name: 'Maha Al-Sulaiman' });

    const { viewer } = await admin.data<{ viewer: { id: string; email: string; role: string; provider: null } }>(
      '{ viewer { id email role provider { id } } }',
    );
    expect(viewer).toEqual({ id: login.user.id, email: 'admin@alnoor.test', role: 'ADMIN', provider: null });
  });

  it("a clinician's viewer names the provider whose schedule is theirs", async () => {
    const clinician = await api.as(DEMO_EMAILS.clinician);
    const { viewer } = await clinician.data<{ viewer: { role: string; provider: { id: string; name: string } } }>(
      '{ viewer { role provider { id name } } }',
    );
    expect(viewer).toEqual({ role: 'CLINICIAN', provider: { id: catalogue.providers['Huda Al-Otaibi'], name: 'Huda Al-Otaibi' } });
  });
});

describe('catalogue queries', () => {
  it('clinics, providers, services and packages, filtered by clinic', async () => {
    const slp = catalogue.clinics['Speech-Language Pathology']!;
    const data = await admin.data<{
      clinics: Array<{ nameEn: string; nameAr: string; timeZone: string }>;
      providers: Array<{ name: string; clinics: Array<{ id: string }>; workingHours: Array<{ weekday: number; startTime: string; endTime: string }> }>;
      services: Array<{ code: string; durationMinutes: number; price: string; clinic: { id: string } }>;
      packages: Array<{
        nameEn: string;
        price: string;
        validityDays: number;
        totalSessions: number;
        clinic: { id: string };
        services: Array<{ sessions: number; service: { code: string } }>;
      }>;
    }>(
      `query ($c: ID!) {
        clinics { nameEn nameAr timeZone }
        providers(clinicId: $c) { name clinics { id } workingHours { weekday startTime endTime } }
        services(clinicId: $c) { code durationMinutes price clinic { id } }
        packages(clinicId: $c) { nameEn price validityDays totalSessions clinic { id } services { sessions service { code } } }
      }`,
      { c: slp },
    );
    expect(data.clinics).toEqual([
      { nameEn: 'Occupational Therapy', nameAr: 'العلاج الوظيفي', timeZone: ZONE },
      { nameEn: 'Speech-Language Pathology', nameAr: 'أمراض النطق واللغة', timeZone: ZONE },
    ]);
    expect(data.providers.map((p) => p.name)).toEqual(['Huda Al-Otaibi', 'Nada Al-Shammari', 'Omar Haddad']);
    for (const provider of data.providers) {
      expect(provider.clinics).toEqual([{ id: slp }]);
      expect(provider.workingHours).toHaveLength(10);
      expect(provider.workingHours).toContainEqual({ weekday: 0, startTime: '08:00', endTime: '12:00' });
    }
    expect(data.services).toEqual([
      { code: 'SLP-ASSESS', durationMinutes: 60, price: '450.00', clinic: { id: slp } },
      { code: 'SLP-THERAPY', durationMinutes: 45, price: '300.00', clinic: { id: slp } },
    ]);
    expect(data.packages).toEqual([
      { nameEn: '10 SLP Sessions', price: '2700.00', validityDays: 90, totalSessions: 10, clinic: { id: slp }, services: [{ sessions: 10, service: { code: 'SLP-THERAPY' } }] },
      {
        nameEn: 'SLP Assessment + 8 Sessions',
        price: '2600.00',
        validityDays: 120,
        totalSessions: 9,
        clinic: { id: slp },
        services: [
          { sessions: 1, service: { code: 'SLP-ASSESS' } },
          { sessions: 8, service: { code: 'SLP-THERAPY' } },
        ],
      },
    ]);
  });

  it('node(id) answers every node type by its global id', async () => {
    const [appointment] = await sqlRows<{ id: string }>(api.db, `select id from appointment order by number limit 1`);
    const [invoice] = await sqlRows<{ id: string }>(api.db, `select id from invoice order by number limit 1`);
    const [purchase] = await sqlRows<{ id: string }>(api.db, `select id from package_purchase limit 1`);
    const [user] = await sqlRows<{ id: string }>(api.db, `select id from app_user where email = 'reception@alnoor.test'`);
    const ids: Record<string, string> = {
      Clinic: catalogue.clinics['Occupational Therapy']!,
      Provider: catalogue.providers['Lina Farouk']!,
      Service: catalogue.services['OT-THERAPY']!,
      Package: catalogue.packages['12 OT Sessions']!,
      Patient: catalogue.patients['MRN-100001']!,
      Appointment: Buffer.from(`Appointment:${appointment!.id}`).toString('base64url'),
      Invoice: Buffer.from(`Invoice:${invoice!.id}`).toString('base64url'),
      PackagePurchase: Buffer.from(`PackagePurchase:${purchase!.id}`).toString('base64url'),
      User: Buffer.from(`User:${user!.id}`).toString('base64url'),
    };
    for (const [type, id] of Object.entries(ids)) {
      const { node } = await admin.data<{ node: { __typename: string; id: string } | null }>(
        'query ($id: ID!) { node(id: $id) { __typename id } }',
        { id },
      );
      expect(node, type).toEqual({ __typename: type, id });
    }
    const { node } = await admin.data<{ node: { email: string } }>('query ($id: ID!) { node(id: $id) { ... on User { email } } }', {
      id: ids['User'],
    });
    expect(node.email).toBe('reception@alnoor.test');
  });
});

describe('a package from sale to delivery', () => {
  let patientId: string;
  let invoiceId: string;
  let purchaseId: string;
  let firstSession: Appointment;
  let scheduled: Appointment[];

  it('createPatient registers a patient, and patients() finds them', async () => {
    const { createPatient } = await reception.data<{
      createPatient: { patient: { id: string; mrn: string; nameEn: string; nameAr: string; dateOfBirth: string; phone: string } } & UserErrors;
    }>(
      `mutation ($input: CreatePatientInput!) {
        createPatient(input: $input) { patient { id mrn nameEn nameAr dateOfBirth phone } userErrors { code message field } }
      }`,
      { input: { mrn: ' MRN-900001 ', nameEn: 'Rayan Al-Fahad', nameAr: 'ريان الفهد', dateOfBirth: '2019-05-01', phone: '+966 55 000 1122' } },
    );
    expect(createPatient.userErrors).toEqual([]);
    expect(createPatient.patient).toMatchObject({
      mrn: 'MRN-900001',
      nameEn: 'Rayan Al-Fahad',
      nameAr: 'ريان الفهد',
      dateOfBirth: '2019-05-01',
      phone: '+966 55 000 1122',
    });
    patientId = createPatient.patient.id;
    expect(await sqlRows(api.db, `select mrn, name_en from patient where id = $1`, [uuidOf(patientId)])).toEqual([
      { mrn: 'MRN-900001', name_en: 'Rayan Al-Fahad' },
    ]);

    const found = await reception.data<{ byMrn: Array<{ id: string }>; byArabic: Array<{ id: string }> }>(
      '{ byMrn: patients(search: "mrn-9000") { id } byArabic: patients(search: "ريان الفهد") { id } }',
    );
    expect(found).toEqual({ byMrn: [{ id: patientId }], byArabic: [{ id: patientId }] });
    // By phone, however it is written; a number it does not contain finds nobody.
    const byPhone = await reception.data<Record<string, Array<{ id: string }>>>(
      '{ a: patients(search: "0550001122") { id } b: patients(search: "+966 55 000 1122") { id } c: patients(search: "55-000-1122") { id } d: patients(search: "0559991122") { id } }',
    );
    expect(byPhone).toEqual({ a: [{ id: patientId }], b: [{ id: patientId }], c: [{ id: patientId }], d: [] });
  });

  it('patients() pages alphabetically with first/after, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { patients }: { patients: Array<{ id: string; nameEn: string }> } = await reception.data(
        'query ($after: String) { patients(first: 7, after: $after) { id nameEn } }',
        { after },
      );
      seen.push(...patients.map((p) => p.nameEn));
      if (patients.length < 7) break;
      after = patients.at(-1)!.id;
    }
    const [{ n }] = (await sqlRows<{ n: number }>(
      api.db,
      `select count(*)::int as n from patient where tenant_id = (select tenant_id from app_user where email = 'admin@alnoor.test')`,
    )) as [{ n: number }];
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('purchasePackage issues an invoice and no purchase yet', async () => {
    const { purchasePackage } = await reception.data<{
      purchasePackage: { invoice: { id: string; number: string; status: string; total: string; patient: { id: string }; package: { id: string } } } & UserErrors;
    }>(
      `mutation ($input: PurchasePackageInput!) {
        purchasePackage(input: $input) { invoice { id number status total patient { id } package { id } } userErrors { code } }
      }`,
      { input: { patientId, packageId: catalogue.packages['10 SLP Sessions'] } },
    );
    expect(purchasePackage.userErrors).toEqual([]);
    expect(purchasePackage.invoice).toMatchObject({
      number: expect.stringMatching(/^INV-2026-\d{6}$/),
      status: 'ISSUED',
      total: '3105.00', // 2700.00, tax-exclusive, + 15 % VAT
      patient: { id: patientId },
      package: { id: catalogue.packages['10 SLP Sessions'] },
    });
    invoiceId = purchasePackage.invoice.id;
    const { availablePackages } = await reception.data<{ availablePackages: unknown[] }>(
      'query ($p: ID!) { availablePackages(patientId: $p) { id } }',
      { p: patientId },
    );
    expect(availablePackages).toEqual([]);
    expect(await sqlRows(api.db, `select count(*)::int as n from package_purchase where patient_id = $1`, [uuidOf(patientId)])).toEqual([{ n: 0 }]);
  });

  it('payInvoice pays it and creates the purchase; paying again creates nothing', async () => {
    const pay = () =>
      reception.data<{ payInvoice: { invoice: { id: string; status: string; paidAt: string }; packagePurchase: Record<string, unknown> & { id: string } } & UserErrors }>(
        `${PURCHASE} mutation ($input: PayInvoiceInput!) {
          payInvoice(input: $input) { invoice { id status paidAt } packagePurchase { ...P } userErrors { code } }
        }`,
        { input: { invoiceId } },
      );
    const { payInvoice } = await pay();
    expect(payInvoice.userErrors).toEqual([]);
    expect(payInvoice.invoice).toEqual({ id: invoiceId, status: 'PAID', paidAt: '2026-11-24T06:00:00.000Z' });
    expect(payInvoice.packagePurchase).toMatchObject({
      status: 'ACTIVE',
      purchaseDate: '2026-11-24',
      expiryDate: '2027-02-22',
      totalSessions: 10,
      sessionsUsed: 0,
      sessionsRemaining: 10,
      sessionsUnscheduled: 10,
      patient: { id: patientId },
      package: { id: catalogue.packages['10 SLP Sessions'], nameEn: '10 SLP Sessions' },
      invoice: { id: invoiceId, status: 'PAID' },
    });
    purchaseId = payInvoice.packagePurchase.id;

    const again = await pay();
    expect(again.payInvoice.userErrors).toEqual([]);
    expect(again.payInvoice.packagePurchase.id).toBe(purchaseId);
    expect(await sqlRows(api.db, `select count(*)::int as n from package_purchase where patient_id = $1`, [uuidOf(patientId)])).toEqual([{ n: 1 }]);
  });

  it('availablePackages lists the purchase, only for its clinic', async () => {
    const data = await reception.data<{ all: Array<{ id: string; sessionsUnscheduled: number }>; slp: Array<{ id: string }>; ot: unknown[] }>(
      `query ($p: ID!, $slp: ID!, $ot: ID!) {
        all: availablePackages(patientId: $p) { id sessionsUnscheduled }
        slp: availablePackages(patientId: $p, clinicId: $slp) { id }
        ot: availablePackages(patientId: $p, clinicId: $ot) { id }
      }`,
      { p: patientId, slp: catalogue.clinics['Speech-Language Pathology'], ot: catalogue.clinics['Occupational Therapy'] },
    );
    expect(data).toEqual({ all: [{ id: purchaseId, sessionsUnscheduled: 10 }], slp: [{ id: purchaseId }], ot: [] });
  });

  it('bookAppointment books the lowest free session of the purchase in a free slot', async () => {
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const therapy = catalogue.services['SLP-THERAPY']!;
    const slot = await firstFreeSlot(reception, huda, therapy, '2026-11-30', patientId);
    const { bookAppointment } = await reception.data<{ bookAppointment: { appointment: Appointment } & UserErrors }>(
      `${APPOINTMENT} mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { ...A } userErrors { code message field } } }`,
      { input: { patientId, providerId: huda, serviceId: therapy, startsAt: slot.startsAt, packagePurchaseId: purchaseId } },
    );
    expect(bookAppointment.userErrors).toEqual([]);
    firstSession = bookAppointment.appointment;
    expect(firstSession).toMatchObject({
      number: expect.stringMatching(/^APT-2026-\d{6}$/),
      status: 'BOOKED',
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      sessionNumberInPackage: 1,
      sessionConsumed: false,
      patient: { id: patientId, mrn: 'MRN-900001' },
      provider: { id: huda },
      service: { id: therapy, durationMinutes: 45 },
      clinic: { nameEn: 'Speech-Language Pathology' },
      packagePurchase: { id: purchaseId, status: 'ACTIVE', sessionsUsed: 0 },
    });
    expect(new Date(firstSession.endsAt).getTime() - new Date(firstSession.startsAt).getTime()).toBe(45 * 60_000);
    expect(localDate(firstSession.startsAt)).toBe('2026-11-30');
  });

  it('bookAppointment also books a single appointment outside any package', async () => {
    const omar = catalogue.providers['Omar Haddad']!;
    const assess = catalogue.services['SLP-ASSESS']!;
    const patient = catalogue.patients['MRN-100019']!;
    const slot = await firstFreeSlot(reception, omar, assess, '2026-12-16', patient);
    const { bookAppointment } = await reception.data<{ bookAppointment: { appointment: Appointment } & UserErrors }>(
      `${APPOINTMENT} mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { ...A } userErrors { code } } }`,
      { input: { patientId: patient, providerId: omar, serviceId: assess, startsAt: slot.startsAt } },
    );
    expect(bookAppointment.userErrors).toEqual([]);
    expect(bookAppointment.appointment).toMatchObject({
      status: 'BOOKED',
      startsAt: slot.startsAt,
      packagePurchase: null,
      sessionNumberInPackage: null,
      patient: { id: patient },
      service: { durationMinutes: 60 },
    });
  });

  it('schedulePackage places the other nine sessions on the preferred days, a day apart at least', async () => {
    const huda = catalogue.providers['Huda Al-Otaibi']!;
    const { schedulePackage } = await reception.data<{
      schedulePackage: {
        appointments: Appointment[];
        schedulingErrors: unknown[];
        progress: { totalSessions: number; scheduledAppointments: number; sessionsUnscheduled: number };
      } & UserErrors;
    }>(
      `${APPOINTMENT} mutation ($input: SchedulePackageInput!) {
        schedulePackage(input: $input) {
          appointments { ...A }
          schedulingErrors { sessionNumber code message }
          progress { totalSessions scheduledAppointments sessionsUnscheduled }
          userErrors { code message field }
        }
      }`,
      { input: { packagePurchaseId: purchaseId, providerId: huda, startDate: '2026-12-01', preferredDays: ['SUNDAY', 'TUESDAY', 'THURSDAY'] } },
    );
    expect(schedulePackage.userErrors).toEqual([]);
    expect(schedulePackage.schedulingErrors).toEqual([]);
    scheduled = schedulePackage.appointments;
    expect(scheduled.map((a) => a.sessionNumberInPackage)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const days = scheduled.map((a) => localDate(a.startsAt));
    for (const [index, day] of days.entries()) {
      expect(['Sun', 'Tue', 'Thu']).toContain(localWeekday(scheduled[index]!.startsAt));
      expect(day >= '2026-12-01' && day <= '2027-02-22').toBe(true);
      if (index > 0) expect(day > days[index - 1]!).toBe(true);
      expect(scheduled[index]).toMatchObject({ status: 'BOOKED', provider: { id: huda }, patient: { id: patientId }, packagePurchase: { id: purchaseId } });
    }
    expect(schedulePackage.progress).toEqual({ totalSessions: 10, scheduledAppointments: 10, sessionsUnscheduled: 0 });
  });

  it('schedulePackage again creates nothing', async () => {
    const before = await sqlRows(api.db, `select count(*)::int as n from appointment where package_purchase_id = $1`, [uuidOf(purchaseId)]);
    const { schedulePackage } = await reception.data<{ schedulePackage: { appointments: unknown[]; schedulingErrors: unknown[] } & UserErrors }>(
      `mutation ($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { id } schedulingErrors { code } userErrors { code } } }`,
      { input: { packagePurchaseId: purchaseId, providerId: catalogue.providers['Huda Al-Otaibi'], startDate: '2026-11-25' } },
    );
    expect(schedulePackage).toEqual({ appointments: [], schedulingErrors: [], userErrors: [] });
    expect(await sqlRows(api.db, `select count(*)::int as n from appointment where package_purchase_id = $1`, [uuidOf(purchaseId)])).toEqual(before);
    expect(before).toEqual([{ n: 10 }]);
  });

  it('packageProgress and PackagePurchase.progress count the sessions, appointments in session order', async () => {
    const data = await reception.data<{ packageProgress: Record<string, unknown> & { appointments: Array<{ sessionNumberInPackage: number }> }; node: { progress: unknown } }>(
      `${PROGRESS} query ($id: ID!) { packageProgress(packagePurchaseId: $id) { ...G } node(id: $id) { ... on PackagePurchase { progress { ...G } } } }`,
      { id: purchaseId },
    );
    expect(data.packageProgress).toMatchObject({
      totalSessions: 10,
      sessionsUsed: 0,
      sessionsRemaining: 10,
      sessionsUnscheduled: 0,
      scheduledAppointments: 10,
      completedAppointments: 0,
      cancelledAppointments: 0,
      noShowAppointments: 0,
      percentUsed: 0,
      packagePurchase: { id: purchaseId },
    });
    expect(data.packageProgress.appointments.map((a) => a.sessionNumberInPackage)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(data.node.progress).toEqual(data.packageProgress);
  });

  it('appointments() pages the purchase in time order with first/after, and filters', async () => {
    const ids: string[] = [];
    const starts: string[] = [];
    let after: string | null = null;
    const pages: Array<{ n: number; hasNextPage: boolean; totalCount: number }> = [];
    for (;;) {
      const {
        appointments,
      }: {
        appointments: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string; startsAt: string } }> };
      } = await reception.data(
        `query ($f: AppointmentFilter, $after: String) {
          appointments(filter: $f, first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id startsAt } } }
        }`,
        { f: { packagePurchaseId: purchaseId }, after },
      );
      pages.push({ n: appointments.edges.length, hasNextPage: appointments.pageInfo.hasNextPage, totalCount: appointments.totalCount });
      ids.push(...appointments.edges.map((e) => e.node.id));
      starts.push(...appointments.edges.map((e) => e.node.startsAt));
      expect(appointments.pageInfo.endCursor).toBe(appointments.edges.at(-1)?.cursor ?? null);
      if (!appointments.pageInfo.hasNextPage) break;
      after = appointments.pageInfo.endCursor;
    }
    expect(pages).toEqual([
      { n: 4, hasNextPage: true, totalCount: 10 },
      { n: 4, hasNextPage: true, totalCount: 10 },
      { n: 2, hasNextPage: false, totalCount: 10 },
    ]);
    expect(new Set(ids)).toEqual(new Set([firstSession.id, ...scheduled.map((a) => a.id)]));
    expect(starts).toEqual([...starts].sort());

    const filtered = await reception.data<{
      byPatient: { totalCount: number };
      byProviderInDecember: { totalCount: number; edges: Array<{ node: { startsAt: string; provider: { id: string } } }> };
      completed: { totalCount: number };
    }>(
      `query ($patient: ID!, $provider: ID!) {
        byPatient: appointments(filter: { patientId: $patient }) { totalCount }
        byProviderInDecember: appointments(filter: { providerId: $provider, from: "2026-12-01T00:00:00+03:00", to: "2027-01-01T00:00:00+03:00", status: [BOOKED] }, first: 100) {
          totalCount edges { node { startsAt provider { id } } }
        }
        completed: appointments(filter: { patientId: $patient, status: [COMPLETED] }) { totalCount }
      }`,
      { patient: patientId, provider: catalogue.providers['Huda Al-Otaibi'] },
    );
    expect(filtered.byPatient.totalCount).toBe(10);
    expect(filtered.completed.totalCount).toBe(0);
    const [{ n }] = (await sqlRows<{ n: number }>(
      api.db,
      `select count(*)::int as n from appointment where provider_id = $1 and status = 'BOOKED'
          and starts_at >= '2026-12-01T00:00:00+03:00' and starts_at < '2027-01-01T00:00:00+03:00'`,
      [uuidOf(catalogue.providers['Huda Al-Otaibi']!)],
    )) as [{ n: number }];
    expect(filtered.byProviderInDecember.totalCount).toBe(n);
    expect(filtered.byProviderInDecember.edges).toHaveLength(n);
    for (const { node } of filtered.byProviderInDecember.edges) {
      expect(localDate(node.startsAt).slice(0, 7)).toBe('2026-12');
      expect(node.provider.id).toBe(catalogue.providers['Huda Al-Otaibi']);
    }
  });

  it('setAppointmentStatus moves a session along; completing it uses exactly one session', async () => {
    const set = (status: string, reason?: string) =>
      admin.data<{ setAppointmentStatus: { appointment: Appointment; packagePurchase: { id: string; sessionsUsed: number; sessionsRemaining: number; status: string } | null } & UserErrors }>(
        `${APPOINTMENT} mutation ($input: SetAppointmentStatusInput!) {
          setAppointmentStatus(input: $input) { appointment { ...A } packagePurchase { id sessionsUsed sessionsRemaining status } userErrors { code message } }
        }`,
        { input: { appointmentId: firstSession.id, status, reason } },
      );
    const confirmed = await set('CONFIRMED', 'Mother confirmed by phone');
    expect(confirmed.setAppointmentStatus.userErrors).toEqual([]);
    expect(confirmed.setAppointmentStatus.appointment).toMatchObject({ status: 'CONFIRMED', statusReason: 'Mother confirmed by phone', sessionConsumed: false });
    expect(confirmed.setAppointmentStatus.packagePurchase).toMatchObject({ sessionsUsed: 0 });

    const completed = await set('COMPLETED');
    expect(completed.setAppointmentStatus.userErrors).toEqual([]);
    expect(completed.setAppointmentStatus.appointment).toMatchObject({ status: 'COMPLETED', sessionConsumed: true });
    expect(completed.setAppointmentStatus.packagePurchase).toEqual({ id: purchaseId, sessionsUsed: 1, sessionsRemaining: 9, status: 'ACTIVE' });
    expect(await sqlRows(api.db, `select sessions_used from package_purchase where id = $1`, [uuidOf(purchaseId)])).toEqual([{ sessions_used: 1 }]);

    const { packageProgress } = await reception.data<{ packageProgress: { sessionsUsed: number; completedAppointments: number; percentUsed: number } }>(
      'query ($id: ID!) { packageProgress(packagePurchaseId: $id) { sessionsUsed completedAppointments percentUsed } }',
      { id: purchaseId },
    );
    expect(packageProgress).toEqual({ sessionsUsed: 1, completedAppointments: 1, percentUsed: 10 });
  });

  it('rescheduleAppointment moves a session to another time and provider of the clinic', async () => {
    const session2 = scheduled[0]!;
    const nada = catalogue.providers['Nada Al-Shammari']!;
    const day = localDate(session2.startsAt);
    const slot = await firstFreeSlot(reception, nada, catalogue.services['SLP-THERAPY']!, day, patientId);
    const { rescheduleAppointment } = await reception.data<{ rescheduleAppointment: { appointment: Appointment } & UserErrors }>(
      `${APPOINTMENT} mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { ...A } userErrors { code message } } }`,
      { input: { appointmentId: session2.id, startsAt: slot.startsAt, providerId: nada } },
    );
    expect(rescheduleAppointment.userErrors).toEqual([]);
    expect(rescheduleAppointment.appointment).toMatchObject({
      id: session2.id,
      number: session2.number,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      provider: { id: nada },
      status: 'BOOKED',
      sessionNumberInPackage: 2,
    });
    expect(
      await sqlRows(api.db, `select provider_id, starts_at from appointment where id = $1`, [uuidOf(session2.id)]),
    ).toEqual([{ provider_id: uuidOf(nada), starts_at: new Date(slot.startsAt) }]);
  });

  it('Patient.packagePurchases lists the purchase', async () => {
    const { node } = await reception.data<{ node: { packagePurchases: Array<{ id: string; sessionsUsed: number }> } }>(
      'query ($id: ID!) { node(id: $id) { ... on Patient { packagePurchases { id sessionsUsed } } } }',
      { id: patientId },
    );
    expect(node.packagePurchases).toEqual([{ id: purchaseId, sessionsUsed: 1 }]);
  });
});

describe('catalogue administration', () => {
  it('createPackage adds a package whose total is the sum of its lines, in the order given', async () => {
    const { createPackage } = await admin.data<{
      createPackage: {
        package: { id: string; nameEn: string; nameAr: string; description: string; price: string; validityDays: number; totalSessions: number; clinic: { id: string }; services: Array<{ sessions: number; service: { code: string } }> };
      } & UserErrors;
    }>(
      `mutation ($input: CreatePackageInput!) {
        createPackage(input: $input) {
          package { id nameEn nameAr description price validityDays totalSessions clinic { id } services { sessions service { code } } }
          userErrors { code message field }
        }
      }`,
      {
        input: {
          nameEn: 'Assessment + 4 Sessions',
          nameAr: 'تقييم + 4 جلسات',
          description: 'A short course.',
          price: '1500.50',
          validityDays: 60,
          services: [
            { serviceId: catalogue.services['SLP-ASSESS'], sessions: 1 },
            { serviceId: catalogue.services['SLP-THERAPY'], sessions: 4 },
          ],
        },
      },
    );
    expect(createPackage.userErrors).toEqual([]);
    expect(createPackage.package).toMatchObject({
      nameEn: 'Assessment + 4 Sessions',
      nameAr: 'تقييم + 4 جلسات',
      description: 'A short course.',
      price: '1500.50',
      validityDays: 60,
      totalSessions: 5,
      clinic: { id: catalogue.clinics['Speech-Language Pathology'] },
      services: [
        { sessions: 1, service: { code: 'SLP-ASSESS' } },
        { sessions: 4, service: { code: 'SLP-THERAPY' } },
      ],
    });
    const { packages } = await admin.data<{ packages: Array<{ id: string }> }>('{ packages { id } }');
    expect(packages.map((p) => p.id)).toContain(createPackage.package.id);
  });
});

describe('API tokens', () => {
  it('an ADMIN creates a token that signs in as them, lists it, and revokes it for good', async () => {
    const { createApiToken } = await admin.data<{ createApiToken: { secret: string; apiToken: { id: string; name: string; createdAt: string; revokedAt: null } } & UserErrors }>(
      'mutation { createApiToken(input: { name: "billing export" }) { secret apiToken { id name createdAt revokedAt } userErrors { code } } }',
    );
    expect(createApiToken.userErrors).toEqual([]);
    expect(createApiToken.secret).toMatch(/^cpk_[\w-]{20,}$/);
    expect(createApiToken.apiToken).toMatchObject({ name: 'billing export', createdAt: '2026-11-24T06:00:00.000Z', revokedAt: null });
    // Only its hash is kept.
    const stored = await sqlRows<{ token_hash: string }>(api.db, 'select token_hash from api_token');
    expect(stored.map((row) => row.token_hash)).not.toContain(createApiToken.secret);

    const integration = new GraphqlClient(api.url, createApiToken.secret);
    const { viewer, clinics } = await integration.data<{ viewer: { email: string }; clinics: unknown[] }>('{ viewer { email } clinics { id } }');
    expect(viewer.email).toBe('admin@alnoor.test');
    expect(clinics).toHaveLength(2);

    const { apiTokens } = await admin.data<{ apiTokens: Array<{ id: string; name: string }> }>('{ apiTokens { id name } }');
    expect(apiTokens).toContainEqual({ id: createApiToken.apiToken.id, name: 'billing export' });

    const { revokeApiToken } = await admin.data<{ revokeApiToken: { apiToken: { id: string; revokedAt: string } } & UserErrors }>(
      'mutation ($id: ID!) { revokeApiToken(input: { tokenId: $id }) { apiToken { id revokedAt } userErrors { code } } }',
      { id: createApiToken.apiToken.id },
    );
    expect(revokeApiToken).toEqual({ apiToken: { id: createApiToken.apiToken.id, revokedAt: '2026-11-24T06:00:00.000Z' }, userErrors: [] });

    // A revoked token is a bad credential: 401 on every field, `viewer` included.
    const afterRevoke = await integration.failure('{ viewer { email } }');
    expect(afterRevoke.errors[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const refused = await integration.failure('{ clinics { id } }');
    expect(refused.errors[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('repeated and concurrent calls', () => {
  it('schedulePackage called three times at once places each session once', async () => {
    // Lujain's OT purchase, sessions 4 to 12 unscheduled (she has a newer SLP one, paid in two parts).
    const purchaseId = await globalIdFromSql(
      api.db,
      'PackagePurchase',
      `select p.id from package_purchase p join patient pt on pt.id = p.patient_id join package k on k.id = p.package_id
        where pt.mrn = $1 and k.total_sessions = 12`,
      ['MRN-100014'],
    );
    const input = { packagePurchaseId: purchaseId, providerId: catalogue.providers['Tariq Al-Zahrani'], startDate: '2026-11-25' };
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        reception.data<{ schedulePackage: { appointments: Array<{ sessionNumberInPackage: number }>; userErrors: unknown[] } }>(
          `mutation ($input: SchedulePackageInput!) { schedulePackage(input: $input) { appointments { sessionNumberInPackage } userErrors { code } } }`,
          { input },
        ),
      ),
    );
    const created = answers.flatMap((a) => a.schedulePackage.appointments.map((x) => x.sessionNumberInPackage)).sort((a, b) => a - b);
    expect(answers.map((a) => a.schedulePackage.userErrors)).toEqual([[], [], []]);
    expect(created).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(
      await sqlRows(
        api.db,
        `select session_number_in_package as n from appointment where package_purchase_id = $1 and status <> 'CANCELLED' order by 1`,
        [uuidOf(purchaseId)],
      ),
    ).toEqual(Array.from({ length: 12 }, (_, index) => ({ n: index + 1 })));
  });

  it('payInvoice called twice at once creates one purchase', async () => {
    const invoiceId = await globalIdFromSql(api.db, 'Invoice', `select id from invoice where status = 'ISSUED' order by number limit 1`);
    const answers = await Promise.all(
      [1, 2].map(() =>
        reception.data<{ payInvoice: { packagePurchase: { id: string }; userErrors: unknown[] } }>(
          'mutation ($id: ID!) { payInvoice(input: { invoiceId: $id }) { packagePurchase { id } userErrors { code } } }',
          { id: invoiceId },
        ),
      ),
    );
    expect(answers.map((a) => a.payInvoice.userErrors)).toEqual([[], []]);
    expect(answers[0]!.payInvoice.packagePurchase.id).toBe(answers[1]!.payInvoice.packagePurchase.id);
    expect(await sqlRows(api.db, 'select count(*)::int as n from package_purchase where invoice_id = $1', [uuidOf(invoiceId)])).toEqual([{ n: 1 }]);
  });
});
