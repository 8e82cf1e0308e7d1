import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { CancellationPolicyRouteQueryDocument, SetCancellationPolicyMutationDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';
import { WaitlistHoldForm } from './waitlist-hold';

/** The cancellation policy (ADMIN): the late-cancellation window, what a late cancellation and a no-show use up. */
export function CancellationPolicyRoute() {
  const { t } = useLocale();
  const id = useId();
  const { data } = useSuspenseQuery(CancellationPolicyRouteQueryDocument, { fetchPolicy: 'network-only' });
  const policy = data.cancellationPolicy;
  const [hours, setHours] = useState(String(policy.lateCancellationWindowHours));
  const [lateConsumes, setLateConsumes] = useState(policy.lateCancellationConsumesSession);
  const [noShowConsumes, setNoShowConsumes] = useState(policy.noShowConsumesSession);
  const [save, state] = useMutation(SetCancellationPolicyMutationDocument, { refetchQueries: ['CancellationPolicyRouteQuery'] });
  const errors = state.data?.setCancellationPolicy.userErrors ?? [];
  const hourErrors = fieldErrors(errors, 'lateCancellationWindowHours');
  const saved = Boolean(state.data?.setCancellationPolicy.cancellationPolicy);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({
      variables: { input: { lateCancellationWindowHours: Number(hours), lateCancellationConsumesSession: lateConsumes, noShowConsumesSession: noShowConsumes } },
    }).catch(() => null);
  };

  return (
    <section>
      <PageHeading>{t('settingsCancellationPolicy')}</PageHeading>
      <form className="panel settings-form" aria-label={t('settingsCancellationPolicy')} onSubmit={(e) => void submit(e)}>
        <FormErrors errors={otherErrors(errors, ['lateCancellationWindowHours'])} />
        <div className="field">
          <label htmlFor={`${id}-hours`}>{t('lateCancellationHours')}</label>
          <input
            id={`${id}-hours`}
            type="number"
            inputMode="numeric"
            min={0}
            max={720}
            step={1}
            required
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            {...invalidFieldProps(`${id}-hours-error`, hourErrors)}
          />
          <FieldError id={`${id}-hours-error`} errors={hourErrors} />
        </div>
        <label className="field-check">
          <input type="checkbox" checked={lateConsumes} onChange={(e) => setLateConsumes(e.target.checked)} />
          {t('lateCancellationConsumes')}
        </label>
        <label className="field-check">
          <input type="checkbox" checked={noShowConsumes} onChange={(e) => setNoShowConsumes(e.target.checked)} />
          {t('noShowConsumes')}
        </label>
        <div className="form-actions">
          <button type="submit" disabled={state.loading}>
            {t('savePolicy')}
          </button>
        </div>
        <div role="status">{saved && errors.length === 0 ? <p className="notice notice-success">{t('policySaved')}</p> : null}</div>
      </form>
      <WaitlistHoldForm />
    </section>
  );
}
