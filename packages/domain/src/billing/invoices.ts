import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, can, type Actor } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { addDays, localDateOf } from '../kernel/local-time.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { Package } from '../catalogue/package.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { nextInvoiceNumber } from '../appointments/appointment-numbers.js';
import { purchaseSnapshot } from '../appointments/snapshots.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { recordSale, reloadTotals } from '../ledger/ledger.js';
import { pageSize } from '../queries/pagination.js';
import { Invoice, INVOICE_STATUSES, type InvoiceStatus } from './invoice.entity.js';
import { Payment, PAYMENT_METHODS, type PaymentMethod } from './payment.entity.js';
import { Decimal, invoiceAmounts, parseAmount, toColumn } from './money.js';

export const OPEN_INVOICE_INDEX = 'invoice_one_open_per_patient_package';
const MAX_REFERENCE = 200;
const MAX_REASON = 2000;

export interface PurchasePackageInput {
  patientId: string;
  packageId: string;
  /** Issue a second open invoice for the same patient and package on purpose. */
  allowAnotherOpenInvoice?: boolean | null | undefined;
}

/**
 * Issues the invoice for a package: its tax-exclusive price as subtotal, the tenant's tax rate,
 * in the tenant's currency. The purchase exists once the invoice is paid. A second open invoice
 * for the same patient and package is refused (OPEN_INVOICE_EXISTS) unless asked for; the
 * database's partial unique index holds the rule against concurrent requests too.
 */
export function purchasePackage(context: UseCaseContext, input: PurchasePackageInput): Promise<Result<Invoice>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'purchasePackage');
    const patient = await findInTenant(em, Patient, input.patientId, actor.tenantId, ['input', 'patientId']);
    // FOR SHARE: an edit or deletion of the package (FOR UPDATE there) waits for this sale, or
    // this sale waits for it and reads what it committed; never a sale of lines being replaced.
    const pkg = await findInTenant(em, Package, input.packageId, actor.tenantId, ['input', 'packageId'], { lockMode: LockMode.PESSIMISTIC_READ });
    await em.populate(pkg, ['clinic']);
    if (!pkg.active) refuse('VALIDATION', 'The package is no longer sold.', ['input', 'packageId'], { reason: 'PACKAGE_NOT_SOLD' });
    const allowAnother = input.allowAnotherOpenInvoice === true;
    if (!allowAnother && (await em.count(Invoice, { tenant: actor.tenantId, patient, package: pkg, status: 'ISSUED' })) > 0) {
      refuseOpenInvoice();
    }
    const tenant = await em.findOneOrFail(Tenant, actor.tenantId);
    const amounts = invoiceAmounts(pkg.price, tenant.taxRate, tenant.currency);
    const invoice = em.create(Invoice, {
      tenant: actor.tenantId,
      number: await nextInvoiceNumber(em, now, pkg.clinic.timeZone),
      patient,
      package: pkg,
      status: 'ISSUED',
      currency: tenant.currency,
      subtotal: toColumn(amounts.subtotal),
      taxRate: tenant.taxRate,
      tax: toColumn(amounts.tax),
      total: toColumn(amounts.total),
      amountPaid: '0.00',
      allowAnotherOpen: allowAnother,
      issuedAt: now,
      createdAt: now,
    });
    recordAudit(em, actor, now, [
      {
        operation: 'purchasePackage',
        entityType: 'Invoice',
        entityId: invoice.id,
        after: {
          number: invoice.number,
          status: invoice.status,
          currency: invoice.currency,
          subtotal: invoice.subtotal,
          tax: invoice.tax,
          total: invoice.total,
          packageId: pkg.id,
          patientId: patient.id,
          allowAnotherOpen: allowAnother,
        },
      },
    ]);
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException && (error as { constraint?: string }).constraint === OPEN_INVOICE_INDEX) {
        refuseOpenInvoice();
      }
      throw error;
    }
    return invoice;
  });
}

