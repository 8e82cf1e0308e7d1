import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { AppointmentHistory_AppointmentFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { operationName } from '../i18n/operation-name';
import { EmptyState } from '../layout/states';

/** Who changed what, and when, oldest first; a status change shows the status it led to. */
export function AppointmentHistory({
  appointment,
  timeZone,
}: {
  appointment: FragmentType<typeof AppointmentHistory_AppointmentFragmentDoc>;
  timeZone: string;
}) {
  const { t, formatDateTime } = useLocale();
  const { data, complete } = useFragment({ fragment: AppointmentHistory_AppointmentFragmentDoc, from: appointment });
  if (!complete) return null;
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history')}</h2>
      {data.history.length === 0 ? (
        <EmptyState>{t('noHistory')}</EmptyState>
      ) : (
        <ol className="history">
          {data.history.map((event, index) => {
            const status = statusAfter(event.after);
            return (
              <li key={`${event.occurredAt}-${index}`}>
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, timeZone)}</time>{' '}
                <strong>{operationName(t, event.operation)}</strong>
                {status ? <> → {t(`appt_${status}`)}</> : null} {t('byActor', { name: event.actor?.name ?? t('system') })}
                {event.reason ? (
                  <p className="history-reason">
                    {t('reason')}: {event.reason}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

const STATUSES = ['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;

function statusAfter(after: string | null): (typeof STATUSES)[number] | null {
  if (!after) return null;
  try {
    const status = (JSON.parse(after) as { status?: unknown }).status;
    return STATUSES.find((s) => s === status) ?? null;
  } catch {
    return null;
  }
}
