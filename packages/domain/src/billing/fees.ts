import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../kernel/actor.js';
import type { AuditEntry } from '../audit/audit-log.js';
import type { Appointment, AppointmentIncident } from '../appointments/appointment.entity.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import type { CancellationPolicyTerms } from '../appointments/cancellation-policy.entity.js';
import { nextInvoiceNumber } from '../appointments/appointment-numbers.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { Invoice } from './invoice.entity.js';
import { formatAmount, invoiceAmounts, toColumn } from './money.js';

/**
 * Fees of the cancellation policy. A package session cancelled less than the policy's window
 * before its start is a LATE_CANCELLATION; a no-show is a NO_SHOW. Each may cost the session,
 * a fee (invoiced to the patient, tax added like any invoice), both or nothing. The grace
 * allowance forgives a patient's first N incidents in a period: no session, no fee.
 */

/** The incident a move to `status` at `now` is, for a package session; null when none. */
export function incidentOf(status: AppointmentStatus, startsAt: Date, now: Date, policy: CancellationPolicyTerms): AppointmentIncident | null {
  if (status === 'NO_SHOW') return 'NO_SHOW';
  if (status !== 'CANCELLED') return null;
  const hoursBeforeStart = (startsAt.getTime() - now.getTime()) / 3_600_000;
  return hoursBeforeStart < policy.lateCancellationWindowHours ? 'LATE_CANCELLATION' : null;
}

/** The tax-exclusive fee the policy charges for an incident; null when none. */
export function feeOf(incident: AppointmentIncident | null, policy: CancellationPolicyTerms): string | null {
  if (incident === 'NO_SHOW') return policy.noShowFee ?? null;
  if (incident === 'LATE_CANCELLATION') return policy.lateCancellationFee ?? null;
  return null;
}

/**
 * Whether the grace allowance forgives this patient's next incident at `now`: fewer than
 * `graceAllowance` incidents of theirs were recorded in the last `gracePeriodDays` (forgiven ones
 * count too: "the first one in 90 days is free"). No statement when grace is off.
 */
export async function graceForgives(em: EntityManager, tenantId: string, patientId: string, now: Date, policy: CancellationPolicyTerms): Promise<boolean> {
  const allowance = policy.graceAllowance ?? 0;
  if (allowance <= 0) return false;
  const since = new Date(now.getTime() - (policy.gracePeriodDays ?? 90) * 86_400_000);
  const [row] = await em.execute<Array<{ incidents: number }>>(
    'select count(*)::int as incidents from appointment where tenant_id = ? and patient_id = ? and incident is not null and updated_at > ?',
    [tenantId, patientId, since],
  );
  return (row?.incidents ?? 0) < allowance;
}

/**
 * Issues the FEE invoice of an incident: the fee as subtotal, the tenant's tax, naming the
 * appointment and the package of its session. Added to the unit of work of the status change.
 */
export async function issueFeeInvoice(
  em: EntityManager,
  actor: Actor,
  now: Date,
  appointment: Appointment,
  fee: string,
  timeZone: string,
  audit: AuditEntry[],
): Promise<Invoice> {
  const tenant = await em.findOneOrFail(Tenant, actor.tenantId, { fields: ['currency', 'taxRate'] });
  const amounts = invoiceAmounts(fee, tenant.taxRate, tenant.currency);
  const invoice = em.create(Invoice, {
    tenant: actor.tenantId,
    number: await nextInvoiceNumber(em, now, timeZone),
    kind: 'FEE',
    appointment,
    patient: appointment.patient,
    package: appointment.package!,
    status: 'ISSUED',
    currency: tenant.currency,
    subtotal: toColumn(amounts.subtotal),
    taxRate: tenant.taxRate,
    tax: toColumn(amounts.tax),
    total: toColumn(amounts.total),
    amountPaid: '0.00',
    issuedAt: now,
    createdAt: now,
  });
  audit.push({
    operation: 'chargeFee',
    entityType: 'Invoice',
    entityId: invoice.id,
    after: {
      number: invoice.number,
      kind: 'FEE',
      appointmentId: appointment.id,
      incident: appointment.incident ?? null,
      subtotal: formatAmount(amounts.subtotal, tenant.currency),
      total: formatAmount(amounts.total, tenant.currency),
    },
  });
  return invoice;
}