function refuseOpenInvoice(): never {
  return refuse(
    'OPEN_INVOICE_EXISTS',
    'The patient already has an open invoice for this package; pay or void it, or ask for another one on purpose (allowAnotherOpenInvoice).',
    ['input', 'packageId'],
  );
}

export interface RecordPaymentInput {
  invoiceId: string;
  /** A decimal string in the invoice's currency, e.g. "500.00". */
  amount: string;
  method: PaymentMethod;
  reference?: string | null | undefined;
}

export interface RecordedPayment {
  /** Null when nothing was owed (a zero invoice settled by payInvoice). */
  payment: Payment | null;
  invoice: Invoice;
  /** The purchase, once this payment settled the invoice. */
  packagePurchase: PackagePurchase | null;
}

/**
 * Records money received against an invoice. Partial payments add up; more than the balance is
 * refused (OVERPAYMENT, and the database's `amount_paid <= total`). The payment that settles the
 * invoice creates the purchase and its SOLD ledger entry in the same transaction.
 */
export function recordPayment(context: UseCaseContext, input: RecordPaymentInput): Promise<Result<RecordedPayment>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'recordPayment');
    if (!(PAYMENT_METHODS as readonly string[]).includes(input.method)) refuse('VALIDATION', 'Unknown payment method.', ['input', 'method'], { reason: 'UNKNOWN_VALUE' });
    const reference = input.reference?.trim() || null;
    if (reference && reference.length > MAX_REFERENCE) refuse('VALIDATION', `A reference has at most ${MAX_REFERENCE} characters.`, ['input', 'reference'], { reason: 'TOO_LONG', params: { max: MAX_REFERENCE } });
    const invoice = await lockInvoice(em, actor, input.invoiceId);
    if (invoice.status === 'PAID') refuse('INVOICE_ALREADY_PAID', 'The invoice is paid in full.', ['input', 'invoiceId']);
    const amount = parseAmount(input.amount, invoice.currency);
    if (!amount || amount.lte(0)) {
      refuse('VALIDATION', `The amount is a positive decimal in ${invoice.currency}, e.g. "500.00".`, ['input', 'amount'], { reason: 'NOT_AN_AMOUNT' });
    }
    return applyPayment(em, actor, now, invoice, amount as Decimal, input.method, reference, 'recordPayment');
  });
}

/**
 * Pays the balance of an invoice (method OTHER unless given). Paying a paid invoice again answers
 * its purchase and creates nothing.
 */
export function payInvoice(
  context: UseCaseContext,
  input: { invoiceId: string; method?: PaymentMethod | undefined; reference?: string | null | undefined },
): Promise<Result<{ invoice: Invoice; packagePurchase: PackagePurchase; payment: Payment | null }>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'payInvoice');
    const invoice = await lockInvoice(em, actor, input.invoiceId);
    if (invoice.kind === 'FEE') {
      refuse('VALIDATION', 'A fee invoice is paid with recordPayment; payInvoice pays for a package.', ['input', 'invoiceId'], { reason: 'FEE_INVOICE' });
    }
    if (invoice.status === 'PAID') {
      const existing = await em.findOne(PackagePurchase, { invoice, transferredFrom: null });
      if (existing) return { invoice, packagePurchase: existing, payment: null };
    }
    const balance = new Decimal(invoice.total).sub(invoice.amountPaid);
    const paid = await applyPayment(em, actor, now, invoice, balance, input.method ?? 'OTHER', input.reference?.trim() || null, 'payInvoice');
    if (!paid.packagePurchase) throw new Error('paying the balance must settle the invoice');
    return { invoice, packagePurchase: paid.packagePurchase, payment: paid.payment };
  });
}

