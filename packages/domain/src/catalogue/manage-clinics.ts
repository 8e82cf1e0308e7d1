import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { Clinic } from './clinic.entity.js';
import { Service } from './service.entity.js';
import { CancellationPolicy, type CancellationPolicyTerms } from '../appointments/cancellation-policy.entity.js';
import { policyOf } from '../appointments/cancellation-policy.js';
import { parseAmount, type Decimal } from '../billing/money.js';
import { recordAudit } from '../audit/audit-log.js';

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
      price: input.price,
      createdAt: now,
    });
    await em.flush();
    return service;
  });
}

export function cancellationPolicy(context: UseCaseContext): Promise<CancellationPolicyTerms> {
  return policyOf(context.em, context.actor.tenantId);
}

/** The tenant's rules for no-shows and late cancellations; appointments keep the terms they were judged by. */
export function setCancellationPolicy(context: UseCaseContext, input: CancellationPolicyTerms): Promise<Result<CancellationPolicyTerms>> {
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
