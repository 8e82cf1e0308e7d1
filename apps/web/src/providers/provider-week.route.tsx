import { type FragmentType } from '@apollo/client';
import { useFragment, useSuspenseQuery } from '@apollo/client/react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { AppointmentRow_AppointmentFragmentDoc, ProviderWeekRouteQueryDocument } from '../graphql/generated';
import { addDays, localDateOf, todayIn, weekStartOf, zonedToInstant } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { EmptyState, PageHeading } from '../layout/states';
import { useViewer } from '../layout/viewer';
import { StatusBadge } from '../appointments/status-badge';

const FALLBACK_ZONE = 'Asia/Riyadh';

/**
 * A clinician sees their own week only: the API answers a clinician with their own appointments
 * whatever provider is asked, so another provider's address would show her diary under his name.
 */
export function ProviderWeekRoute() {
  const { providerId = '' } = useParams();
  const [params] = useSearchParams();
  const viewer = useViewer();
  const own = viewer.provider?.id;
  if (viewer.role === 'CLINICIAN' && own && own !== providerId) {
    const week = params.get('week');
    return <Navigate to={`/providers/${encodeURIComponent(own)}/week${week ? `?week=${encodeURIComponent(week)}` : ''}`} replace />;
  }
  return <ProviderWeek providerId={providerId} />;
}

/** A provider's clinic week, Sunday to Saturday, each day's appointments in time order. */
function ProviderWeek({ providerId }: { providerId: string }) {
  const [params] = useSearchParams();
  const { t, nameOf, formatDate } = useLocale();
  const timeZone = FALLBACK_ZONE;
  const start = weekStartOf(params.get('week') ?? todayIn(timeZone));
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const { data } = useSuspenseQuery(ProviderWeekRouteQueryDocument, {
    variables: {
      providerId,
      filter: { providerId, from: zonedToInstant(start, '00:00', timeZone), to: zonedToInstant(addDays(start, 7), '00:00', timeZone) },
    },
    fetchPolicy: 'cache-and-network',
  });
  const provider = data.node;
  if (!provider || provider.__typename !== 'Provider') throw new NotFoundError(providerId);
  const zone = provider.clinics[0]?.timeZone ?? timeZone;
  const byDay = new Map<string, typeof data.appointments.edges>();
  for (const edge of data.appointments.edges) {
    const day = localDateOf(edge.node.startsAt, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), edge]);
  }
  const today = todayIn(zone);
  const base = `/providers/${encodeURIComponent(providerId)}/week`;

  return (
    <section>
      <PageHeading>{t('weekTitle', { name: nameOf(provider) })}</PageHeading>
      <nav className="week-nav" aria-label={t('goToWeek')}>
        <Link className="button secondary" to={`${base}?week=${addDays(start, -7)}`}>
          <span aria-hidden="true" className="flip">←</span> {t('previousWeek')}
        </Link>
        <Link className="button secondary" to={base}>
          {t('thisWeek')}
        </Link>
        <Link className="button secondary" to={`${base}?week=${addDays(start, 7)}`}>
          {t('nextWeek')} <span aria-hidden="true" className="flip">→</span>
        </Link>
        <span className="week-range">
          {formatDate(start)} – {formatDate(addDays(start, 6))}
        </span>
      </nav>
      <ol className="week">
        {days.map((day, index) => {
          const edges = byDay.get(day) ?? [];
          return (
            <li key={day} className={`week-day${day === today ? ' week-today' : ''}`} aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>
                <span className="week-day-name">{t(`day_${WEEKDAY_KEYS[index]!}`)}</span>
                <span className="week-day-date">{formatDate(day)}</span>
              </h2>
              {edges.length === 0 ? (
                <EmptyState>{t('emptyDay')}</EmptyState>
              ) : (
                <ul className="week-appointments">
                  {edges.map((edge) => (
                    <WeekAppointment key={edge.node.id} appointment={edge.node} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

const WEEKDAY_KEYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

function WeekAppointment({ appointment }: { appointment: FragmentType<typeof AppointmentRow_AppointmentFragmentDoc> }) {
  const { t, nameOf, formatTime } = useLocale();
  const { data: a, complete } = useFragment({ fragment: AppointmentRow_AppointmentFragmentDoc, from: appointment });
  if (!complete) return null;
  const tz = a.clinic.timeZone;
  return (
    <li className={`week-appointment status-${a.status.toLowerCase()}`}>
      <Link to={`/appointments/${encodeURIComponent(a.id)}`}>
        <span className="week-time">
          {formatTime(a.startsAt, tz)}–{formatTime(a.endsAt, tz)}
        </span>
        <span className="week-patient">{nameOf(a.patient)}</span>
        <span className="week-service">{nameOf(a.service)}</span>
        {a.packagePurchase && a.sessionNumberInPackage ? (
          <span className="badge badge-package">
            {t('packageLabel', { name: nameOf(a.packagePurchase.package), n: a.sessionNumberInPackage, total: a.packagePurchase.totalSessions })}
          </span>
        ) : null}
      </Link>
      <StatusBadge status={a.status} />
    </li>
  );
}
