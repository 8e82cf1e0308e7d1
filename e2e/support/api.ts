import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-pass-2026';

/** The demo accounts of the README. */
export const USERS = {
  admin: 'admin@alnoor.test',
  reception: 'reception@alnoor.test',
  finance: 'finance@alnoor.test',
  clinician: 'clinician@alnoor.test',
  otherTenantAdmin: 'admin@darshifa.test',
} as const;

export type Weekday = 'SUNDAY' | 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY';
export type AppointmentStatus = 'BOOKED' | 'CONFIRMED' | 'ARRIVED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';

interface UserError {
  code: string;
  message: string;
  field: string[] | null;
}

export interface Named {
  id: string;
  nameEn: string;
  nameAr: string;
}

export interface TestPatient {
  id: string;
  nameEn: string;
  nameAr: string;
  mrn: string;
}

export interface TestProvider {
  id: string;
  name: string;
  nameAr: string;
}

export interface Purchase {
  id: string;
  status: 'ACTIVE' | 'EXPIRED' | 'COMPLETED' | 'CANCELLED';
  totalSessions: number;
  sessionsUsed: number;
  sessionsRemaining: number;
  sessionsUnscheduled: number;
  purchaseDate: string;
  expiryDate: string;
  package: { id: string; nameEn: string; nameAr: string };
}

export interface Appointment {
  id: string;
  number: string;
  startsAt: string;
  status: AppointmentStatus;
  sessionNumberInPackage: number | null;
  provider: { id: string; name: string };
  clinic: { timeZone: string };
}

const PURCHASE_FIELDS = 'id status totalSessions sessionsUsed sessionsRemaining sessionsUnscheduled purchaseDate expiryDate package { id nameEn nameAr }';
const APPOINTMENT_FIELDS = 'id number startsAt status sessionNumberInPackage provider { id name } clinic { timeZone }';

