import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { Clinic } from './clinic.entity.js';
import { Service } from './service.entity.js';
import { CancellationPolicy, type CancellationPolicyTerms } from '../appointments/cancellation-policy.entity.js';
import { policyOf, type CancellationPolicyInForce } from '../appointments/cancellation-policy.js';
import { parseAmount, type Decimal } from '../billing/money.js';
import { recordAudit } from '../audit/audit-log.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { OPEN_STATUSES } from '../purchases/package-sessions.js';

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/** The runtime's IANA zone names (its ICU data), and UTC. */
let ianaZones: ReadonlySet<string> | undefined;

/**
 * True for an IANA time zone name the runtime knows, such as Asia/Riyadh, or UTC. Offsets such
 * as `UTC+3` or `GMT+3` are not zones: they ignore daylight saving time, and luxon would take them.
 */
export function isIanaTimeZone(zone: string): boolean {
  ianaZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return ianaZones.has(zone);
}

/** The zone names a clinic may take, sorted: what a zone picker offers. */
export function timeZoneNames(): string[] {
  isIanaTimeZone('UTC');
  return [...ianaZones!].sort();
}

export function createClinic(
  context: UseCaseContext,
  input: { nameEn: string; nameAr: string; timeZone?: string | null | undefined },
): Promise<Result<Clinic>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    if (!input.nameEn.trim()) refuse('VALIDATION', 'The English name is required.', ['input', 'nameEn']);
    if (!input.nameAr.trim()) refuse('VALIDATION', 'The Arabic name is required.', ['input', 'nameAr']);
    const timeZone = input.timeZone ?? 'Asia/Riyadh';
    if (!isIanaTimeZone(timeZone)) refuse('VALIDATION', 'The time zone is an IANA name such as Asia/Riyadh.', ['input', 'timeZone']);
    const clinic = em.create(Clinic, { tenant: actor.tenantId, nameEn: input.nameEn.trim(), nameAr: input.nameAr.trim(), timeZone, createdAt: now });
    recordAudit(em, actor, now, [{ operation: 'createClinic', entityType: 'Clinic', entityId: clinic.id, after: clinicFacts(clinic) }]);
    await em.flush();
    return clinic;
  });
}

export function createService(
  context: UseCaseContext,
  input: { clinicId: string; code: string; nameEn: string; nameAr: string; durationMinutes: number; price: string },
): Promise<Result<Service>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    const clinic = await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['input', 'clinicId']);
    const code = input.code.trim().toUpperCase();
    if (!/^[A-Z0-9-]{2,30}$/.test(code)) refuse('VALIDATION', 'A code has 2 to 30 letters, digits or dashes.', ['input', 'code']);
    if (!input.nameEn.trim()) refuse('VALIDATION', 'The English name is required.', ['input', 'nameEn']);
    if (!input.nameAr.trim()) refuse('VALIDATION', 'The Arabic name is required.', ['input', 'nameAr']);
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 5 || input.durationMinutes > 720 || input.durationMinutes % 5 !== 0) {
      refuse('VALIDATION', 'A duration is 5 to 720 minutes, in steps of 5.', ['input', 'durationMinutes']);
    }
    if (!MONEY.test(input.price)) refuse('VALIDATION', 'The price is a decimal amount such as 300.00.', ['input', 'price']);
    if ((await em.count(Service, { tenant: actor.tenantId, code })) > 0) refuse('CONFLICT', 'A service with this code exists.', ['input', 'code']);
    const service = em.create(Service, {
      tenant: actor.tenantId,
      clinic,
      code,
      nameEn: input.nameEn.trim(),
      nameAr: input.nameAr.trim(),
      durationMinutes: input.durationMinutes,
      price: (parseAmount(input.price, 'SAR') as Decimal).toFixed(2),
      createdAt: now,
    });
    recordAudit(em, actor, now, [{ operation: 'createService', entityType: 'Service', entityId: service.id, after: serviceFacts(service) }]);
    await em.flush();
    return service;
  });
}

