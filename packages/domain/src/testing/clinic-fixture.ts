import type { MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { Actor } from '../kernel/actor.js';
import type { UseCaseContext } from '../kernel/use-case.js';
import { ROLES, type Role } from '../tenancy/role.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { User } from '../tenancy/user.entity.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { Provider } from '../providers/provider.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { WorkingHours } from '../providers/working-hours.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { type PackagePurchase } from '../purchases/package-purchase.entity.js';
import { payInvoice, purchasePackage } from '../purchases/purchase-package.js';

/**
 * A small clinic world built through the ORM, for the use-case tests:
 * a tenant with two clinics, providers working Sunday-Thursday 08:00-12:00 and 13:00-16:00
 * (clinic-local), therapy (45 min) and assessment (60 min) services, a "10 sessions / 90 days"
 * package, a patient, and one real user per role (so the audit's actor keys hold).
 */

export interface WeeklyRange {
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** 'HH:MM' */
  startTime: string;
  endTime: string;
}

/** Sunday to Thursday, 08:00-12:00 and 13:00-16:00. */
export const STANDARD_HOURS: readonly WeeklyRange[] = [0, 1, 2, 3, 4].flatMap((weekday) => [
  { weekday, startTime: '08:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '16:00' },
]);

export interface ClinicFixtureOptions {
  /** Time zone of the main clinic. Default 'Asia/Riyadh'. */
  zone?: string;
  /** Distinguishes tenants (and user emails) when several fixtures share a database. */
  slug?: string;
}

export interface ClinicFixture {
  orm: MikroORM;
  tenant: Tenant;
  clinic: Clinic;
  /** A second clinic of the tenant (Occupational Therapy). */
  otherClinic: Clinic;
  /** Works in `clinic`; the CLINICIAN user is this provider. */
  provider: Provider;
  /** A second provider of `clinic`. */
  secondProvider: Provider;
  /** Works only in `otherClinic`. */
  otherClinicProvider: Provider;
  therapy: Service;
  assessment: Service;
  /** A service of `otherClinic`. */
  otherClinicService: Service;
  /** 10 therapy sessions, valid 90 days. */
  pkg: Package;
  patient: Patient;
  users: Record<Role, User>;
  /** The instant of a clinic-local date and wall-clock time: at('2026-11-25', '08:00'). */
  at(date: string, time: string): Date;
  /** The clinic-local 'yyyy-MM-dd HH:mm' of an instant. */
  local(instant: Date): string;
  actor(role: Role): Actor;
  context(role: Role, now: Date): UseCaseContext;
  addPatient(options?: { mrn?: string; nameEn?: string }): Promise<Patient>;
  addProvider(options?: { name?: string; clinic?: Clinic; hours?: readonly WeeklyRange[] }): Promise<Provider>;
  addPackage(options: {
    lines: ReadonlyArray<{ service: Service; sessions: number }>;
    validityDays?: number;
    price?: string;
    nameEn?: string;
  }): Promise<Package>;
  /** purchasePackage + payInvoice as a receptionist at `now`; the paid purchase. */
  buyPackage(options: { now: Date; patient?: Patient; pkg?: Package; role?: Role }): Promise<PackagePurchase>;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1).toString(36)}`;

export async function createClinicFixture(orm: MikroORM, options: ClinicFixtureOptions = {}): Promise<ClinicFixture> {
  const zone = options.zone ?? 'Asia/Riyadh';
  const slug = options.slug ?? `clinic-${unique()}`;
  const em = orm.em.fork();
  const createdAt = new Date('2026-01-01T00:00:00Z');

  const tenant = em.create(Tenant, { slug, name: `Tenant ${slug}`, createdAt });
  const clinic = em.create(Clinic, { tenant, nameEn: 'Speech-Language Pathology', nameAr: 'أمراض النطق واللغة', timeZone: zone, createdAt });
  const otherClinic = em.create(Clinic, { tenant, nameEn: 'Occupational Therapy', nameAr: 'العلاج الوظيفي', timeZone: zone, createdAt });

  const newProvider = (name: string, where: Clinic, hours: readonly WeeklyRange[]) => {
    const provider = em.create(Provider, { tenant, name, active: true, createdAt });
    em.create(ProviderClinic, { tenant, provider, clinic: where, createdAt });
    for (const range of hours) em.create(WorkingHours, { tenant, provider, clinic: where, ...range, createdAt });
    return provider;
  };
  const provider = newProvider('Dr Amal', clinic, STANDARD_HOURS);
  const secondProvider = newProvider('Dr Basim', clinic, STANDARD_HOURS);
  const otherClinicProvider = newProvider('Dr Carim', otherClinic, STANDARD_HOURS);

  const therapy = em.create(Service, {
    tenant, clinic, code: `SLP-T`, nameEn: 'Speech therapy', nameAr: 'علاج النطق', durationMinutes: 45, price: '300.00', createdAt,
  });
  const assessment = em.create(Service, {
    tenant, clinic, code: `SLP-A`, nameEn: 'Speech assessment', nameAr: 'تقييم النطق', durationMinutes: 60, price: '450.00', createdAt,
  });
  const otherClinicService = em.create(Service, {
    tenant, clinic: otherClinic, code: `OT-T`, nameEn: 'Occupational therapy', nameAr: 'علاج وظيفي', durationMinutes: 45, price: '300.00', createdAt,
  });

  const newPackage = (lines: ReadonlyArray<{ service: Service; sessions: number }>, validityDays: number, price: string, nameEn: string) => {
    const first = lines[0];
    if (!first) throw new Error('a package has at least one line');
    const pkg = em.create(Package, {
      tenant,
      clinic: first.service.clinic,
      nameEn,
      nameAr: nameEn,
      description: null,
      price,
      validityDays,
      totalSessions: lines.reduce((sum, line) => sum + line.sessions, 0),
      active: true,
      createdAt,
    });
    lines.forEach((line, position) =>
      em.create(PackageServiceLine, { tenant, package: pkg, service: line.service, sessions: line.sessions, position, createdAt }),
    );
    return pkg;
  };
  const pkg = newPackage([{ service: therapy, sessions: 10 }], 90, '2500.00', '10 SLP sessions');

  const newPatient = (mrn: string, nameEn: string) =>
    em.create(Patient, { tenant, mrn, nameEn, nameAr: null, dateOfBirth: '2019-05-01', phone: '+966 500000000', createdAt });
  const patient = newPatient('MRN-0001', 'Sara');

  const users = Object.fromEntries(
    ROLES.map((role) => [
      role,
      em.create(User, {
        tenant,
        email: `${role.toLowerCase()}@${slug}.test`,
        name: `${role} of ${slug}`,
        role,
        passwordHash: 'not-a-real-hash',
        provider: role === 'CLINICIAN' ? provider : null,
        createdAt,
      }),
    ]),
  ) as Record<Role, User>;

  await em.flush();

  const actor = (role: Role): Actor => ({
    userId: users[role].id,
    tenantId: tenant.id,
    role,
    providerId: role === 'CLINICIAN' ? provider.id : null,
  });
  const context = (role: Role, now: Date): UseCaseContext => ({ em: orm.em.fork(), actor: actor(role), now });

  let patients = 1;
  return {
    orm,
    tenant,
    clinic,
    otherClinic,
    provider,
    secondProvider,
    otherClinicProvider,
    therapy,
    assessment,
    otherClinicService,
    pkg,
    patient,
    users,
    at: (date, time) => DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate(),
    local: (instant) => DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm'),
    actor,
    context,
    async addPatient(patientOptions = {}) {
      patients += 1;
      const created = newPatient(patientOptions.mrn ?? `MRN-${String(patients).padStart(4, '0')}`, patientOptions.nameEn ?? `Patient ${patients}`);
      await em.flush();
      return created;
    },
    async addProvider(providerOptions = {}) {
      const created = newProvider(providerOptions.name ?? `Dr ${unique()}`, providerOptions.clinic ?? clinic, providerOptions.hours ?? STANDARD_HOURS);
      await em.flush();
      return created;
    },
    async addPackage(packageOptions) {
      const created = newPackage(
        packageOptions.lines,
        packageOptions.validityDays ?? 90,
        packageOptions.price ?? '1000.00',
        packageOptions.nameEn ?? `Package ${unique()}`,
      );
      await em.flush();
      return created;
    },
    async buyPackage({ now, patient: buyer = patient, pkg: bought = pkg, role = 'RECEPTIONIST' }) {
      const invoice = await purchasePackage(context(role, now), { patientId: buyer.id, packageId: bought.id });
      if (!invoice.ok) throw new Error(`purchasePackage refused: ${invoice.error.code} ${invoice.error.message}`);
      const paid = await payInvoice(context(role, now), { invoiceId: invoice.value.id });
      if (!paid.ok) throw new Error(`payInvoice refused: ${paid.error.code} ${paid.error.message}`);
      return paid.value.packagePurchase;
    },
  };
}
