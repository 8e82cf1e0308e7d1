import { useLocale } from '../i18n/locale';
import { useMoney } from './money';

export interface InvoiceAmounts {
  currency: string;
  subtotal: string;
  tax: string;
  total: string;
  amountPaid: string;
  balance: string;
}

/** Subtotal, VAT, total, paid and balance, as the server computed them. */
export function InvoiceTotals({ invoice, showPaid = true }: { invoice: InvoiceAmounts; showPaid?: boolean }) {
  const { t } = useLocale();
  const money = useMoney();
  return (
    <dl className="totals">
      <dt>{t('invoiceSubtotal')}</dt>
      <dd>{money(invoice.subtotal, invoice.currency)}</dd>
      <dt>{t('invoiceTax')}</dt>
      <dd>{money(invoice.tax, invoice.currency)}</dd>
      <dt className="grand">{t('invoiceTotal')}</dt>
      <dd className="grand">{money(invoice.total, invoice.currency)}</dd>
      {showPaid ? (
        <>
          <dt>{t('invoicePaidAmount')}</dt>
          <dd>{money(invoice.amountPaid, invoice.currency)}</dd>
          <dt className="grand">{t('invoiceBalance')}</dt>
          <dd className="grand">{money(invoice.balance, invoice.currency)}</dd>
        </>
      ) : null}
    </dl>
  );
}