const clinicFacts = (clinic: Clinic) => ({ nameEn: clinic.nameEn, nameAr: clinic.nameAr, timeZone: clinic.timeZone });
const serviceFacts = (service: Service) => ({
  code: service.code,
  nameEn: service.nameEn,
  nameAr: service.nameAr,
  durationMinutes: service.durationMinutes,
  price: service.price,
});

/** Only what is given changes; the audit keeps the fields that changed, before and after. */
function changedFacts<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const keys = (Object.keys(after) as (keyof T)[]).filter((key) => before[key] !== after[key]);
  if (keys.length === 0) return null;
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>, after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T> };
}

export interface UpdateClinicInput {
  clinicId: string;
  nameEn?: string | null | undefined;
  nameAr?: string | null | undefined;
  timeZone?: string | null | undefined;
}

/**
 * Renames a clinic or moves it to another IANA zone. The zone gives the meaning of its working
 * hours, closures and dates: it cannot change while open appointments lie ahead (CONFLICT,
 * CLINIC_HAS_APPOINTMENTS), which would otherwise move in local time.
 */
export function updateClinic(context: UseCaseContext, input: UpdateClinicInput): Promise<Result<Clinic>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    const clinic = await findInTenant(em, Clinic, input.clinicId, actor.tenantId, ['input', 'clinicId']);
    const before = clinicFacts(clinic);
    if (input.nameEn != null) {
      if (!input.nameEn.trim() || input.nameEn.length > 200) refuse('VALIDATION', 'The English name is required, at most 200 characters.', ['input', 'nameEn']);
      clinic.nameEn = input.nameEn.trim();
    }
    if (input.nameAr != null) {
      if (!input.nameAr.trim() || input.nameAr.length > 200) refuse('VALIDATION', 'The Arabic name is required, at most 200 characters.', ['input', 'nameAr']);
      clinic.nameAr = input.nameAr.trim();
    }
    if (input.timeZone != null && input.timeZone !== clinic.timeZone) {
      if (!isIanaTimeZone(input.timeZone)) refuse('VALIDATION', 'The time zone is an IANA name such as Asia/Riyadh.', ['input', 'timeZone']);
      const ahead = await em.count(Appointment, { tenant: actor.tenantId, clinic, endsAt: { $gt: now }, status: { $in: [...OPEN_STATUSES] } });
      if (ahead > 0) {
        refuse('CONFLICT', `The clinic has ${ahead} open appointments ahead; its time zone cannot change under them.`, ['input', 'timeZone'], {
          reason: 'CLINIC_HAS_APPOINTMENTS',
          params: { count: ahead },
        });
      }
      clinic.timeZone = input.timeZone;
    }
    const change = changedFacts(before, clinicFacts(clinic));
    if (change) recordAudit(em, actor, now, [{ operation: 'updateClinic', entityType: 'Clinic', entityId: clinic.id, ...change }]);
    await em.flush();
    return clinic;
  });
}

export interface UpdateServiceInput {
  serviceId: string;
  code?: string | null | undefined;
  nameEn?: string | null | undefined;
  nameAr?: string | null | undefined;
  durationMinutes?: number | null | undefined;
  price?: string | null | undefined;
}

/**
 * Changes a service. Appointments already booked keep their times (a new duration applies to
 * the next booking); its clinic never changes (packages and appointments name it).
 */
