import { useQuery } from '@apollo/client/react';
import { FreeSlotsQueryDocument } from '../graphql/generated';
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
}: {
  providerId: string;
  serviceId: string;
  patientId?: string;
  date: string;
  timeZone: string;
  selected: string | null;
  onSelect(startsAt: string): void;
  name: string;
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
        <EmptyState>{t('noFreeSlots')}</EmptyState>
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
