import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import {
  ChangeStaffRoleMutationDocument,
  CreateStaffMutationDocument,
  DeactivateStaffMutationDocument,
  IssuePasswordResetMutationDocument,
  StaffRouteQueryDocument,
  type StaffRouteQuery,
} from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { fieldErrors, type FieldUserError, ErrorNotice, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';

const ROLES = ['ADMIN', 'RECEPTIONIST', 'CLINICIAN', 'FINANCE'] as const;
type Role = (typeof ROLES)[number];
type StaffUser = StaffRouteQuery['users'][number];
type Provider = StaffRouteQuery['providers'][number];

interface ShownLink {
  name: string;
  url: string;
  expiresAt: string;
  /** The address the server e-mails the link to; null when it does not. */
  emailedTo: string | null;
}

const linkOf = (name: string, reset: { path: string; expiresAt: string; emailedTo?: string | null }): ShownLink => ({
  name,
  url: new URL(reset.path, window.location.origin).toString(),
  expiresAt: reset.expiresAt,
  emailedTo: reset.emailedTo ?? null,
});

/** Staff accounts (ADMIN): the list, a new account, a role change, a one-time password link, deactivation. */
export function StaffRoute() {
  const { t } = useLocale();
  const { data } = useSuspenseQuery(StaffRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [link, setLink] = useState<ShownLink | null>(null);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsStaff')}</PageHeading>
      <p className="hint">{t('staffCount', { count: data.users.length })}</p>
      {link ? <ResetLinkNotice link={link} /> : null}
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table staff-table">
          <thead>
            <tr>
              <th scope="col">{t('staffName')}</th>
              <th scope="col">{t('staffEmail')}</th>
              <th scope="col">{t('staffRole')}</th>
              <th scope="col">{t('staffStatus')}</th>
              <th scope="col">{t('staffActions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((user) => (
              <StaffRow key={user.id} user={user} own={user.id === data.viewer?.id} providers={data.providers} onLink={setLink} />
            ))}
          </tbody>
        </table>
      </div>
      <AddStaff providers={data.providers} onLink={setLink} />
    </section>
  );
}

function ResetLinkNotice({ link }: { link: ShownLink }) {
  const { t, formatDateTime } = useLocale();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <div className="notice" role="status">
      <p>
        <strong>{t('resetLinkFor', { name: link.name })}</strong>
      </p>
      <p className="secret" dir="ltr">
        {link.url}
      </p>
      <p className="hint">{t('resetLinkShown', { name: link.name, expires: formatDateTime(link.expiresAt, zone) })}</p>
      {link.emailedTo ? (
        <p className="hint">
          {t('resetLinkEmailed', { email: link.emailedTo })}
        </p>
      ) : null}
      <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link.url)}>
        {t('copySecret')}
      </button>
    </div>
  );
}

function RoleAndProvider({
  idPrefix,
  role,
  providerId,
  providers,
  onRole,
  onProvider,
  roleLabel,
  roleErrors,
  providerErrors,
}: {
  idPrefix: string;
  role: Role;
  providerId: string;
  providers: readonly Provider[];
  onRole: (role: Role) => void;
  onProvider: (id: string) => void;
  roleLabel: string;
  roleErrors: FieldUserError[];
  providerErrors: FieldUserError[];
}) {
  const { t } = useLocale();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{roleLabel}</label>
        <select id={`${idPrefix}-role`} value={role} onChange={(e) => onRole(e.target.value as Role)} {...invalidFieldProps(`${idPrefix}-role-error`, roleErrors)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role_${value}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${idPrefix}-role-error`} errors={roleErrors} />
      </div>
      {role === 'CLINICIAN' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-provider`}>{t('staffProvider')}</label>
          <select
            id={`${idPrefix}-provider`}
            required
            value={providerId}
            onChange={(e) => onProvider(e.target.value)}
            {...invalidFieldProps(`${idPrefix}-provider-error`, providerErrors)}
          >
            <option value="">{t('staffChooseProvider')}</option>
            {providers.map((provider) => (
              <option key={provider.id} value={provider.id}>
                {provider.name}
              </option>
            ))}
          </select>
          <FieldError id={`${idPrefix}-provider-error`} errors={providerErrors} />
        </div>
      ) : null}
    </>
  );
}

