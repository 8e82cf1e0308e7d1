import { useSuspenseQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ReceiptRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { PageHeading } from '../layout/states';
import { InvoiceTotals } from './invoice-totals';
import { useMoney } from './money';
import { ZatcaQr } from './zatca-qr';
import './finance.css';

/** What a receipt shows that the invoice page does not need; filled in as the API serves it. */
interface SellerFacts {
  sellerName?: string | null;
  vatNumber?: string | null;
  zatcaQr?: string | null;
}

/**
 * /invoices/:id/receipt: the simplified tax invoice, one sheet, in the viewer's language.
 * Printing it (the browser's print, or the button) leaves out the app around it.
 */
export function ReceiptRoute() {
  const { invoiceId = '' } = useParams();
  const { t, nameOf, formatDateTime } = useLocale();
  const money = useMoney();
  const { data } = useSuspenseQuery(ReceiptRouteQueryDocument, { variables: { id: invoiceId } });
  const invoice = data.node;
  if (!invoice || invoice.__typename !== 'Invoice') throw new NotFoundError(invoiceId);
  const seller = invoice as typeof invoice & SellerFacts;
  const timeZone = invoice.package.clinic.timeZone;

  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <PageHeading id="receipt-title">{t('receiptTitle')}</PageHeading>
      <dl className="facts">
        <dt>{t('receiptSeller')}</dt>
        <dd>{seller.sellerName ?? nameOf(invoice.package.clinic)}</dd>
        {seller.vatNumber ? (
          <>
            <dt>{t('receiptVatNumber')}</dt>
            <dd dir="ltr">{seller.vatNumber}</dd>
          </>
        ) : null}
        <dt>{t('invoiceNumber')}</dt>
        <dd dir="ltr">{invoice.number}</dd>
        <dt>{t('receiptIssuedAt')}</dt>
        <dd>{formatDateTime(invoice.issuedAt, timeZone)}</dd>
        <dt>{t('receiptCustomer')}</dt>
        <dd>{nameOf(invoice.patient)}</dd>
        <dt>{t('invoiceStatus')}</dt>
        <dd>{t(`invoice_${invoice.status}`)}</dd>
      </dl>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t('receiptItem')}</th>
            <th scope="col" className="amount">
              {t('invoiceSubtotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{nameOf(invoice.package)}</td>
            <td className="amount">{money(invoice.subtotal, invoice.currency)}</td>
          </tr>
        </tbody>
      </table>
      <InvoiceTotals invoice={invoice} />
      <div className="receipt-qr">
        {seller.zatcaQr ? (
          <ZatcaQr tlv={seller.zatcaQr} label={t('receiptQrLabel', { number: invoice.number })} />
        ) : (
          <p className="state">{t('receiptQrMissing')}</p>
        )}
      </div>
      <div className="receipt-actions">
        <button type="button" onClick={() => window.print()}>
          {t('printReceipt')}
        </button>
        <Link className="button secondary" to={`/invoices/${encodeURIComponent(invoice.id)}`}>
          {t('backToInvoice')}
        </Link>
      </div>
    </article>
  );
}
