import { LockMode } from '@mikro-orm/postgresql';
import { authorize } from '../shared/actor.js';
import { refuse, type Result } from '../shared/domain-error.js';
import { findInTenant } from '../shared/find.js';
import { addDays, localDateOf } from '../shared/local-time.js';
import { inTransaction, type UseCaseContext } from '../shared/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Invoice } from '../billing/invoice.entity.js';
import { Package } from '../catalogue/package.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { nextInvoiceNumber } from '../appointments/appointment-numbers.js';
import { PackagePurchase } from './package-purchase.entity.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';

/** Issues the invoice for a package; the purchase exists once the invoice is paid. */
export function purchasePackage(
  context: UseCaseContext,
  input: { patientId: string; packageId: string },
): Promise<Result<Invoice>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'purchasePackage');
    const patient = await findInTenant(em, Patient, input.patientId, actor.tenantId, ['input', 'patientId']);
    const pkg = await findInTenant(em, Package, input.packageId, actor.tenantId, ['input', 'packageId'], { populate: ['clinic'] });
    if (!pkg.active) refuse('VALIDATION', 'The package is no longer sold.', ['input', 'packageId']);
    const invoice = em.create(Invoice, {
      tenant: actor.tenantId,
      number: await nextInvoiceNumber(em, now, pkg.clinic.timeZone),
      patient,
      package: pkg,
      status: 'ISSUED',
      total: pkg.price,
      issuedAt: now,
      createdAt: now,
    });
    recordAudit(em, actor, now, [
      {
        operation: 'purchasePackage',
        entityType: 'Invoice',
        entityId: invoice.id,
        after: { number: invoice.number, status: invoice.status, total: invoice.total, packageId: pkg.id, patientId: patient.id },
      },
    ]);
    await em.flush();
    return invoice;
  });
}

export interface PaidInvoice {
  invoice: Invoice;
  packagePurchase: PackagePurchase;
}

/**
 * Pays an invoice and creates its purchase with the package's total and the expiry date.
 * Paying again answers the same purchase and creates nothing (the invoice row is locked, and
 * the database allows one purchase per invoice).
 */
export function payInvoice(context: UseCaseContext, input: { invoiceId: string }): Promise<Result<PaidInvoice>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'payInvoice');
    const field = ['input', 'invoiceId'];
    const invoice = await findInTenant(em, Invoice, input.invoiceId, actor.tenantId, field, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
    });
    if (invoice.status === 'VOID') refuse('INVOICE_VOID', 'The invoice was voided.', field);
    if (invoice.status === 'PAID') {
      const existing = await em.findOne(PackagePurchase, { invoice });
      if (existing) return { invoice, packagePurchase: existing };
    }
    const pkg = await em.findOneOrFail(Package, invoice.package.id, { populate: ['clinic'] });
    const purchaseDate = localDateOf(now, pkg.clinic.timeZone);
    invoice.status = 'PAID';
    invoice.paidAt = now;
    const purchase = em.create(PackagePurchase, {
      tenant: actor.tenantId,
      patient: invoice.patient,
      package: pkg,
      invoice,
      status: 'ACTIVE',
      purchaseDate,
      expiryDate: addDays(purchaseDate, pkg.validityDays),
      totalSessions: pkg.totalSessions,
      sessionsUsed: 0,
      createdAt: now,
    });
    recordAudit(em, actor, now, [
      { operation: 'payInvoice', entityType: 'Invoice', entityId: invoice.id, before: { status: 'ISSUED' }, after: { status: 'PAID' } },
      { operation: 'payInvoice', entityType: 'PackagePurchase', entityId: purchase.id, after: purchaseSnapshot(purchase) },
    ]);
    await em.flush();
    return { invoice, packagePurchase: purchase };
  });
}
