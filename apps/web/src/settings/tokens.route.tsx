import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { ApiTokensRouteQueryDocument, CreateApiTokenMutationDocument, RevokeApiTokenMutationDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { DataTable } from '../layout/data-table';
import { EmptyState, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** API tokens (ADMIN): create one (its secret shown this once), list them, revoke one. */
export function ApiTokensRoute() {
  const { t, formatDateTime } = useLocale();
  const id = useId();
  const { data } = useSuspenseQuery(ApiTokensRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const [create, createState] = useMutation(CreateApiTokenMutationDocument, { refetchQueries: ['ApiTokensRouteQuery'], awaitRefetchQueries: true });
  const [revoke, revokeState] = useMutation(RevokeApiTokenMutationDocument);
  const errors = createState.data?.createApiToken.userErrors ?? [];
  const nameErrors = fieldErrors(errors, 'name');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    setRevokedName(null);
    const result = await create({ variables: { input: { name } } }).catch(() => null);
    const answer = result?.data?.createApiToken;
    if (answer?.secret && answer.apiToken) {
      setSecret({ name: answer.apiToken.name, secret: answer.secret });
      setName('');
    }
  };
  const revokeToken = async (tokenId: string, tokenName: string) => {
    setSecret(null);
    const result = await revoke({ variables: { input: { tokenId } } }).catch(() => null);
    if (result?.data?.revokeApiToken.apiToken) setRevokedName(tokenName);
  };

  return (
    <section>
      <PageHeading>{t('settingsApiTokens')}</PageHeading>
      <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-heading`}>{t('createToken')}</h2>
        <FormErrors errors={otherErrors(errors, ['name'])} />
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('tokenName')}</label>
          <input id={`${id}-name`} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} {...invalidFieldProps(`${id}-error`, nameErrors)} />
          <FieldError id={`${id}-error`} errors={nameErrors} />
        </div>
        <button type="submit" disabled={createState.loading}>
          {t('createToken')}
        </button>
      </form>
      <div role="status">
        {secret ? (
          <div className="notice">
            <p>
              <strong>{secret.name}</strong>
            </p>
            <p className="secret" dir="ltr">
              {secret.secret}
            </p>
            <p className="hint">{t('tokenSecretShown')}</p>
          </div>
        ) : null}
        {revokedName ? <p className="notice notice-success">{t('tokenRevoked', { name: revokedName })}</p> : null}
      </div>
      <FormErrors errors={revokeState.data?.revokeApiToken.userErrors ?? []} />
      {data.apiTokens.length === 0 ? (
        <EmptyState>{t('noTokens')}</EmptyState>
      ) : (
        <DataTable
          rows={data.apiTokens}
          rowKey={(token) => token.id}
          columns={[
            { key: 'name', header: t('tokenName'), rowHeader: true, cell: (token) => token.name },
            { key: 'createdAt', header: t('tokenCreatedAt'), cell: (token) => formatDateTime(token.createdAt, zone()) },
            { key: 'createdBy', header: t('tokenCreatedBy'), cell: (token) => token.createdBy?.name ?? t('tokenCreatorUnknown') },
            {
              key: 'state',
              header: t('tokenState'),
              cell: (token) =>
                token.revokedAt ? (
                  t('tokenRevokedAt', { date: formatDateTime(token.revokedAt, zone()) })
                ) : (
                  <button type="button" className="danger" aria-label={t('revokeToken', { name: token.name })} disabled={revokeState.loading} onClick={() => void revokeToken(token.id, token.name)}>
                    {t('revokeAction')}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