export function updateService(context: UseCaseContext, input: UpdateServiceInput): Promise<Result<Service>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageClinics');
    const service = await findInTenant(em, Service, input.serviceId, actor.tenantId, ['input', 'serviceId']);
    const before = serviceFacts(service);
    if (input.code != null) {
      const code = input.code.trim().toUpperCase();
      if (!/^[A-Z0-9-]{2,30}$/.test(code)) refuse('VALIDATION', 'A code has 2 to 30 letters, digits or dashes.', ['input', 'code']);
      if (code !== service.code && (await em.count(Service, { tenant: actor.tenantId, code })) > 0) {
        refuse('CONFLICT', 'A service with this code exists.', ['input', 'code'], { reason: 'CODE_TAKEN' });
      }
      service.code = code;
    }
    if (input.nameEn != null) {
      if (!input.nameEn.trim() || input.nameEn.length > 200) refuse('VALIDATION', 'The English name is required, at most 200 characters.', ['input', 'nameEn']);
      service.nameEn = input.nameEn.trim();
    }
    if (input.nameAr != null) {
      if (!input.nameAr.trim() || input.nameAr.length > 200) refuse('VALIDATION', 'The Arabic name is required, at most 200 characters.', ['input', 'nameAr']);
      service.nameAr = input.nameAr.trim();
    }
    if (input.durationMinutes != null) {
      if (!validDuration(input.durationMinutes)) refuse('VALIDATION', 'A duration is 5 to 720 minutes, in steps of 5.', ['input', 'durationMinutes']);
      service.durationMinutes = input.durationMinutes;
    }
    if (input.price != null) {
      const price = parseAmount(input.price, 'SAR');
      if (!MONEY.test(input.price) || !price) refuse('VALIDATION', 'The price is a decimal amount such as 300.00.', ['input', 'price']);
      service.price = (price as Decimal).toFixed(2);
    }
    const change = changedFacts(before, serviceFacts(service));
    if (change) recordAudit(em, actor, now, [{ operation: 'updateService', entityType: 'Service', entityId: service.id, ...change }]);
    await em.flush();
    return service;
  });
}

const validDuration = (minutes: number) => Number.isInteger(minutes) && minutes >= 5 && minutes <= 720 && minutes % 5 === 0;

export function cancellationPolicy(context: UseCaseContext): Promise<CancellationPolicyInForce> {
  return policyOf(context.em, context.actor.tenantId);
}

/** The tenant's rules for no-shows and late cancellations; appointments keep the terms they were judged by. */
export function setCancellationPolicy(context: UseCaseContext, input: CancellationPolicyTerms): Promise<Result<CancellationPolicyInForce>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'managePolicy');
    if (!Number.isInteger(input.lateCancellationWindowHours) || input.lateCancellationWindowHours < 0 || input.lateCancellationWindowHours > 720) {
      refuse('VALIDATION', 'The window is 0 to 720 hours.', ['input', 'lateCancellationWindowHours']);
    }
    validateFeesAndGrace(input);
    const existing = await em.findOne(CancellationPolicy, { tenant: actor.tenantId });
    const before = existing ? await policyOf(em, actor.tenantId) : null;
    const policy = existing ?? em.create(CancellationPolicy, { tenant: actor.tenantId, createdAt: now, ...input });
    Object.assign(policy, input);
    recordAudit(em, actor, now, [
      { operation: 'setCancellationPolicy', entityType: 'CancellationPolicy', entityId: policy.id, before: before ? { ...before } : null, after: { ...input } },
    ]);
    await em.flush();
    return policyOf(em, actor.tenantId);
  });
}

/** Fees are positive decimal strings or null (none); the grace allowance 0 to 100 incidents in 1 to 3650 days. */
function validateFeesAndGrace(input: CancellationPolicyTerms): void {
  for (const field of ['lateCancellationFee', 'noShowFee'] as const) {
    const value = input[field];
    if (value == null) continue;
    const amount = parseAmount(value, 'SAR');
    if (!amount || amount.lte(0)) refuse('VALIDATION', 'A fee is a positive decimal, e.g. "100.00", or null for none.', ['input', field]);
    input[field] = (amount as Decimal).toFixed(2);
  }
  // A number left out (or null) keeps its value.
  if (input.graceAllowance == null) delete input.graceAllowance;
  if (input.gracePeriodDays == null) delete input.gracePeriodDays;
  if (input.graceAllowance != null && (!Number.isInteger(input.graceAllowance) || input.graceAllowance < 0 || input.graceAllowance > 100)) {
    refuse('VALIDATION', 'The grace allowance is 0 (off) to 100 incidents.', ['input', 'graceAllowance']);
  }
  if (input.gracePeriodDays != null && (!Number.isInteger(input.gracePeriodDays) || input.gracePeriodDays < 1 || input.gracePeriodDays > 3650)) {
    refuse('VALIDATION', 'The grace period is 1 to 3650 days.', ['input', 'gracePeriodDays']);
  }
}
