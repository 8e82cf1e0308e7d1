import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  SetAppointmentStatusMutationDocument,
  StatusChangeConsequenceQueryDocument,
  type AppointmentStatus,
  type StatusChangeConsequenceQuery,
} from '../graphql/generated';
import { useLocale, type LocaleTools } from '../i18n/locale';
import { ErrorNotice, FormErrors } from '../layout/states';

type Consequence = Extract<NonNullable<StatusChangeConsequenceQuery['node']>, { __typename: 'Appointment' }>['consequenceOf'];

interface PendingChange {
  status: AppointmentStatus;
  reason: string | undefined;
  consequence: Consequence;
  /** Where focus goes back to when the dialog closes. */
  returnFocus: HTMLElement | null;
}

/** The consequence in the user's language, from the server's stable code and numbers. */
export function consequenceText(t: LocaleTools['t'], consequence: Consequence): string {
  const values = {
    session: consequence.sessionNumber ?? 0,
    total: consequence.totalSessions ?? 0,
    hours: consequence.lateCancellationWindowHours ?? 0,
  };
  switch (consequence.kind) {
    case 'COMPLETION_CONSUMES':
      return t('consequence_COMPLETION_CONSUMES', values);
    case 'LATE_CANCELLATION_CONSUMES':
      return t('consequence_LATE_CANCELLATION_CONSUMES', values);
    case 'NO_SHOW_CONSUMES':
      return t('consequence_NO_SHOW_CONSUMES', values);
    case 'EARLY_COMPLETION':
      return t(consequence.consumesSession ? 'consequence_EARLY_COMPLETION_CONSUMES' : 'consequence_EARLY_COMPLETION', values);
    default:
      return consequence.message;
  }
}

/**
 * One button per status the server says the viewer may choose (`allowedTransitions`); cancelling
 * asks why. A change the server says needs confirmation (it uses a session, or completes an
 * appointment that has not started) is made only after a dialog states its consequence.
 */
export function StatusActions({
  appointmentId,
  allowedTransitions,
  onChanged,
  rowLabel,
}: {
  appointmentId: string;
  allowedTransitions: readonly AppointmentStatus[];
  onChanged(message: string): void;
  /** In a list (the desk): no panel or heading, the buttons grouped under this name (e.g. the patient's). */
  rowLabel?: string;
}) {
  const { t } = useLocale();
  const ids = useId();
  const client = useApolloClient();
  const [setStatus, { data, loading, error }] = useMutation(SetAppointmentStatusMutationDocument);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [askError, setAskError] = useState<unknown>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const focusAfterDialog = useRef<HTMLElement | null>(null);
  // Once the dialog is gone (and the buttons enabled again), focus goes back where it was.
  useEffect(() => {
    if (pending || !focusAfterDialog.current) return;
    focusAfterDialog.current.focus();
    focusAfterDialog.current = null;
  }, [pending]);

  const change = async (status: AppointmentStatus, why?: string) => {
    const result = await setStatus({ variables: { input: { appointmentId, status, reason: why || null } } }).catch(() => null);
    if (result?.data?.setAppointmentStatus.appointment) {
      setCancelling(false);
      setReason('');
      onChanged(t('statusChanged', { status: t(`appt_${status}`) }));
    }
  };

  /** Asks the server what the change would do now; confirms first when it says so. */
  const request = async (status: AppointmentStatus, why?: string) => {
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
    setAskError(null);
    try {
      const answer = await client.query({
        query: StatusChangeConsequenceQueryDocument,
        variables: { id: appointmentId, status },
        fetchPolicy: 'network-only',
      });
      const node = answer.data?.node;
      const consequence = node?.__typename === 'Appointment' ? node.consequenceOf : null;
      if (!consequence) throw answer.error ?? new Error(t('notFound'));
      if (consequence.requiresConfirmation) setPending({ status, reason: why, consequence, returnFocus });
      else await change(status, why);
    } catch (failure) {
      setAskError(failure);
    } finally {
      setAsking(false);
    }
  };

  const close = (confirmed: boolean) => {
    const current = pending;
    setPending(null);
    if (!current) return;
    focusAfterDialog.current = current.returnFocus;
    if (confirmed) void change(current.status, current.reason);
  };

  const submitCancel = (event: FormEvent) => {
    event.preventDefault();
    void request('CANCELLED', reason);
  };

  const busy = loading || asking || pending !== null;
  const Frame = rowLabel === undefined ? 'section' : 'div';
  return (
    <Frame
      className={rowLabel === undefined ? 'panel' : 'row-actions'}
      {...(rowLabel === undefined ? { 'aria-labelledby': 'actions-heading' } : { role: 'group', 'aria-label': rowLabel })}
    >
      {rowLabel === undefined ? <h2 id="actions-heading">{t('actions')}</h2> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {askError ? <ErrorNotice error={askError} /> : null}
      {data ? <FormErrors errors={data.setAppointmentStatus.userErrors} /> : null}
      {allowedTransitions.length === 0 && rowLabel === undefined ? <p>{t('noActions')}</p> : null}
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
              disabled={busy}
              onClick={() => void request(status)}
            >
              {t(`action_${status}`)}
            </button>
          ),
        )}
      </div>
      {cancelling ? (
        <form className="cancel-form" onSubmit={submitCancel}>
          <div className="field">
            <label htmlFor={`${ids}-cancel-reason`}>{t('cancelReason')}</label>
            <textarea id={`${ids}-cancel-reason`} required rows={2} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form-actions">
            <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
              {t('confirmCancel')}
            </button>
            <button type="button" className="secondary" onClick={() => setCancelling(false)}>
              {t('keepAppointment')}
            </button>
          </div>
        </form>
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={t('confirmChangeTitle', { action: t(`action_${pending.status}`) })}
          message={consequenceText(t, pending.consequence)}
          confirmLabel={t('confirmChange')}
          cancelLabel={t('goBack')}
          onClose={close}
        />
      ) : null}
    </Frame>
  );
}

/**
 * A modal alert dialog: labelled by its title, described by the consequence; focus moves to
 * "Go back" (the safe choice), stays inside (Tab cycles), Escape goes back; the caller returns focus.
 */
function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  onClose,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  onClose(confirmed: boolean): void;
}) {
  const titleId = useId();
  const messageId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose(false);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      (document.activeElement === cancelRef.current ? confirmRef : cancelRef).current?.focus();
    }
  };

  return (
    <div className="dialog-backdrop" style={{ position: 'fixed', inset: 0, background: 'rgb(0 0 0 / 40%)', display: 'grid', placeItems: 'center', zIndex: 10 }}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={messageId}
        className="panel"
        style={{ maxWidth: '32rem', margin: '1rem' }}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={messageId}>{message}</p>
        <div className="form-actions">
          <button ref={confirmRef} type="button" className="danger" onClick={() => onClose(true)}>
            {confirmLabel}
          </button>
          <button ref={cancelRef} type="button" className="secondary" onClick={() => onClose(false)}>
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
