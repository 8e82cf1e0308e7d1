import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { SetAppointmentStatusMutationDocument, type AppointmentStatus } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, FormErrors } from '../layout/states';

/** One button per status the viewer may move the appointment to; cancelling asks why. */
export function StatusActions({
  appointmentId,
  allowedTransitions,
  onChanged,
}: {
  appointmentId: string;
  allowedTransitions: readonly AppointmentStatus[];
  onChanged(message: string): void;
}) {
  const { t } = useLocale();
  const [setStatus, { data, loading, error }] = useMutation(SetAppointmentStatusMutationDocument);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  const change = async (status: AppointmentStatus, why?: string) => {
    const result = await setStatus({ variables: { input: { appointmentId, status, reason: why || null } } }).catch(() => null);
    if (result?.data?.setAppointmentStatus.appointment) {
      setCancelling(false);
      setReason('');
      onChanged(t('statusChanged', { status: t(`appt_${status}`) }));
    }
  };

  const submitCancel = (event: FormEvent) => {
    event.preventDefault();
    void change('CANCELLED', reason);
  };

  return (
    <section className="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions')}</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {data ? <FormErrors errors={data.setAppointmentStatus.userErrors} /> : null}
      {allowedTransitions.length === 0 ? <p>{t('noActions')}</p> : null}
      <div className="card-actions">
        {allowedTransitions.map((status) =>
          status === 'CANCELLED' ? (
            <button key={status} type="button" className="danger" aria-expanded={cancelling} onClick={() => setCancelling(true)}>
              {t('action_CANCELLED')}
            </button>
          ) : (
            <button
              key={status}
              type="button"
              className={status === 'NO_SHOW' ? 'secondary' : undefined}
              disabled={loading}
              onClick={() => void change(status)}
            >
              {t(`action_${status}`)}
            </button>
          ),
        )}
      </div>
      {cancelling ? (
        <form className="cancel-form" onSubmit={submitCancel}>
          <div className="field">
            <label htmlFor="cancel-reason">{t('cancelReason')}</label>
            <textarea id="cancel-reason" required rows={2} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="danger" disabled={loading || reason.trim() === ''}>
              {t('confirmCancel')}
            </button>
            <button type="button" className="secondary" onClick={() => setCancelling(false)}>
              {t('keepAppointment')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