/** Sunday to Thursday, 08:00-16:00 with a break 12:00-13:00: the demo clinics' week. */
export const WORKING_WEEK = [0, 1, 2, 3, 4].flatMap((weekday) => [
  { weekday, startTime: '08:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '16:00' },
]);

const shortId = () => randomUUID().slice(0, 8);

/** Talks to the GraphQL API the way an integrator would, to set up what a test needs. */
export class ClinicApi {
  private constructor(
    private readonly request: APIRequestContext,
    /** The session token, sent as `Authorization: Bearer`; `login` also set the session cookie in this request context. */
    readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<ClinicApi> {
    const response = await request.post('/graphql', {
      data: { query: 'mutation($input: LoginInput!) { login(input: $input) { token userErrors { message } } }', variables: { input: { email, password } } },
    });
    const body = (await response.json()) as { data: { login: { token: string | null } } };
    if (!body.data.login.token) throw new Error(`cannot sign in as ${email}`);
    return new ClinicApi(request, body.data.login.token);
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.request.post('/graphql', {
      headers: { authorization: `Bearer ${this.token}` },
      data: { query, variables },
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }

  /** A mutation whose payload has userErrors: any of them fails the set-up loudly. */
  async mutate<T>(name: string, query: string, input: Record<string, unknown>): Promise<T> {
    const data = await this.query<Record<string, T & { userErrors: UserError[] }>>(query, { input });
    const payload = data[name];
    if (!payload) throw new Error(`${name}: no payload`);
    if (payload.userErrors.length) {
      throw new Error(`${name}: ${payload.userErrors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
    }
    return payload;
  }

  /** A new patient of the signed-in tenant, so that tests never share one. */
  async createPatient(nameEn = `Test Patient ${shortId()}`): Promise<TestPatient> {
    const suffix = nameEn.split(' ').at(-1) ?? '';
    const payload = await this.mutate<{ patient: TestPatient }>(
      'createPatient',
      'mutation($input: CreatePatientInput!) { createPatient(input: $input) { patient { id nameEn nameAr mrn } userErrors { code message field } } }',
      { mrn: `E2E-${shortId().toUpperCase()}`, nameEn, nameAr: `مريض تجريبي ${suffix}`, dateOfBirth: '2019-05-01', phone: '+966 50 000 0000' },
    );
    return payload.patient;
  }

  async findPatients(search: string): Promise<Array<TestPatient & { packagePurchases: Purchase[] }>> {
    const data = await this.query<{ patients: Array<TestPatient & { packagePurchases: Purchase[] }> }>(
      `query($s: String) { patients(search: $s, first: 10) { id nameEn nameAr mrn packagePurchases { ${PURCHASE_FIELDS} } } }`,
      { s: search },
    );
    return data.patients;
  }

  /** The patient's purchases, as the API tells them. */
  async purchasesOf(patientId: string): Promise<Purchase[]> {
    const data = await this.query<{ node: { packagePurchases: Purchase[] } | null }>(
      `query($id: ID!) { node(id: $id) { ... on Patient { packagePurchases { ${PURCHASE_FIELDS} } } } }`,
      { id: patientId },
    );
    if (!data.node) throw new Error(`no patient ${patientId}`);
    return data.node.packagePurchases;
  }

  async clinicNamed(nameEn: string): Promise<Named & { timeZone: string }> {
    const data = await this.query<{ clinics: Array<Named & { timeZone: string }> }>('{ clinics { id nameEn nameAr timeZone } }');
    const found = data.clinics.find((c) => c.nameEn === nameEn);
    if (!found) throw new Error(`no clinic ${nameEn}`);
    return found;
  }

  async serviceCoded(code: string): Promise<Named & { clinic: { id: string } }> {
    const data = await this.query<{ services: Array<Named & { code: string; clinic: { id: string } }> }>(
      '{ services { id code nameEn nameAr clinic { id } } }',
    );
    const found = data.services.find((s) => s.code === code);
    if (!found) throw new Error(`no service ${code}`);
    return found;
  }

  async packageNamed(nameEn: string): Promise<{ id: string; nameEn: string; nameAr: string; totalSessions: number; validityDays: number; price: string; clinic: { id: string } }> {
    const data = await this.query<{
      packages: Array<{ id: string; nameEn: string; nameAr: string; totalSessions: number; validityDays: number; price: string; clinic: { id: string } }>;
    }>('{ packages { id nameEn nameAr totalSessions validityDays price clinic { id } } }');
    const found = data.packages.find((pkg) => pkg.nameEn === nameEn);
    if (!found) throw new Error(`no package ${nameEn}`);
    return found;
  }

  /** A catalogue package of `sessions` sessions of one service (ADMIN or FINANCE). */
  async createPackage(serviceCode: string, sessions: number, validityDays = 60): Promise<{ id: string; nameEn: string; nameAr: string }> {
    const service = await this.serviceCoded(serviceCode);
    const id = shortId();
    const payload = await this.mutate<{ package: { id: string; nameEn: string; nameAr: string } }>(
      'createPackage',
      'mutation($input: CreatePackageInput!) { createPackage(input: $input) { package { id nameEn nameAr } userErrors { code message field } } }',
      {
        nameEn: `E2E ${sessions} Sessions ${id}`,
        nameAr: `باقة تجريبية ${sessions} جلسات ${id}`,
        description: 'Made by a browser test.',
        price: '500.00',
        validityDays,
        services: [{ serviceId: service.id, sessions }],
      },
    );
    return payload.package;
  }

  /** A provider of one clinic with the demo clinics' working week and an empty diary (ADMIN). */
  async createProvider(clinicId: string, name = `Dr E2E ${shortId()}`): Promise<TestProvider> {
    const nameAr = `د. تجريبي ${name.split(' ').at(-1) ?? ''}`;
    const payload = await this.mutate<{ provider: TestProvider }>(
      'createProvider',
      'mutation($input: CreateProviderInput!) { createProvider(input: $input) { provider { id name nameAr } userErrors { code message field } } }',
      { clinicIds: [clinicId], name, nameAr },
    );
    await this.mutate(
      'setWorkingHours',
      'mutation($input: SetWorkingHoursInput!) { setWorkingHours(input: $input) { userErrors { code message field } } }',
      { clinicId, providerId: payload.provider.id, ranges: WORKING_WEEK },
    );
    return payload.provider;
  }

  async providers(clinicId?: string): Promise<Array<{ id: string; name: string }>> {
    const data = await this.query<{ providers: Array<{ id: string; name: string }> }>(
      'query($c: ID) { providers(clinicId: $c) { id name } }',
      { c: clinicId ?? null },
    );
    return data.providers;
  }

  async providerNamed(name: string): Promise<{ id: string; name: string }> {
    const found = (await this.providers()).find((p) => p.name === name);
    if (!found) throw new Error(`no provider ${name}`);
    return found;
  }

  /** Issues and pays the invoice: the patient owns an ACTIVE purchase. */
  async buyPackage(patientId: string, packageName = '10 SLP Sessions'): Promise<Purchase> {
    const pkg = await this.packageNamed(packageName);
    const issued = await this.mutate<{ invoice: { id: string } }>(
      'purchasePackage',
      'mutation($input: PurchasePackageInput!) { purchasePackage(input: $input) { invoice { id } userErrors { code message field } } }',
      { patientId, packageId: pkg.id },
    );
    const paid = await this.mutate<{ packagePurchase: Purchase }>(
      'payInvoice',
      `mutation($input: PayInvoiceInput!) { payInvoice(input: $input) { packagePurchase { ${PURCHASE_FIELDS} } userErrors { code message field } } }`,
      { invoiceId: issued.invoice.id },
    );
    return paid.packagePurchase;
  }

  async purchase(id: string): Promise<Purchase> {
    const data = await this.query<{ node: Purchase | null }>(`query($id: ID!) { node(id: $id) { ... on PackagePurchase { ${PURCHASE_FIELDS} } } }`, { id });
    if (!data.node) throw new Error(`no purchase ${id}`);
    return data.node;
  }

  async schedulePackage(input: {
    packagePurchaseId: string;
    startDate: string;
    providerId?: string;
    endDate?: string;
    preferredDays?: Weekday[];
  }): Promise<{ appointments: Appointment[]; schedulingErrors: Array<{ sessionNumber: number; code: string }> }> {
    return this.mutate(
      'schedulePackage',
      `mutation($input: SchedulePackageInput!) { schedulePackage(input: $input) {
        appointments { ${APPOINTMENT_FIELDS} } schedulingErrors { sessionNumber code } userErrors { code message field } } }`,
      input,
    );
  }

  async freeSlots(providerId: string, serviceId: string, date: string): Promise<string[]> {
    const data = await this.query<{ freeSlots: Array<{ startsAt: string }> }>(
      'query($p: ID!, $s: ID!, $d: Date!) { freeSlots(providerId: $p, serviceId: $s, date: $d) { startsAt } }',
      { p: providerId, s: serviceId, d: date },
    );
    return data.freeSlots.map((slot) => slot.startsAt);
  }

  async bookAppointment(input: {
    patientId: string;
    providerId: string;
    serviceId: string;
    startsAt: string;
    packagePurchaseId?: string;
  }): Promise<Appointment> {
    const payload = await this.mutate<{ appointment: Appointment }>(
      'bookAppointment',
      `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { ${APPOINTMENT_FIELDS} } userErrors { code message field } } }`,
      input,
    );
    return payload.appointment;
  }

  /** Books the next free session of a purchase on each day, at the provider's first free time. */
  async bookSessions(purchaseId: string, patientId: string, providerId: string, serviceCode: string, days: string[]): Promise<Appointment[]> {
    const service = await this.serviceCoded(serviceCode);
    const booked: Appointment[] = [];
    for (const day of days) {
      const [startsAt] = await this.freeSlots(providerId, service.id, day);
      if (!startsAt) throw new Error(`no free time on ${day}`);
      booked.push(await this.bookAppointment({ patientId, providerId, serviceId: service.id, startsAt, packagePurchaseId: purchaseId }));
    }
    return booked;
  }

  async setAppointmentStatus(appointmentId: string, status: AppointmentStatus, reason?: string): Promise<void> {
    await this.mutate(
      'setAppointmentStatus',
      'mutation($input: SetAppointmentStatusInput!) { setAppointmentStatus(input: $input) { appointment { id } userErrors { code message field } } }',
      { appointmentId, status, reason: reason ?? null },
    );
  }

  async appointment(id: string): Promise<Appointment & { packagePurchase: { id: string } | null }> {
    const data = await this.query<{ node: (Appointment & { packagePurchase: { id: string } | null }) | null }>(
      `query($id: ID!) { node(id: $id) { ... on Appointment { ${APPOINTMENT_FIELDS} packagePurchase { id } } } }`,
      { id },
    );
    if (!data.node) throw new Error(`no appointment ${id}`);
    return data.node;
  }

  /** The purchase's appointments in session order (its progress). */
  async appointmentsOf(purchaseId: string): Promise<Appointment[]> {
    const data = await this.query<{ packageProgress: { appointments: Appointment[] } | null }>(
      `query($id: ID!) { packageProgress(packagePurchaseId: $id) { appointments { ${APPOINTMENT_FIELDS} } } }`,
      { id: purchaseId },
    );
    if (!data.packageProgress) throw new Error(`no purchase ${purchaseId}`);
    return data.packageProgress.appointments;
  }

  async availablePackages(patientId: string): Promise<Purchase[]> {
    const data = await this.query<{ availablePackages: Purchase[] }>(
      `query($p: ID!) { availablePackages(patientId: $p) { ${PURCHASE_FIELDS} } }`,
      { p: patientId },
    );
    return data.availablePackages;
  }
}
