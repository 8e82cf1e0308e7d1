import type { Invoice } from '../billing/invoice.entity.js';
import type { PackagePurchase } from './package-purchase.entity.js';

/**
 * Selling a package: issue its invoice (purchasePackage), then payments settle it; the one that
 * settles it creates the purchase (payInvoice pays the balance at once). The rules live with the
 * invoices, in billing/invoices.ts.
 */
export { purchasePackage, payInvoice, type PurchasePackageInput } from '../billing/invoices.js';

export interface PaidInvoice {
  invoice: Invoice;
  packagePurchase: PackagePurchase;
}
