import type { AppointmentStatus } from '../appointments/appointment-status.js';
import type { PackagePurchaseStatus } from '../purchases/package-purchase.entity.js';
import { can, type Actor } from '../kernel/actor.js';
import { reachOf } from '../access/read-policy.js';

/**
 * Read models: plain, typed views of rows, built by one SQL statement that shapes the whole
 * answer (json_build_object / json_agg), never by hydrating entities. They carry the field names
 * of the entities they stand for, so the API's field resolvers read both alike, and a brand so
 * that a view counts as loaded (no batch loader is asked for what it already holds).
 *
 * Writes keep the entities and the use cases; these are for reads only.
 */

const VIEW = Symbol.for('clinic.readModelView');

/** A view built by a read model: complete for its own fields. */
export interface View {
  readonly [VIEW]: true;
}

/** True for a read model's view (its fields are all there). */
export function isView(value: unknown): value is View {
  return typeof value === 'object' && value !== null && (value as { [VIEW]?: unknown })[VIEW] === true;
}

function brand<T extends object>(value: T): T & View {
  Object.defineProperty(value, VIEW, { value: true, enumerable: false });
  return value as T & View;
}

/** A reference by id to a row the view does not hold (a batch loader fetches it if asked). */
export interface Ref {
  id: string;
}

export interface ClinicView extends View {
  id: string;
  tenant: Ref;
  nameEn: string;
  nameAr: string;
  timeZone: string;
}

export interface PatientView extends View {
  id: string;
  tenant: Ref;
  mrn: string;
  nameEn: string;
  nameAr: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  remindersByEmail: boolean;
  remindersBySms: boolean;
  consentRecordedAt: Date | null;
}

export interface ProviderView extends View {
  id: string;
  tenant: Ref;
  name: string;
  nameAr: string | null;
  active: boolean;
}

export interface ServiceView extends View {
  id: string;
  tenant: Ref;
  clinic: Ref;
  code: string;
  nameEn: string;
  nameAr: string;
  durationMinutes: number;
  price: string;
}

export interface PackageServiceLineView extends View {
  id: string;
  tenant: Ref;
  package: Ref;
  service: ServiceView;
  sessions: number;
  position: number;
}

export interface PackageView extends View {
  /** Its service lines in delivery order, when the read model loaded them; null: not loaded. */
  services: PackageServiceLineView[] | null;
  id: string;
  tenant: Ref;
  clinic: ClinicView;
  nameEn: string;
  nameAr: string;
  description: string | null;
  price: string;
  validityDays: number;
  totalSessions: number;
  active: boolean;
}

export interface PackagePurchaseView extends View {
  id: string;
  tenant: Ref;
  patient: PatientView;
  package: PackageView;
  invoice: Ref;
  status: PackagePurchaseStatus;
  purchaseDate: string;
  expiryDate: string;
  totalSessions: number;
  sessionsUsed: number;
  sessionsRemaining: number;
  /** Remaining sessions no live appointment holds yet, when the read model counted them; null: not counted. */
  sessionsUnscheduled: number | null;
  liability: string;
  recognised: string;
  refunded: string;
  breakage: string;
}

export interface AppointmentView extends View {
  id: string;
  tenant: Ref;
  number: string;
  patient: PatientView;
  provider: ProviderView;
  clinic: ClinicView;
  service: ServiceView;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  package: Ref | null;
  packagePurchase: PackagePurchaseView | null;
  sessionNumberInPackage: number | null;
  packageTotalSessions: number | null;
  sessionConsumed: boolean;
  statusReason: string | null;
}

// SQL fragments: a JSON object of one row under its alias. Money goes as text, never a float.

export const clinicJson = (c: string) =>
  `json_build_object('id', ${c}.id, 'tenantId', ${c}.tenant_id, 'nameEn', ${c}.name_en, 'nameAr', ${c}.name_ar, 'timeZone', ${c}.time_zone)`;

export const patientJson = (p: string) =>
  `json_build_object('id', ${p}.id, 'tenantId', ${p}.tenant_id, 'mrn', ${p}.mrn, 'nameEn', ${p}.name_en, 'nameAr', ${p}.name_ar, 'dateOfBirth', ${p}.date_of_birth::text, 'phone', ${p}.phone, 'email', ${p}.email, 'preferredLanguage', ${p}.preferred_language, 'remindersByEmail', ${p}.reminders_by_email, 'remindersBySms', ${p}.reminders_by_sms, 'consentRecordedAt', ${p}.consent_recorded_at)`;

export const providerJson = (p: string) =>
  `json_build_object('id', ${p}.id, 'tenantId', ${p}.tenant_id, 'name', ${p}.name, 'nameAr', ${p}.name_ar, 'active', ${p}.active)`;

