import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { PatientPastAppointmentsQueryDocument, PatientUpcomingAppointmentsQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading } from '../layout/states';
import { AppointmentTable, type AppointmentColumn } from './appointment-row';
import './appointments.css';

/** The status comes second, so a phone shows it without scrolling the table. */
const COLUMNS: AppointmentColumn[] = ['number', 'status', 'when', 'service', 'provider', 'package'];
const PAGE_SIZE = 5;

type When = 'upcoming' | 'past';

/**
 * A patient's appointments on one side of now, as the server pages them (upcoming in time order,
 * past latest first), every status shown, each linked to its page; "Show more" asks for the next page.
 */
export function PatientAppointments({ patientId, when }: { patientId: string; when: When }) {
  const { t } = useLocale();
  const headingId = useId();
  const [loadingMore, setLoadingMore] = useState(false);
  const upcoming = useQuery(PatientUpcomingAppointmentsQueryDocument, {
    variables: { patientId, first: PAGE_SIZE },
    skip: when !== 'upcoming',
    notifyOnNetworkStatusChange: true,
  });
  const past = useQuery(PatientPastAppointmentsQueryDocument, {
    variables: { patientId, first: PAGE_SIZE },
    skip: when !== 'past',
    notifyOnNetworkStatusChange: true,
  });
  const query = when === 'upcoming' ? upcoming : past;
  const upcomingNode = upcoming.data?.node?.__typename === 'Patient' ? upcoming.data.node : null;
  const pastNode = past.data?.node?.__typename === 'Patient' ? past.data.node : null;
  const connection = when === 'upcoming' ? upcomingNode?.upcomingAppointments : pastNode?.pastAppointments;

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    if (when === 'upcoming') {
      await upcoming
        .fetchMore({
          variables: { after },
          updateQuery: (previous, { fetchMoreResult }) => {
            const before = previous.node?.__typename === 'Patient' ? previous.node : null;
            const next = fetchMoreResult.node?.__typename === 'Patient' ? fetchMoreResult.node : null;
            if (!before || !next) return previous;
            const edges = [...before.upcomingAppointments.edges, ...next.upcomingAppointments.edges];
            return { ...previous, node: { ...before, upcomingAppointments: { ...next.upcomingAppointments, edges } } };
          },
        })
        .catch(() => null);
    } else {
      await past
        .fetchMore({
          variables: { after },
          updateQuery: (previous, { fetchMoreResult }) => {
            const before = previous.node?.__typename === 'Patient' ? previous.node : null;
            const next = fetchMoreResult.node?.__typename === 'Patient' ? fetchMoreResult.node : null;
            if (!before || !next) return previous;
            const edges = [...before.pastAppointments.edges, ...next.pastAppointments.edges];
            return { ...previous, node: { ...before, pastAppointments: { ...next.pastAppointments, edges } } };
          },
        })
        .catch(() => null);
    }
    setLoadingMore(false);
  };

  const title = when === 'upcoming' ? t('patientUpcomingTitle') : t('patientPastTitle');
  return (
    <section className="patient-appointments" aria-labelledby={headingId} aria-busy={query.loading}>
      <h2 id={headingId}>{title}</h2>
      {query.error ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.loading && !connection ? <Loading /> : null}
      {connection && connection.edges.length === 0 ? (
        <EmptyState>{when === 'upcoming' ? t('patientNoUpcoming') : t('patientNoPast')}</EmptyState>
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <>
          <AppointmentTable appointments={connection.edges.map((edge) => edge.node)} columns={COLUMNS} caption={t('shownOf', { shown: connection.edges.length, total: connection.totalCount })} />
          {connection.pageInfo.hasNextPage ? (
            <button type="button" className="secondary" disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? t('loading') : t('patientMoreAppointments', { count: connection.totalCount - connection.edges.length })}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
