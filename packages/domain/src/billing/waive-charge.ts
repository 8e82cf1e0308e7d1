import { LockMode } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { localDateOf } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { appointmentSnapshot, purchaseSnapshot } from '../appointments/snapshots.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { requireReason } from '../purchases/purchase-life.js';
import { currencyAndZone, recordReversal, reloadTotals } from '../ledger/ledger.js';
import { Invoice } from './invoice.entity.js';
import { Decimal } from './money.js';

export interface WaiveChargeInput {
  appointmentId: string;
  reason: string;
}

export interface WaivedCharge {
  appointment: Appointment;
  /** The purchase after the session came back (null for a fee only). */
  packagePurchase: PackagePurchase | null;
  /** The fee invoice it voided, if any. */
  feeInvoice: Invoice | null;
  sessionReturned: boolean;
}

/**
 * Waives what a late cancellation or no-show cost (FINANCE, ADMIN), with a reason, in one
 * transaction: the consumed session is given back (the appointment keeps its status, no longer
 * consumes, its session number is free again; the purchase's count goes down, a COMPLETED
 * purchase is ACTIVE again, and the session's recognised value is REVERSED into the liability),
 * and the unpaid fee invoice is voided. A session of a purchase that ended (expired, cancelled)
 * cannot come back; a fee already paid in part cannot be voided (INVOICE_HAS_PAYMENTS). Nothing
 * to waive, or waived already: NOTHING_TO_WAIVE.
 */
export function waiveCharge(context: UseCaseContext, input: WaiveChargeInput): Promise<Result<WaivedCharge>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'waiveCharge');
    const reason = requireReason(input.reason, 'the charge is waived');
    const appointment = await findInTenant(em, Appointment, input.appointmentId, actor.tenantId, ['input', 'appointmentId'], {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    const nothing = (why: string, message: string): never =>
      refuse('NOTHING_TO_WAIVE', message, ['input', 'appointmentId'], { reason: why });
    if (appointment.waivedAt) nothing('ALREADY_WAIVED', 'This charge was waived already.');
    if (!appointment.incident) nothing('NO_INCIDENT', 'Only a late cancellation or a no-show can be waived.');

    const fee = await em.findOne(
      Invoice,
      { tenant: actor.tenantId, kind: 'FEE', appointment, status: { $ne: 'VOID' } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (fee && new Decimal(fee.amountPaid).gt(0)) {
      refuse('INVOICE_HAS_PAYMENTS', `The fee invoice ${fee.number} is paid in part or in full; it cannot be voided.`, ['input', 'appointmentId']);
    }
    const purchase = appointment.sessionConsumed && appointment.packagePurchase
      ? await em.findOneOrFail(PackagePurchase, appointment.packagePurchase.id, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    const sessionBack = purchase !== null && (purchase.status === 'ACTIVE' || purchase.status === 'COMPLETED');
    if (!fee && !sessionBack) {
      if (purchase) nothing('PURCHASE_ENDED', `The purchase is ${purchase.status.toLowerCase()}: its session cannot be given back.`);
      nothing('NOTHING_CHARGED', 'This incident cost neither a session nor a fee.');
    }

    const audit: AuditEntry[] = [];
    const beforeAppointment = appointmentSnapshot(appointment);
    appointment.waivedAt = now;
    appointment.waiveReason = reason;
    if (fee) {
      fee.status = 'VOID';
      fee.voidedAt = now;
      fee.voidReason = `waived: ${reason}`;
      audit.push({ operation: 'waiveCharge', entityType: 'Invoice', entityId: fee.id, before: { status: 'ISSUED' }, after: { status: 'VOID' }, reason });
    }
    if (sessionBack && purchase) {
      const beforePurchase = purchaseSnapshot(purchase);
      appointment.sessionConsumed = false;
      purchase.sessionsUsed -= 1;
      if (purchase.status === 'COMPLETED') purchase.status = 'ACTIVE';
      audit.push({ operation: 'waiveCharge', entityType: 'PackagePurchase', entityId: purchase.id, before: beforePurchase, after: purchaseSnapshot(purchase), reason });
      // The status moves first (a COMPLETED purchase may hold no liability), then the reversal gives it back.
      await em.flush();
      const [row] = await em.execute<Array<{ earned: string }>>(
        `select (coalesce(sum(amount) filter (where kind = 'RECOGNISED'), 0) - coalesce(sum(amount) filter (where kind = 'REVERSED'), 0))::text as earned
           from ledger_entry where package_purchase_id = ? and appointment_id = ?`,
        [purchase.id, appointment.id],
      );
      const { timeZone } = await currencyAndZone(em, actor.tenantId, appointment.clinic.id);
      recordReversal(em, purchase, row?.earned ?? '0', localDateOf(now, timeZone), appointment);
    }
    audit.unshift({
      operation: 'waiveCharge',
      entityType: 'Appointment',
      entityId: appointment.id,
      before: beforeAppointment,
      after: { ...appointmentSnapshot(appointment), waived: true },
      reason,
    });
    recordAudit(em, actor, now, audit);
    await em.flush();
    if (purchase) await reloadTotals(em, purchase);
    return { appointment, packagePurchase: purchase, feeInvoice: fee, sessionReturned: sessionBack };
  });
}