export const serviceJson = (s: string) =>
  `json_build_object('id', ${s}.id, 'tenantId', ${s}.tenant_id, 'clinicId', ${s}.clinic_id, 'code', ${s}.code, 'nameEn', ${s}.name_en, 'nameAr', ${s}.name_ar, 'durationMinutes', ${s}.duration_minutes, 'price', ${s}.price::text)`;

export const packageJson = (k: string, clinic: string, services = 'null::json') =>
  `json_build_object('services', ${services}, 'id', ${k}.id, 'tenantId', ${k}.tenant_id, 'clinic', ${clinic}, 'nameEn', ${k}.name_en, 'nameAr', ${k}.name_ar, 'description', ${k}.description, 'price', ${k}.price::text, 'validityDays', ${k}.validity_days, 'totalSessions', ${k}.total_sessions, 'active', ${k}.active)`;

/** The service lines of the package under alias \`k\`, in order, each with its service. */
export const serviceLinesJson = (k: string) => `coalesce((
    select json_agg(json_build_object('id', l.id, 'tenantId', l.tenant_id, 'packageId', l.package_id, 'sessions', l.sessions, 'position', l.position, 'service', ${serviceJson('ls')}) order by l.position)
    from package_service_line l join service ls on ls.id = l.service_id where l.package_id = ${k}.id), '[]'::json)`;

export const purchaseJson = (p: string, patient: string, pkg: string) =>
  `json_build_object('id', ${p}.id, 'tenantId', ${p}.tenant_id, 'patient', ${patient}, 'package', ${pkg}, 'invoiceId', ${p}.invoice_id, 'status', ${p}.status, 'purchaseDate', ${p}.purchase_date::text, 'expiryDate', ${p}.expiry_date::text, 'totalSessions', ${p}.total_sessions, 'sessionsUsed', ${p}.sessions_used, 'liability', ${p}.liability::text, 'recognised', ${p}.recognised::text, 'refunded', ${p}.refunded::text, 'breakage', ${p}.breakage::text)`;

/** An appointment with its patient, provider, clinic and service (the purchase is attached by the caller). */
export const appointmentJson = (a: string, patient: string, provider: string, clinic: string, service: string) =>
  `json_build_object('id', ${a}.id, 'tenantId', ${a}.tenant_id, 'number', ${a}.number, 'patient', ${patient}, 'provider', ${provider}, 'clinic', ${clinic}, 'service', ${service}, 'startsAt', ${a}.starts_at, 'endsAt', ${a}.ends_at, 'status', ${a}.status, 'packageId', ${a}.package_id, 'packagePurchaseId', ${a}.package_purchase_id, 'sessionNumberInPackage', ${a}.session_number_in_package, 'packageTotalSessions', ${a}.package_total_sessions, 'sessionConsumed', ${a}.session_consumed, 'statusReason', ${a}.status_reason)`;

// From the JSON rows to the typed views. Every key a view reads must be in the statement's JSON
// (json_build_object writes a null as a key with null): a key the SQL forgot is a fault at the
// first read, never a field silently answered as null or "undefined".

type Json = Record<string, unknown>;

function at(row: Json, key: string): unknown {
  if (row === null || typeof row !== 'object' || !(key in row)) {
    throw new Error(`read model: the statement's JSON has no "${key}" (it has ${row && typeof row === 'object' ? Object.keys(row).join(', ') : String(row)})`);
  }
  return row[key];
}

function present(row: Json, key: string): NonNullable<unknown> {
  const value = at(row, key);
  if (value === null || value === undefined) throw new Error(`read model: "${key}" is null in the statement's JSON, where the view needs a value`);
  return value;
}

/** Typed reads of a statement's JSON row: the key must be there; the non-null ones must hold a value. */
export const readJson = {
  text: (row: Json, key: string): string => String(present(row, key)),
  textOrNull: (row: Json, key: string): string | null => {
    const value = at(row, key);
    return value === null ? null : String(value);
  },
  int: (row: Json, key: string): number => Number(present(row, key)),
  intOrNull: (row: Json, key: string): number | null => {
    const value = at(row, key);
    return value === null ? null : Number(value);
  },
  bool: (row: Json, key: string): boolean => present(row, key) === true,
  instant: (row: Json, key: string): Date => new Date(String(present(row, key))),
  instantOrNull: (row: Json, key: string): Date | null => {
    const value = at(row, key);
    return value === null ? null : new Date(String(value));
  },
  object: (row: Json, key: string): Json => present(row, key) as Json,
};

const { text, textOrNull, int, intOrNull, bool, instant, instantOrNull, object } = readJson;
const ref = (row: Json, key: string): Ref => ({ id: text(row, key) });

export function clinicView(row: Json): ClinicView {
  return brand({ id: text(row, 'id'), tenant: ref(row, 'tenantId'), nameEn: text(row, 'nameEn'), nameAr: text(row, 'nameAr'), timeZone: text(row, 'timeZone') });
}

