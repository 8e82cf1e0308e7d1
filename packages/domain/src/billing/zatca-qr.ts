import type { UseCaseContext } from '../kernel/use-case.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import type { Invoice } from './invoice.entity.js';
import { formatAmount } from './money.js';

/**
 * The QR code content of a Saudi simplified tax invoice (ZATCA e-invoicing, phase 1): five
 * TLV fields, each a one-byte tag, a one-byte length (of the value's UTF-8 bytes) and the
 * value's UTF-8 bytes, in order, then the whole in base64.
 *   1 seller name, 2 VAT registration number, 3 timestamp (ISO 8601), 4 total with VAT, 5 VAT.
 */
export interface ZatcaQrFields {
  sellerName: string;
  vatNumber: string;
  /** When the invoice was issued. */
  timestamp: Date;
  /** Decimal strings as printed on the invoice, e.g. "1150.00" and "150.00". */
  totalWithVat: string;
  vatAmount: string;
}

/** ISO 8601 in UTC without milliseconds: 2026-11-24T06:00:00Z. */
export function zatcaTimestamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function tlv(tag: number, value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  // One length byte: a value longer than 255 bytes cannot be encoded (a seller name that long is cut
  // at a character boundary rather than making the code unreadable).
  let body = bytes;
  if (body.length > 255) {
    let text = value;
    while (Buffer.byteLength(text, 'utf8') > 255) text = [...text].slice(0, -1).join('');
    body = Buffer.from(text, 'utf8');
  }
  return Buffer.concat([Buffer.from([tag, body.length]), body]);
}

/** The TLV bytes of the five fields. */
export function zatcaTlv(fields: ZatcaQrFields): Buffer {
  return Buffer.concat([
    tlv(1, fields.sellerName),
    tlv(2, fields.vatNumber),
    tlv(3, zatcaTimestamp(fields.timestamp)),
    tlv(4, fields.totalWithVat),
    tlv(5, fields.vatAmount),
  ]);
}

/** What the QR code holds: the TLV in base64. */
export function zatcaQr(fields: ZatcaQrFields): string {
  return zatcaTlv(fields).toString('base64');
}

/** Who sells, as a receipt prints it: the tenant's name and VAT registration number. */
export interface Seller {
  name: string;
  vatNumber: string | null;
}

/** The seller of the caller's tenant (one statement). */
export async function sellerOf(context: UseCaseContext): Promise<Seller> {
  const tenant = await context.em.findOneOrFail(Tenant, context.actor.tenantId, { fields: ['name', 'vatNumber'] });
  return { name: tenant.name, vatNumber: tenant.vatNumber ?? null };
}

/** The QR content of an invoice's receipt; null while the tenant has no VAT registration number. */
export function invoiceQr(invoice: Pick<Invoice, 'issuedAt' | 'total' | 'tax' | 'currency'>, seller: Seller): string | null {
  if (!seller.vatNumber) return null;
  return zatcaQr({
    sellerName: seller.name,
    vatNumber: seller.vatNumber,
    timestamp: invoice.issuedAt,
    totalWithVat: formatAmount(invoice.total, invoice.currency),
    vatAmount: formatAmount(invoice.tax, invoice.currency),
  });
}
