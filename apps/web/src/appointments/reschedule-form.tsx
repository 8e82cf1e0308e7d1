import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { RescheduleAppointmentMutationDocument } from '../graphql/generated';
import { localDateOf, todayIn, zonedToInstant } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, FieldError, FormErrors, otherErrors, fieldErrors } from '../layout/states';
import { SlotPicker } from './slot-picker';

/** Move the appointment: pick a free time of a day, or type an exact time. */
export function RescheduleForm({
  appointment,
  onMoved,
}: {
  appointment: { id: string; startsAt: string; providerId: string; serviceId: string; patientId: string; timeZone: string };
  onMoved(message: string): void;
}) {
  const { t, formatDateTime } = useLocale();
  const { timeZone } = appointment;
  const [date, setDate] = useState(() => {
    const current = localDateOf(appointment.startsAt, timeZone);
    const today = todayIn(timeZone);
    return current < today ? today : current;
  });
  const [slot, setSlot] = useState<string | null>(null);
  const [exactTime, setExactTime] = useState('');
  const [reschedule, { data, loading, error }] = useMutation(RescheduleAppointmentMutationDocument);
  const userErrors = data?.rescheduleAppointment.userErrors;
  const startsAt = exactTime ? zonedToInstant(date, exactTime, timeZone) : slot;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!startsAt) return;
    const result = await reschedule({ variables: { input: { appointmentId: appointment.id, startsAt } } }).catch(() => null);
    if (result?.data?.rescheduleAppointment.appointment) {
      setSlot(null);
      setExactTime('');
      onMoved(t('rescheduled', { when: formatDateTime(startsAt, timeZone) }));
    }
  };

  const startErrors = fieldErrors(userErrors, 'startsAt');
  return (
    <section className="panel" aria-labelledby="reschedule-heading">
      <h2 id="reschedule-heading">{t('reschedule')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        {error ? <ErrorNotice error={error} /> : null}
        <FormErrors errors={otherErrors(userErrors, ['startsAt'])} />
        <div className="field">
          <label htmlFor="reschedule-date">{t('newDate')}</label>
          <input
            id="reschedule-date"
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setSlot(null);
            }}
          />
        </div>
        <SlotPicker
          name="reschedule-slot"
          providerId={appointment.providerId}
          serviceId={appointment.serviceId}
          patientId={appointment.patientId}
          date={date}
          timeZone={timeZone}
          selected={exactTime ? null : slot}
          onSelect={(value) => {
            setSlot(value);
            setExactTime('');
          }}
        />
        <div className="field">
          <label htmlFor="reschedule-time">{t('orExactTime')}</label>
          <input
            id="reschedule-time"
            type="time"
            step={300}
            value={exactTime}
            onChange={(e) => setExactTime(e.target.value)}
            aria-invalid={startErrors.length > 0}
            aria-describedby={startErrors.length ? 'reschedule-time-error' : undefined}
          />
          <FieldError id="reschedule-time-error" errors={startErrors} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={!startsAt || loading}>
            {t('moveTo')}
          </button>
        </div>
      </form>
    </section>
  );
}
