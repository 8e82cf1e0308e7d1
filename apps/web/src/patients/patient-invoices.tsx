import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { PatientInvoicesQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { InvoiceTable, type InvoiceColumn } from '../finance/invoice-table';
import { EmptyState, ErrorNotice, Loading } from '../layout/states';
import '../appointments/appointments.css';

const SHOWN = 10;
/** The status comes second, so a phone shows it without scrolling the table. */
const COLUMNS: InvoiceColumn[] = ['number', 'status', 'issued', 'purpose', 'total', 'balance'];

/** Every invoice of the patient, newest first, with its state (open, paid, void); the full list on the invoices screen. */
export function PatientInvoices({ patientId }: { patientId: string }) {
  const { t } = useLocale();
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
        <InvoiceTable invoices={invoices} columns={COLUMNS} className="appointment-table" headers={{ status: t('statusLabel') }} />
      ) : null}
      {data && data.invoices.length > SHOWN ? (
        <p>
          <Link to={`/invoices?patientId=${encodeURIComponent(patientId)}`}>{t('patientAllInvoices')}</Link>
        </p>
      ) : null}
    </section>
  );
}