async function lockInvoice(em: EntityManager, actor: Actor, invoiceId: string): Promise<Invoice> {
  const invoice = await findInTenant(em, Invoice, invoiceId, actor.tenantId, ['input', 'invoiceId'], { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (invoice.status === 'VOID') refuse('INVOICE_VOID', 'The invoice was voided.', ['input', 'invoiceId']);
  return invoice;
}

async function applyPayment(
  em: EntityManager,
  actor: Actor,
  now: Date,
  invoice: Invoice,
  amount: Decimal,
  method: PaymentMethod,
  reference: string | null,
  operation: 'recordPayment' | 'payInvoice',
): Promise<RecordedPayment> {
  const before = { status: invoice.status, amountPaid: invoice.amountPaid };
  const balance = new Decimal(invoice.total).sub(invoice.amountPaid);
  if (amount.gt(balance)) {
    refuse('OVERPAYMENT', `The balance is ${balance.toFixed(2)} ${invoice.currency}; a payment may not exceed it.`, ['input', 'amount']);
  }
  // receivedAt is the business time; createdAt, the machine's, orders payments of one instant.
  const payment = amount.gt(0)
    ? em.create(Payment, { tenant: actor.tenantId, invoice, amount: toColumn(amount), method, reference, receivedAt: now, createdAt: new Date() })
    : null;
  invoice.amountPaid = toColumn(new Decimal(invoice.amountPaid).add(amount));
  let purchase: PackagePurchase | null = null;
  if (new Decimal(invoice.amountPaid).eq(invoice.total)) {
    invoice.status = 'PAID';
    invoice.paidAt = now;
    // A fee is settled and that is all; a package invoice's settlement creates the purchase.
    if (invoice.kind === 'PACKAGE') purchase = await createPurchase(em, actor, now, invoice);
  }
  recordAudit(em, actor, now, [
    {
      operation,
      entityType: 'Invoice',
      entityId: invoice.id,
      before,
      after: {
        status: invoice.status,
        amountPaid: invoice.amountPaid,
        payment: payment ? { id: payment.id, amount: payment.amount, method, reference } : null,
      },
    },
    ...(purchase ? [{ operation, entityType: 'PackagePurchase' as const, entityId: purchase.id, after: purchaseSnapshot(purchase) }] : []),
  ]);
  await em.flush();
  if (purchase) await reloadTotals(em, purchase);
  return { payment, invoice, packagePurchase: purchase };
}

/** The purchase of a settled invoice, with the package's total and expiry, and its sale in the ledger. */
async function createPurchase(em: EntityManager, actor: Actor, now: Date, invoice: Invoice): Promise<PackagePurchase> {
  const pkg = await em.findOneOrFail(Package, invoice.package.id, { populate: ['clinic'] });
  const purchaseDate = localDateOf(now, pkg.clinic.timeZone);
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
  recordSale(em, purchase, invoice.subtotal, purchaseDate);
  return purchase;
}

/**
 * Voids an issued invoice on which nothing is paid, with a reason (FINANCE, ADMIN). Nothing is
 * owed on it afterwards, and a new invoice for the same package may be issued.
 */
export function voidInvoice(context: UseCaseContext, input: { invoiceId: string; reason: string }): Promise<Result<Invoice>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'voidInvoice');
    const reason = input.reason.trim();
    if (!reason) refuse('VALIDATION', 'Say why the invoice is voided.', ['input', 'reason'], { reason: 'REASON_REQUIRED' });
    if (reason.length > MAX_REASON) refuse('VALIDATION', `A reason has at most ${MAX_REASON} characters.`, ['input', 'reason'], { reason: 'TOO_LONG', params: { max: MAX_REASON } });
    const invoice = await lockInvoice(em, actor, input.invoiceId);
    if (invoice.status === 'PAID') refuse('INVOICE_ALREADY_PAID', 'A paid invoice cannot be voided.', ['input', 'invoiceId']);
    if (new Decimal(invoice.amountPaid).gt(0)) {
      refuse('INVOICE_HAS_PAYMENTS', 'Part of the invoice is paid; it cannot be voided.', ['input', 'invoiceId']);
    }
    invoice.status = 'VOID';
    invoice.voidedAt = now;
    invoice.voidReason = reason;
    recordAudit(em, actor, now, [
      { operation: 'voidInvoice', entityType: 'Invoice', entityId: invoice.id, before: { status: 'ISSUED' }, after: { status: 'VOID' }, reason },
    ]);
    await em.flush();
    return invoice;
  });
}

