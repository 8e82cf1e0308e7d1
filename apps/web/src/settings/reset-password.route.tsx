import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ResetPasswordMutationDocument } from '../graphql/generated';
import { DigitsSwitch, LanguageSwitch } from '../i18n/language-switch';
import { useLocale } from '../i18n/locale';
import { fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';

/** The public page of a one-time password-reset link: the person sets a password, then signs in. */
export function ResetPasswordRoute() {
  const { t } = useLocale();
  const { token = '' } = useParams();
  const id = useId();
  const [password, setPassword] = useState('');
  const [reset, { data, loading }] = useMutation(ResetPasswordMutationDocument);
  const errors = data?.resetPassword.userErrors ?? [];
  const passwordErrors = fieldErrors(errors, 'newPassword');
  const done = data?.resetPassword.ok === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await reset({ variables: { input: { token, newPassword: password } } }).catch(() => null);
  };

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">{t('appName')}</span>
        <LanguageSwitch />
        <DigitsSwitch />
      </header>
      <main id="main" className="sign-in-main">
        <section className="panel sign-in-panel" aria-labelledby={`${id}-heading`}>
          <PageHeading id={`${id}-heading`}>{t('resetPasswordTitle')}</PageHeading>
          {done ? (
            <div role="status">
              <p className="notice notice-success">{t('passwordSet')}</p>
              <Link className="button" to="/sign-in">
                {t('goToSignIn')}
              </Link>
            </div>
          ) : (
            <form onSubmit={(e) => void submit(e)}>
              <FormErrors errors={otherErrors(errors, ['newPassword'])} />
              <div className="field">
                <label htmlFor={`${id}-password`}>{t('newPassword')}</label>
                <input
                  id={`${id}-password`}
                  type="password"
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  {...invalidFieldProps(`${id}-error`, passwordErrors)}
                />
                <p className="hint">{t('passwordRuleHint')}</p>
                <FieldError id={`${id}-error`} errors={passwordErrors} />
              </div>
              <button type="submit" disabled={loading}>
                {t('setPassword')}
              </button>
            </form>
          )}
        </section>
      </main>
    </div>
  );
}