function StaffRow({ user, own, providers, onLink }: { user: StaffUser; own: boolean; providers: readonly Provider[]; onLink: (link: ShownLink) => void }) {
  const { t } = useLocale();
  const id = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [providerId, setProviderId] = useState(user.provider?.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [changeRole, roleState] = useMutation(ChangeStaffRoleMutationDocument);
  const [issue, issueState] = useMutation(IssuePasswordResetMutationDocument);
  const [deactivate, deactivateState] = useMutation(DeactivateStaffMutationDocument);
  const errors = [
    ...(roleState.data?.changeUserRole.userErrors ?? []),
    ...(issueState.data?.issuePasswordReset.userErrors ?? []),
    ...(deactivateState.data?.deactivateUser.userErrors ?? []),
  ];
  const saveRole = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const result = await changeRole({ variables: { input: { userId: user.id, role, providerId: role === 'CLINICIAN' ? providerId : null } } }).catch(() => null);
    const changed = result?.data?.changeUserRole.user;
    if (changed) setMessage(t('roleChanged', { name: changed.name, role: t(`role_${changed.role}`) }));
  };
  const issueLink = async () => {
    setMessage(null);
    const result = await issue({ variables: { input: { userId: user.id } } }).catch(() => null);
    const reset = result?.data?.issuePasswordReset.passwordReset;
    if (reset) onLink(linkOf(user.name, reset));
  };
  const confirmDeactivate = async () => {
    const result = await deactivate({ variables: { input: { userId: user.id } } }).catch(() => null);
    setConfirming(false);
    if (result?.data?.deactivateUser.user) setMessage(t('deactivated', { name: user.name }));
  };
  const roleChanged = role !== user.role || (role === 'CLINICIAN' && providerId !== (user.provider?.id ?? ''));

  return (
    <tr>
      <th scope="row">
        {user.name} {own ? <span className="hint">{t('you')}</span> : null}
      </th>
      <td dir="ltr" className="cell-email">
        {user.email}
      </td>
      <td>
        {t(`role_${user.role}`)}
        {user.provider ? <div className="hint">{user.provider.name}</div> : null}
      </td>
      <td>
        <span className={user.active ? 'badge badge-success' : 'badge'}>{user.active ? t('staffActive') : t('staffInactive')}</span>
      </td>
      <td>
        {user.active && !own ? (
          <div className="staff-actions">
            <form className="inline-fields" onSubmit={(e) => void saveRole(e)}>
              <RoleAndProvider
                idPrefix={id}
                role={role}
                providerId={providerId}
                providers={providers}
                onRole={setRole}
                onProvider={setProviderId}
                roleLabel={t('changeRoleOf', { name: user.name })}
                roleErrors={[]}
                providerErrors={fieldErrors(errors, 'providerId')}
              />
              <button type="submit" className="secondary" disabled={!roleChanged || roleState.loading}>
                {t('saveRole')}
              </button>
            </form>
            <div className="form-actions">
              <button type="button" className="secondary" disabled={issueState.loading} onClick={() => void issueLink()}>
                {t('resetLink')}
              </button>
              <button type="button" className="danger" aria-expanded={confirming} onClick={() => setConfirming(true)}>
                {t('deactivate')}
              </button>
            </div>
            {confirming ? (
              <div className="notice" role="alertdialog" aria-labelledby={`${id}-confirm`}>
                <p id={`${id}-confirm`}>{t('deactivateConfirm', { name: user.name })}</p>
                <div className="form-actions">
                  <button type="button" className="danger" disabled={deactivateState.loading} onClick={() => void confirmDeactivate()}>
                    {t('deactivate')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    {t('staffCancel')}
                  </button>
                </div>
              </div>
            ) : null}
          </div>
        ) : null}
        <FormErrors errors={otherErrors(errors, ['providerId'])} />
        <div role="status">{message ? <p className="notice notice-success">{message}</p> : null}</div>
      </td>
    </tr>
  );
}

function AddStaff({ providers, onLink }: { providers: readonly Provider[]; onLink: (link: ShownLink) => void }) {
  const { t } = useLocale();
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('RECEPTIONIST');
  const [providerId, setProviderId] = useState('');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [create, state] = useMutation(CreateStaffMutationDocument, { refetchQueries: ['StaffRouteQuery'], awaitRefetchQueries: true });
  const errors = state.data?.createUser.userErrors ?? [];
  const errorsOf = (field: string) => fieldErrors(errors, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const result = await create({
      variables: { input: { email, name, role, providerId: role === 'CLINICIAN' ? providerId : null, password: password || null } },
    }).catch(() => null);
    const answer = result?.data?.createUser;
    if (!answer?.user) return;
    setCreated(answer.user.name);
    if (answer.passwordReset) onLink(linkOf(answer.user.name, answer.passwordReset));
    setEmail('');
    setName('');
    setPassword('');
    setProviderId('');
  };

  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{t('addStaff')}</h2>
      <FormErrors errors={otherErrors(errors, ['email', 'name', 'role', 'providerId', 'password'])} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('staffName')}</label>
        <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} {...invalidFieldProps(`${id}-name-error`, errorsOf('name'))} />
        <FieldError id={`${id}-name-error`} errors={errorsOf('name')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('staffEmail')}</label>
        <input
          id={`${id}-email`}
          type="email"
          dir="ltr"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...invalidFieldProps(`${id}-email-error`, errorsOf('email'))}
        />
        <FieldError id={`${id}-email-error`} errors={errorsOf('email')} />
      </div>
      <RoleAndProvider
        idPrefix={id}
        role={role}
        providerId={providerId}
        providers={providers}
        onRole={setRole}
        onProvider={setProviderId}
        roleLabel={t('staffRole')}
        roleErrors={errorsOf('role')}
        providerErrors={errorsOf('providerId')}
      />
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('staffPasswordOptional')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={`${id}-password-hint`}
          aria-invalid={errorsOf('password').length > 0}
        />
        <p className="hint" id={`${id}-password-hint`}>
          {t('staffPasswordHint')}
        </p>
        <FieldError id={`${id}-password-error`} errors={errorsOf('password')} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('createAccount')}
        </button>
      </div>
      <div role="status">{created ? <p className="notice notice-success">{t('accountCreated', { name: created })}</p> : null}</div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
