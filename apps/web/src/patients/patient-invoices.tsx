import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { PatientInvoicesQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { useMoney } from '../finance/money';
import { EmptyState, ErrorNotice, Loading } from '../layout/states';
import '../finance/finance.css';
import '../appointments/appointments.css';

const SHOWN = 10;

/** Every invoice of the patient, newest first, with its state (open, paid, void); the full list on the invoices screen. */
export function PatientInvoices({ patientId }: { patientId: string }) {
  const { t, nameOf, formatDateTime } = useLocale();
  const money = useMoney();
  const headingId = useId();
  // One more than shown tells whether the invoices screen has more.
  const { data, loading, error, refetch } = useQuery(PatientInvoicesQueryDocument, { variables: { patientId, first: SHOWN + 1 } });
  const invoices = data?.invoices.slice(0, SHOWN);
  const title = t('patientInvoicesTitle');
  return (
    <section className="patient-invoices" aria-labelledby={headingId} aria-busy={loading}>
      <h2 id={headingId}>{title}</h2>
      {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {invoices && invoices.length === 0 ? <EmptyState>{t('patientNoInvoices')}</EmptyState> : null}
      {invoices && invoices.length > 0 ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table appointment-table">
            <thead>
              <tr>
                <th scope="col">{t('invoiceNumber')}</th>
                <th scope="col">{t('statusLabel')}</th>
                <th scope="col">{t('issuedOn')}</th>
                <th scope="col">{t('patientInvoiceFor')}</th>
                <th scope="col" className="amount">
                  {t('invoiceTotal')}
                </th>
                <th scope="col" className="amount">
                  {t('invoiceBalance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row" dir="ltr">
                    <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.number}</Link>
                  </th>
                  <td>
                    <span className={`badge invoice-${invoice.status.toLowerCase()}`}>{t(`invoice_${invoice.status}`)}</span>
                  </td>
                  <td className="nowrap">{formatDateTime(invoice.issuedAt, invoice.package.clinic.timeZone)}</td>
                  <td>
                    {invoice.kind === 'FEE' ? t('patientInvoiceFee', { package: nameOf(invoice.package) }) : nameOf(invoice.package)}
                  </td>
                  <td className="amount">{money(invoice.total, invoice.currency)}</td>
                  <td className="amount">{money(invoice.balance, invoice.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.invoices.length > SHOWN ? (
        <p>
          <Link to={`/invoices?patientId=${encodeURIComponent(patientId)}`}>{t('patientAllInvoices')}</Link>
        </p>
      ) : null}
    </section>
  );
}
