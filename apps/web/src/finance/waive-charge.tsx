import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useOutletContext } from 'react-router';
import { WaiveChargeAppointmentQueryDocument, WaiveChargeMutationDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors } from '../layout/states';
import { type Viewer } from '../layout/viewer';
import './finance.css';

/**
 * Waive what a late cancellation or a no-show cost (finance, admin): the session comes back and
 * an unpaid fee is voided, after a confirmation that says so. Shows the waiver once made.
 */
export function WaiveCharge({ appointmentId, onWaived }: { appointmentId: string; onWaived: (notice: string) => void }) {
  const { t, formatDateTime } = useLocale();
  const viewer = useOutletContext<Viewer | undefined>();
  const mayWaive = viewer?.permissions.includes('waiveCharge') ?? false;
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const { data } = useQuery(WaiveChargeAppointmentQueryDocument, { variables: { id: appointmentId } });
  const [waive, state] = useMutation(WaiveChargeMutationDocument);
  const appointment = data?.node?.__typename === 'Appointment' ? data.node : null;
  if (!appointment?.incident) return null;
  const userErrors = state.data?.waiveCharge.userErrors ?? [];
  const reasonErrors = fieldErrors(userErrors, 'reason');

  if (appointment.waivedAt) {
    return (
      <section className="panel" aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`}>{t('chargeWaived')}</h2>
        <p>
          {t('chargeWaivedOn', { when: formatDateTime(appointment.waivedAt, appointment.clinic.timeZone) })}
          {appointment.waiveReason ? <span dir="auto"> — {appointment.waiveReason}</span> : null}
        </p>
      </section>
    );
  }
  if (!mayWaive) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await waive({
      variables: { input: { appointmentId, reason } },
      refetchQueries: ['AppointmentRouteQuery'],
    }).catch(() => null);
    const after = result?.data?.waiveCharge;
    if (after?.appointment && after.userErrors.length === 0) {
      dialogRef.current?.close();
      onWaived(t('chargeWaivedNotice'));
    }
  };

  return (
    <div className="form-actions">
      <button
        ref={openerRef}
        type="button"
        className="secondary"
        onClick={() => {
          state.reset();
          dialogRef.current?.showModal();
        }}
      >
        {t(appointment.incident === 'NO_SHOW' ? 'waiveNoShow' : 'waiveLateCancellation')}
      </button>
      <dialog ref={dialogRef} className="money-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-consequence`} onClose={() => openerRef.current?.focus()}>
        <form onSubmit={(e) => void submit(e)}>
          <h2 id={`${id}-title`}>{t('waiveTitle')}</h2>
          <p id={`${id}-consequence`} className="notice consequence">
            {appointment.sessionConsumed && appointment.sessionNumberInPackage && appointment.packagePurchase
              ? t('waiveConsequenceSession', { number: appointment.sessionNumberInPackage, total: appointment.packagePurchase.totalSessions })
              : t('waiveConsequenceFee')}
          </p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('voidReason')}</label>
            <textarea
              id={`${id}-reason`}
              required
              maxLength={2000}
              dir="auto"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              {...invalidFieldProps(`${id}-reason-error`, reasonErrors.map((e) => e.code))}
            />
            <FieldError id={`${id}-reason-error`} errors={reasonErrors} />
          </div>
          <FormErrors errors={otherErrors(userErrors, ['reason'])} />
          {state.error ? <ErrorNotice error={state.error} /> : null}
          <div className="form-actions">
            <button type="submit" disabled={state.loading || !reason.trim()}>
              {t('confirmWaive')}
            </button>
            <button type="button" className="secondary" onClick={() => dialogRef.current?.close()}>
              {t('goBackMoney')}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
