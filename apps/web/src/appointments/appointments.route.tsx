import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { AppointmentFilterPurchaseQueryDocument, AppointmentFiltersQueryDocument, AppointmentsRouteQueryDocument, type AppointmentStatus } from '../graphql/generated';
import { addDays, todayIn, zonedToInstant } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading, PageHeading } from '../layout/states';
import { AppointmentTable, type AppointmentColumn } from './appointment-row';
import './appointments.css';

const STATUSES: AppointmentStatus[] = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'];
/** The status comes second, so a phone shows it without scrolling the table. */
const COLUMNS: AppointmentColumn[] = ['number', 'status', 'when', 'patient', 'provider', 'service', 'package'];
const PAGE_SIZE = 25;
const FALLBACK_ZONE = 'Asia/Riyadh';

export function AppointmentsRoute() {
  const { t, nameOf, formatNumber } = useLocale();
  const [params, setParams] = useSearchParams();
  const filters = useQuery(AppointmentFiltersQueryDocument);
  const timeZone = filters.data?.clinics[0]?.timeZone ?? FALLBACK_ZONE;
  const today = todayIn(timeZone);
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? addDays(today, 14);
  const providerId = params.get('providerId') ?? '';
  const status = (params.get('status') ?? '') as AppointmentStatus | '';
  const purchaseId = params.get('purchaseId') ?? '';

  const { data, loading, error, refetch, fetchMore } = useQuery(AppointmentsRouteQueryDocument, {
    variables: {
      first: PAGE_SIZE,
      filter: {
        from: zonedToInstant(from, '00:00', timeZone),
        to: zonedToInstant(addDays(to, 1), '00:00', timeZone),
        providerId: providerId || null,
        status: status ? [status] : null,
        packagePurchaseId: purchaseId || null,
      },
    },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.appointments;
  const purchase = useQuery(AppointmentFilterPurchaseQueryDocument, { variables: { id: purchaseId }, skip: !purchaseId });
  const purchaseNode = purchase.data?.node?.__typename === 'PackagePurchase' ? purchase.data.node : null;
  const purchaseLabel = purchaseNode ? `${nameOf(purchaseNode.package)} — ${nameOf(purchaseNode.patient)}` : t('loading');
  const [loadingMore, setLoadingMore] = useState(false);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const key of ['from', 'to', 'providerId', 'status', 'purchaseId']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next[key] = value;
    }
    setParams(next);
    document.getElementById('appointment-results')?.focus();
  };

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    await fetchMore({
      variables: { after: connection.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        appointments: { ...fetchMoreResult.appointments, edges: [...previous.appointments.edges, ...fetchMoreResult.appointments.edges] },
      }),
    }).catch(() => null);
    setLoadingMore(false);
  };

  return (
    <section>
      <PageHeading>{t('appointmentsTitle')}</PageHeading>
      <form className="panel filters" onSubmit={apply} aria-label={t('filters')} key={params.toString()}>
        <div className="field">
          <label htmlFor="filter-from">{t('from')}</label>
          <input id="filter-from" name="from" type="date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t('to')}</label>
          <input id="filter-to" name="to" type="date" defaultValue={to} />
        </div>
        <div className="field">
          <label htmlFor="filter-provider">{t('provider')}</label>
          <select id="filter-provider" name="providerId" defaultValue={providerId}>
            <option value="">{t('anyProvider')}</option>
            {filters.data?.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t('statusLabel')}</label>
          <select id="filter-status" name="status" defaultValue={status}>
            <option value="">{t('anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`appt_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-package">{t('packageFilter')}</label>
          <select id="filter-package" name="purchaseId" defaultValue={purchaseId}>
            <option value="">{t('anyPackage')}</option>
            {purchaseId ? <option value={purchaseId}>{purchaseLabel}</option> : null}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t('applyFilters')}</button>
        </div>
      </form>

      <div id="appointment-results" tabIndex={-1} aria-busy={loading}>
        {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && !connection ? <Loading /> : null}
        {connection && connection.edges.length === 0 ? <EmptyState>{t('noAppointments')}</EmptyState> : null}
        {connection && connection.edges.length > 0 ? (
          <>
            <AppointmentTable appointments={connection.edges.map((edge) => edge.node)} columns={COLUMNS} caption={t('shownOf', { shown: connection.edges.length, total: connection.totalCount })} />
            {connection.pageInfo.hasNextPage ? (
              <button type="button" className="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? t('loading') : t('loadMore')} ({formatNumber(connection.totalCount - connection.edges.length)})
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
