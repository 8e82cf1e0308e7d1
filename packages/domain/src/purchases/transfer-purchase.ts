import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant } from '../kernel/find.js';
import { localDateOf } from '../kernel/local-time.js';
import { inTransaction, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { recordTransfer, reloadTotals } from '../ledger/ledger.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { cancelFutureAppointments, lockPurchase, moneyContextOf, requireActive, requireReason } from './purchase-life.js';

export interface TransferPackagePurchaseInput {
  packagePurchaseId: string;
  /** Another patient of the tenant (a sibling). */
  toPatientId: string;
  reason: string;
}

export interface TransferredPurchase {
  /** The original, ended: it keeps what it used and recognised. */
  from: PackagePurchase;
  /** The new purchase holding the unused sessions, their liability and the same expiry. */
  to: PackagePurchase;
  /** The open future appointments of the original it cancelled first. */
  cancelledAppointments: Appointment[];
}

/**
 * Moves the unused sessions of an ACTIVE purchase to another patient of the tenant (FINANCE,
 * ADMIN), in one transaction. Its open future appointments are cancelled first (an open one
 * that already started must be recorded first: APPOINTMENTS_TO_RECORD). A new purchase for the
 * other patient holds the unused sessions, the same package, expiry and invoice, and the
 * original's liability (ledger TRANSFERRED OUT of one, IN to the other: no money moves). The
 * original keeps what it used and recognised and ends CANCELLED with no liability; the new one
 * points to it (transferredFrom). The same patient is refused (VALIDATION, SAME_PATIENT), and so
 * is a purchase already past its expiry (PACKAGE_EXPIRED). Audited on both purchases.
 */
export function transferPackagePurchase(context: UseCaseContext, input: TransferPackagePurchaseInput): Promise<Result<TransferredPurchase>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'transferPackagePurchase');
    const reason = requireReason(input.reason, 'the sessions move');
    const from = await lockPurchase(em, actor, input.packagePurchaseId);
    requireActive(from);
    const toPatient = await findInTenant(em, Patient, input.toPatientId, actor.tenantId, ['input', 'toPatientId']);
    if (toPatient.id === from.patient.id) {
      refuse('VALIDATION', 'The sessions move to another patient.', ['input', 'toPatientId'], { reason: 'SAME_PATIENT' });
    }
    const { timeZone } = await moneyContextOf(em, from);
    const today = localDateOf(now, timeZone);
    if (from.expiryDate < today) {
      refuse('PACKAGE_EXPIRED', `The purchase expired on ${from.expiryDate}.`, ['input', 'packagePurchaseId'], {
        reason: 'PACKAGE_EXPIRED',
        params: { expiryDate: from.expiryDate },
      });
    }
    const audit: AuditEntry[] = [];
    const cancelledAppointments = await cancelFutureAppointments(em, from, now, `package transferred: ${reason}`, 'transferPackagePurchase', audit);
    const before = purchaseSnapshot(from);
    const liability = from.liability;
    const to = em.create(PackagePurchase, {
      tenant: from.tenant,
      patient: toPatient,
      package: from.package,
      invoice: from.invoice,
      purchaseDate: today,
      expiryDate: from.expiryDate,
      totalSessions: from.sessionsRemaining,
      transferredFrom: from,
    });
    // Inserts (the new purchase, then both ledger rows) come before the update of the original's
    // status in the flush, so its liability is already 0 when the CHECK sees it CANCELLED.
    recordTransfer(em, from, to, liability, today);
    from.status = 'CANCELLED';
    audit.unshift(
      {
        operation: 'transferPackagePurchase',
        entityType: 'PackagePurchase',
        entityId: from.id,
        before: { ...before, liability },
        after: { ...purchaseSnapshot(from), liability: '0.00', transferredOut: liability, transferredTo: to.id, toPatientId: toPatient.id },
        reason,
      },
      {
        operation: 'transferPackagePurchase',
        entityType: 'PackagePurchase',
        entityId: to.id,
        before: null,
        after: { ...purchaseSnapshot(to), liability, transferredIn: liability, transferredFrom: from.id, fromPatientId: from.patient.id },
        reason,
      },
    );
    recordAudit(em, actor, now, audit);
    await em.flush();
    await reloadTotals(em, from);
    await reloadTotals(em, to);
    return { from, to, cancelledAppointments };
  });
}

/** The purchase the unused sessions of `purchase` moved to, if they did (same tenant). */
export async function transferredToOf(em: UseCaseContext['em'], purchase: PackagePurchase): Promise<PackagePurchase | null> {
  return em.findOne(PackagePurchase, { tenant: purchase.tenant, transferredFrom: purchase });
}
