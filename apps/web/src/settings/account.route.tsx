import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ChangeOwnPasswordMutationDocument, SignOutMutationDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { fieldErrors, ErrorNotice, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';
import { useViewer } from '../layout/viewer';

/** My account: who I am, change my own password (my other sessions end), sign out. */
export function AccountRoute() {
  const { t } = useLocale();
  const viewer = useViewer();
  const id = useId();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [change, changeState] = useMutation(ChangeOwnPasswordMutationDocument);
  const [logout, logoutState] = useMutation(SignOutMutationDocument);
  const errors = changeState.data?.changePassword.userErrors ?? [];
  const currentErrors = fieldErrors(errors, 'currentPassword');
  const newErrors = fieldErrors(errors, 'newPassword');
  const changed = changeState.data?.changePassword.ok === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await change({ variables: { input: { currentPassword, newPassword } } }).catch(() => null);
    if (result?.data?.changePassword.ok) {
      setCurrentPassword('');
      setNewPassword('');
    }
  };
  const signOut = async () => {
    const result = await logout().catch(() => null);
    if (!result?.data?.logout.ok) return;
    await client.clearStore();
    await navigate('/sign-in', { replace: true });
  };

  return (
    <section>
      <PageHeading>{t('settingsMyAccount')}</PageHeading>
      <dl className="facts">
        <dt>{t('name')}</dt>
        <dd>{viewer.name}</dd>
        <dt>{t('email')}</dt>
        <dd>{viewer.email}</dd>
        <dt>{t('role')}</dt>
        <dd>{t(`role_${viewer.role}`)}</dd>
      </dl>
      <form className="panel settings-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{t('changePassword')}</h2>
        <FormErrors errors={otherErrors(errors, ['currentPassword', 'newPassword'])} />
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('currentPassword')}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            {...invalidFieldProps(`${id}-current-error`, currentErrors)}
          />
          <FieldError id={`${id}-current-error`} errors={currentErrors} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('newPassword')}</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            {...invalidFieldProps(`${id}-new-error`, newErrors)}
          />
          <p className="hint">{t('passwordRuleHint')}</p>
          <FieldError id={`${id}-new-error`} errors={newErrors} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={changeState.loading}>
            {t('changePassword')}
          </button>
        </div>
        <div role="status">{changed ? <p className="notice notice-success">{t('passwordChanged')}</p> : null}</div>
        {changeState.error ? <ErrorNotice error={changeState.error} /> : null}
      </form>
      <div className="panel settings-form">
        <h2>{t('signOut')}</h2>
        <p className="hint">{t('signOutHint')}</p>
        <button type="button" className="secondary" disabled={logoutState.loading} onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </div>
    </section>
  );
}