export function patientView(row: Json): PatientView {
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    mrn: text(row, 'mrn'),
    nameEn: text(row, 'nameEn'),
    nameAr: textOrNull(row, 'nameAr'),
    dateOfBirth: textOrNull(row, 'dateOfBirth'),
    phone: textOrNull(row, 'phone'),
    email: textOrNull(row, 'email'),
    preferredLanguage: text(row, 'preferredLanguage'),
    remindersByEmail: bool(row, 'remindersByEmail'),
    remindersBySms: bool(row, 'remindersBySms'),
    consentRecordedAt: instantOrNull(row, 'consentRecordedAt'),
  });
}

export function providerView(row: Json): ProviderView {
  return brand({ id: text(row, 'id'), tenant: ref(row, 'tenantId'), name: text(row, 'name'), nameAr: textOrNull(row, 'nameAr'), active: bool(row, 'active') });
}

export function serviceView(row: Json): ServiceView {
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    clinic: ref(row, 'clinicId'),
    code: text(row, 'code'),
    nameEn: text(row, 'nameEn'),
    nameAr: text(row, 'nameAr'),
    durationMinutes: int(row, 'durationMinutes'),
    price: text(row, 'price'),
  });
}

export function serviceLineView(row: Json): PackageServiceLineView {
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    package: ref(row, 'packageId'),
    service: serviceView(object(row, 'service')),
    sessions: int(row, 'sessions'),
    position: int(row, 'position'),
  });
}

export function packageView(row: Json): PackageView {
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    clinic: clinicView(object(row, 'clinic')),
    nameEn: text(row, 'nameEn'),
    nameAr: text(row, 'nameAr'),
    description: textOrNull(row, 'description'),
    price: text(row, 'price'),
    validityDays: int(row, 'validityDays'),
    totalSessions: int(row, 'totalSessions'),
    active: bool(row, 'active'),
    services: Array.isArray(at(row, 'services')) ? (row.services as Json[]).map(serviceLineView) : null,
  });
}

export function purchaseView(row: Json): PackagePurchaseView {
  const totalSessions = int(row, 'totalSessions');
  const sessionsUsed = int(row, 'sessionsUsed');
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    patient: patientView(object(row, 'patient')),
    package: packageView(object(row, 'package')),
    invoice: ref(row, 'invoiceId'),
    status: text(row, 'status') as PackagePurchaseStatus,
    purchaseDate: text(row, 'purchaseDate'),
    expiryDate: text(row, 'expiryDate'),
    totalSessions,
    sessionsUsed,
    sessionsRemaining: totalSessions - sessionsUsed,
    sessionsUnscheduled: null,
    liability: text(row, 'liability'),
    recognised: text(row, 'recognised'),
    refunded: text(row, 'refunded'),
    breakage: text(row, 'breakage'),
  });
}

/** The views an appointment names, when the caller holds them already (shared by several appointments). */
export interface AppointmentRelations {
  patient: PatientView;
  provider: ProviderView;
  clinic: ClinicView;
  service: ServiceView;
}

/**
 * `purchase`: the view of the purchase the appointment belongs to, when the caller has it.
 * `relations`: its patient, provider, clinic and service, when the caller has their views (the
 * row then names them by id); else the row holds each as a nested object.
 */
export function appointmentView(row: Json, purchase: PackagePurchaseView | null, relations?: AppointmentRelations): AppointmentView {
  return brand({
    id: text(row, 'id'),
    tenant: ref(row, 'tenantId'),
    number: text(row, 'number'),
    patient: relations?.patient ?? patientView(object(row, 'patient')),
    provider: relations?.provider ?? providerView(object(row, 'provider')),
    clinic: relations?.clinic ?? clinicView(object(row, 'clinic')),
    service: relations?.service ?? serviceView(object(row, 'service')),
    startsAt: instant(row, 'startsAt'),
    endsAt: instant(row, 'endsAt'),
    status: text(row, 'status') as AppointmentStatus,
    package: at(row, 'packageId') ? ref(row, 'packageId') : null,
    packagePurchase: purchase && at(row, 'packagePurchaseId') === purchase.id ? purchase : null,
    sessionNumberInPackage: intOrNull(row, 'sessionNumberInPackage'),
    packageTotalSessions: intOrNull(row, 'packageTotalSessions'),
    sessionConsumed: bool(row, 'sessionConsumed'),
    statusReason: textOrNull(row, 'statusReason'),
  });
}

/** The read policy's appointment rule (access/read-policy.ts), for a view: a clinician reads their own. */
export function mayReadAppointmentView(actor: Actor, appointment: Pick<AppointmentView, 'tenant' | 'provider'>): boolean {
  if (!can(actor, 'readAppointments') || appointment.tenant.id !== actor.tenantId) return false;
  return reachOf(actor) === 'TENANT' || appointment.provider.id === actor.providerId;
}