export interface InvoiceFilter {
  patientId?: string | null | undefined;
  status?: readonly InvoiceStatus[] | null | undefined;
  first?: number | null | undefined;
  /** The id of the last invoice of the previous page. */
  afterInvoiceId?: string | null | undefined;
  /** Issued at or after this instant. */
  issuedFrom?: Date | null | undefined;
  /** Issued before this instant. */
  issuedBefore?: Date | null | undefined;
}

/** Invoices of the tenant, newest first (FINANCE, RECEPTIONIST, ADMIN). */
export function listInvoices(context: UseCaseContext, filter: InvoiceFilter): Promise<Result<Invoice[]>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readInvoices');
    const first = pageSize(filter.first);
    if (filter.status?.some((status) => !INVOICE_STATUSES.includes(status))) refuse('VALIDATION', 'Unknown invoice status.', ['status']);
    if (filter.issuedFrom && filter.issuedBefore && filter.issuedFrom.getTime() > filter.issuedBefore.getTime()) {
      refuse('VALIDATION', '"issuedFrom" is after "issuedBefore".', ['issuedFrom']);
    }
    if (filter.patientId != null && !isUuid(filter.patientId)) return [];
    const after = filter.afterInvoiceId
      ? isUuid(filter.afterInvoiceId)
        ? await em.findOne(Invoice, { id: filter.afterInvoiceId, tenant: actor.tenantId }, { fields: ['issuedAt'] })
        : null
      : null;
    if (filter.afterInvoiceId && !after) refuse('VALIDATION', '"after" is not an invoice of this list.', ['after']);
    return em.find(
      Invoice,
      {
        $and: [
          { tenant: actor.tenantId },
          filter.patientId ? { patient: filter.patientId } : {},
          filter.status?.length ? { status: { $in: [...filter.status] } } : {},
          filter.issuedFrom ? { issuedAt: { $gte: filter.issuedFrom } } : {},
          filter.issuedBefore ? { issuedAt: { $lt: filter.issuedBefore } } : {},
          after ? { $or: [{ issuedAt: { $lt: after.issuedAt } }, { issuedAt: after.issuedAt, id: { $lt: after.id } }] } : {},
        ],
      },
      { orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], limit: first },
    );
  });
}

/** What each patient owes on issued, unpaid invoices: total - amountPaid, summed; "0.00" when nothing. */
export async function balancesOfPatients(context: UseCaseContext, patientIds: readonly string[]): Promise<Array<string | null>> {
  const { em, actor } = context;
  // Money is not a clinician's to read: their patients' balances answer null, not a refusal, so
  // one field cannot break a whole patient page.
  if (!can(actor, 'readInvoices')) return patientIds.map(() => null);
  const ids = patientIds.filter(isUuid);
  const rows = ids.length
    ? await em.execute<Array<{ patient_id: string; balance: string }>>(
        `select patient_id, sum(total - amount_paid)::text as balance from invoice
          where tenant_id = ? and status = 'ISSUED' and patient_id in (${ids.map(() => '?').join(', ')})
          group by patient_id`,
        [actor.tenantId, ...ids],
      )
    : [];
  const byPatient = new Map(rows.map((row) => [row.patient_id, row.balance]));
  return patientIds.map((id) => toColumn(new Decimal(byPatient.get(id) ?? 0)));
}

/** The payments of each invoice, oldest first: one statement for many invoices. */
export async function paymentsOfInvoices(context: UseCaseContext, invoiceIds: readonly string[]): Promise<Payment[][]> {
  const { em, actor } = context;
  const ids = invoiceIds.filter(isUuid);
  const payments = ids.length
    ? await em.find(Payment, { tenant: actor.tenantId, invoice: { $in: ids } }, { orderBy: [{ receivedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] })
    : [];
  return invoiceIds.map((id) => payments.filter((payment) => payment.invoice.id === id));
}

/** The currency of a tenant, for amounts shown outside an invoice. */
export async function currencyOfTenant(em: EntityManager, tenantId: string): Promise<string> {
  const tenant = await em.findOneOrFail(Tenant, tenantId, { fields: ['currency'] });
  return tenant.currency;
}
