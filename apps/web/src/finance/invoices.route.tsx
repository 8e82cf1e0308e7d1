import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { InvoiceFilterPatientsQueryDocument, InvoicesRouteQueryDocument, type InvoiceStatus } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading, PageHeading } from '../layout/states';
import { InvoiceTable, type InvoiceColumn } from './invoice-table';
import './finance.css';

const STATUSES: InvoiceStatus[] = ['ISSUED', 'PAID', 'VOID'];
const PAGE_SIZE = 25;
const COLUMNS: InvoiceColumn[] = ['number', 'issued', 'patient', 'package', 'status', 'total', 'paid', 'balance'];

/** /invoices: every invoice of the organisation, newest first, by state and patient. */
export function InvoicesRoute() {
  const { t, nameOf } = useLocale();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as InvoiceStatus | '';
  const patientId = params.get('patientId') ?? '';
  const [search, setSearch] = useState('');
  const patients = useQuery(InvoiceFilterPatientsQueryDocument, { variables: { search: search.trim() || null } });
  const { data, loading, error, refetch, fetchMore } = useQuery(InvoicesRouteQueryDocument, {
    variables: { first: PAGE_SIZE, status: status ? [status] : null, patientId: patientId || null },
    notifyOnNetworkStatusChange: true,
  });
  const invoices = data?.invoices;
  const [loadingMore, setLoadingMore] = useState(false);
  const [hasMore, setHasMore] = useState(true);
  const chosenPatient = invoices?.find((invoice) => invoice.patient.id === patientId)?.patient;
  const patientOptions = [...(patients.data?.patients ?? [])];
  if (chosenPatient && !patientOptions.some((p) => p.id === chosenPatient.id)) patientOptions.unshift({ ...chosenPatient, mrn: '' });

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const key of ['status', 'patientId']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next[key] = value;
    }
    setHasMore(true);
    setParams(next);
    document.getElementById('invoice-results')?.focus();
  };

  const loadMore = async () => {
    const last = invoices?.at(-1);
    if (!last) return;
    setLoadingMore(true);
    const more = await fetchMore({
      variables: { after: last.id },
      updateQuery: (previous, { fetchMoreResult }) => ({ invoices: [...previous.invoices, ...fetchMoreResult.invoices] }),
    }).catch(() => null);
    if (more && more.data && more.data.invoices.length < PAGE_SIZE) setHasMore(false);
    setLoadingMore(false);
  };

  return (
    <section>
      <PageHeading>{t('invoicesTitle')}</PageHeading>
      <form className="panel filters money-filters" onSubmit={apply} aria-label={t('invoiceFilters')} key={params.toString()}>
        <div className="field">
          <label htmlFor="invoice-status">{t('invoiceStatus')}</label>
          <select id="invoice-status" name="status" defaultValue={status}>
            <option value="">{t('anyInvoiceStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`invoice_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="invoice-patient-search">{t('invoicesFindPatient')}</label>
          <input id="invoice-patient-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invoice-patient">{t('invoicePatient')}</label>
          <select id="invoice-patient" name="patientId" defaultValue={patientId}>
            <option value="">{t('anyPatient')}</option>
            {patientOptions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.mrn ? `${nameOf(p)} (${p.mrn})` : nameOf(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t('applyInvoiceFilters')}</button>
        </div>
      </form>

      <div id="invoice-results" tabIndex={-1} aria-busy={loading}>
        {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && !invoices ? <Loading /> : null}
        {invoices && invoices.length === 0 ? <EmptyState>{t('noInvoices')}</EmptyState> : null}
        {invoices && invoices.length > 0 ? (
          <>
            <InvoiceTable invoices={invoices} columns={COLUMNS} caption={t('invoiceCount', { count: invoices.length })} className="invoice-table" />
            {hasMore && invoices.length % PAGE_SIZE === 0 ? (
              <button type="button" className="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? t('loading') : t('moreInvoices')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
