import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SetWaitlistHoldTimeMutationDocument, WaitlistHoldQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors } from '../layout/states';

/** How long a waitlist offer holds its slot (ADMIN); the range and its refusal are the server's. */
export function WaitlistHoldForm() {
  const { t } = useLocale();
  const id = useId();
  const { data } = useSuspenseQuery(WaitlistHoldQueryDocument, { fetchPolicy: 'network-only' });
  const [minutes, setMinutes] = useState(String(data.waitlistSettings.holdMinutes));
  const [save, state] = useMutation(SetWaitlistHoldTimeMutationDocument, { refetchQueries: ['WaitlistHoldQuery'] });
  const errors = state.data?.setWaitlistHoldTime.userErrors ?? [];
  const minuteErrors = fieldErrors(errors, 'holdMinutes');
  const saved = Boolean(state.data?.setWaitlistHoldTime.waitlistSettings);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Whatever was typed goes to the server, which says what it accepts.
    const holdMinutes = Number.parseInt(minutes, 10);
    await save({ variables: { input: { holdMinutes: Number.isNaN(holdMinutes) ? 0 : holdMinutes } } }).catch(() => null);
  };

  return (
    <form className="panel settings-form" aria-label={t('waitlistHoldTitle')} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('waitlistHoldTitle')}</h2>
      <FormErrors errors={otherErrors(errors, ['holdMinutes'])} />
      <div className="field">
        <label htmlFor={`${id}-minutes`}>{t('waitlistHoldMinutes')}</label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          step={1}
          required
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          {...invalidFieldProps(`${id}-minutes-error`, minuteErrors)}
          aria-describedby={minuteErrors.length ? `${id}-hint ${id}-minutes-error` : `${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {t('waitlistHoldHint')}
        </p>
        <FieldError id={`${id}-minutes-error`} errors={minuteErrors} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('waitlistHoldSave')}
        </button>
      </div>
      <div role="status">{saved && errors.length === 0 ? <p className="notice notice-success">{t('waitlistHoldSaved')}</p> : null}</div>
    </form>
  );
}
