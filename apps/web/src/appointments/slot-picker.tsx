import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { DayStatusQueryDocument, FreeSlotsQueryDocument } from '../graphql/generated';
import type { MessageKey } from '../i18n/messages';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading } from '../layout/states';

/** The provider's free times on one clinic-local day, as a group of radio buttons. */
export function SlotPicker({
  providerId,
  serviceId,
  patientId,
  date,
  timeZone,
  selected,
  onSelect,
  name,
  emptyDayAction,
}: {
  providerId: string;
  serviceId: string;
  patientId?: string;
  date: string;
  timeZone: string;
  selected: string | null;
  onSelect(startsAt: string): void;
  name: string;
  /** Offered under an empty day, e.g. a link to the waitlist. */
  emptyDayAction?: ReactNode;
}) {
  const { t, formatTime } = useLocale();
  const ready = Boolean(providerId && serviceId && date);
  const { data, loading, error, refetch } = useQuery(FreeSlotsQueryDocument, {
    variables: { providerId, serviceId, date, patientId: patientId ?? null },
    skip: !ready,
    fetchPolicy: 'network-only',
  });
  if (!ready) return <p className="hint">{t('pickDayFirst')}</p>;
  if (loading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const slots = data?.freeSlots ?? [];
  return (
    <fieldset className="slots">
      <legend>{t('freeSlots')}</legend>
      {slots.length === 0 ? (
        <>
          <EmptyDay providerId={providerId} serviceId={serviceId} patientId={patientId} date={date} />
          {emptyDayAction}
        </>
      ) : (
        <div className="slot-list">
          {slots.map((slot) => (
            <label key={slot.startsAt} className={`slot${selected === slot.startsAt ? ' slot-selected' : ''}`}>
              <input
                type="radio"
                name={name}
                value={slot.startsAt}
                checked={selected === slot.startsAt}
                onChange={() => onSelect(slot.startsAt)}
              />
              {formatTime(slot.startsAt, timeZone)}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** Why a day has no free time, as the server computes it: closed (and why), away, not a working day, past or full. */
function EmptyDay({ providerId, serviceId, patientId, date }: { providerId: string; serviceId: string; patientId?: string | undefined; date: string }) {
  const { t } = useLocale();
  const { data } = useQuery(DayStatusQueryDocument, {
    variables: { providerId, serviceId, date, patientId: patientId ?? null },
    fetchPolicy: 'network-only',
  });
  const status = data?.dayStatus;
  let words = t('noFreeSlots');
  if (status && status.status !== 'OPEN') {
    const key = status.status === 'PROVIDER_AWAY' && !status.reason ? 'dayEmpty_PROVIDER_AWAY_noReason' : `dayEmpty_${status.status}`;
    words = t(key as MessageKey, { reason: status.reason ?? '' });
  }
  return (
    <div role="status" data-testid="empty-day" data-status={status?.status ?? ''}>
      <EmptyState>{words}</EmptyState>
    </div>
  );
}
