import { useApolloClient, useMutation } from '@apollo/client/react';
import { useEffect, useLayoutEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { SignInMutationDocument } from '../graphql/generated';
import { DigitsSwitch, LanguageSwitch } from '../i18n/language-switch';
import { useLocale } from '../i18n/locale';
import { refusalOf } from '../i18n/user-error-text';
import { fieldErrors, invalidFieldProps, FieldError, FormErrors, otherErrors, PageHeading } from '../layout/states';
import { DEMO_PASSWORD, useDemoAccounts } from './demo-accounts';

export function SignInRoute() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const client = useApolloClient();
  // What was typed into the page the server painted, before the app took it over, is kept.
  const [painted] = useState(paintedFields);
  const [email, setEmail] = useState(painted.email?.value ?? '');
  const [password, setPassword] = useState(painted.password?.value ?? '');
  useLayoutEffect(() => {
    // Typed while the app was rendering: the painted fields, gone from the page now, still hold it.
    if (painted.email && painted.email.value !== email) setEmail(painted.email.value);
    if (painted.password && painted.password.value !== password) setPassword(painted.password.value);
  }, [painted]);
  useEffect(() => {
    if (painted.focused) document.getElementById(painted.focused)?.focus();
  }, [painted]);
  const [signIn, { data, loading, error }] = useMutation(SignInMutationDocument);
  const userErrors = data?.login.userErrors;
  const demoAccounts = useDemoAccounts();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await signIn({ variables: { input: { email, password } } }).catch(() => null);
    // The session travels in an HttpOnly cookie the server set: the page never sees a token.
    if (result?.data?.login.user) {
      await client.resetStore();
      await navigate('/', { replace: true });
    }
  };

  const emailErrors = fieldErrors(userErrors, 'email');
  const passwordErrors = fieldErrors(userErrors, 'password');

  return (
    <div className="sign-in-page">
      <header className="sign-in-header">
        <span className="brand">{t('appName')}</span>
        <LanguageSwitch />
        <DigitsSwitch />
      </header>
      <main id="main" className="sign-in-main">
        <section className="panel sign-in-panel" aria-labelledby="sign-in-heading">
          <PageHeading id="sign-in-heading">{t('signIn')}</PageHeading>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <FormErrors errors={otherErrors(userErrors, ['email', 'password'])} />
            {error ? <FormErrors errors={[{ field: null, ...(refusalOf(error) ?? { code: 'NETWORK', message: error.message }) }]} /> : null}
            <div className="field">
              <label htmlFor="email">{t('email')}</label>
              <input
                id="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                {...invalidFieldProps('email-error', emailErrors)}
                dir="ltr"
              />
              <FieldError id="email-error" errors={emailErrors} />
            </div>
            <div className="field">
              <label htmlFor="password">{t('password')}</label>
              <input
                id="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                {...invalidFieldProps('password-error', passwordErrors)}
                dir="ltr"
              />
              <FieldError id="password-error" errors={passwordErrors} />
            </div>
            <button type="submit" disabled={loading}>
              {loading ? t('signingIn') : t('signIn')}
            </button>
          </form>
        </section>
        {demoAccounts.length > 0 ? (
          <section className="panel" aria-labelledby="demo-heading" data-demo-accounts>
            <h2 id="demo-heading">{t('demoAccounts')}</h2>
            <p>{t('demoAccountsHint', { password: DEMO_PASSWORD })}</p>
            <ul className="demo-accounts">
              {demoAccounts.map((account) => (
                <li key={account.email}>
                  <button
                    type="button"
                    className="link-button"
                    dir="ltr"
                    aria-label={t('useAccount', { email: account.email })}
                    onClick={() => {
                      setEmail(account.email);
                      setPassword(DEMO_PASSWORD);
                      document.getElementById('email')?.focus();
                    }}
                  >
                    {account.email}
                  </button>
                  <span className="demo-account-about">
                    {t(`role_${account.role}`)} · {account.tenant}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </div>
  );
}

interface PaintedFields {
  email?: HTMLInputElement;
  password?: HTMLInputElement;
  /** The field the reader was in, given back its focus once the app has rendered. */
  focused?: 'email' | 'password';
}

/** The fields of the page the server painted (apps/api/src/http/web-app.ts), still in #root while the app first renders. */
function paintedFields(): PaintedFields {
  if (typeof document === 'undefined') return {};
  const field = (id: string) => {
    const element = document.querySelector(`#root > .sign-in-page input#${id}`);
    return element instanceof HTMLInputElement ? element : undefined;
  };
  const fields: PaintedFields = {};
  const email = field('email');
  const password = field('password');
  if (email) fields.email = email;
  if (password) fields.password = password;
  if (email && document.activeElement === email) fields.focused = 'email';
  if (password && document.activeElement === password) fields.focused = 'password';
  return fields;
}
