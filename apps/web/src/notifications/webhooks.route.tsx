import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import {
  CreateWebhookEndpointMutationDocument,
  DeactivateWebhookEndpointMutationDocument,
  DeleteWebhookEndpointMutationDocument,
  ReplayWebhookDeliveryMutationDocument,
  WebhooksRouteQueryDocument,
} from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import { DataTable } from '../layout/data-table';
import './webhooks.css';
import { EmptyState, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors, PageHeading } from '../layout/states';

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** `appointment.booked` -> `webhookEvent_appointment_booked`. */
const eventKey = (type: string) => `webhookEvent_${type.replace('.', '_')}` as MessageKey;
const statusKey = (status: string) => `webhookStatus_${status}` as MessageKey;

/** Webhooks (ADMIN): register endpoints for event types (secret shown once), stop or remove them, read the deliveries' log and replay one. */
export function WebhooksRoute() {
  const { t, formatDateTime } = useLocale();
  const id = useId();
  const refetch = { refetchQueries: ['WebhooksRouteQuery'], awaitRefetchQueries: true };
  const { data } = useSuspenseQuery(WebhooksRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [create, createState] = useMutation(CreateWebhookEndpointMutationDocument, refetch);
  const [deactivate, deactivateState] = useMutation(DeactivateWebhookEndpointMutationDocument, refetch);
  const [remove, removeState] = useMutation(DeleteWebhookEndpointMutationDocument, refetch);
  const [replay, replayState] = useMutation(ReplayWebhookDeliveryMutationDocument, refetch);
  const errors = createState.data?.createWebhookEndpoint.userErrors ?? [];
  const urlErrors = fieldErrors(errors, 'url');
  const eventErrors = fieldErrors(errors, 'events');
  const actionErrors = [
    ...(deactivateState.data?.deactivateWebhookEndpoint.userErrors ?? []),
    ...(removeState.data?.deleteWebhookEndpoint.userErrors ?? []),
    ...(replayState.data?.replayWebhookDelivery.userErrors ?? []),
  ];
  const busy = deactivateState.loading || removeState.loading || replayState.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    setDone(null);
    const result = await create({ variables: { input: { url, events } } }).catch(() => null);
    const answer = result?.data?.createWebhookEndpoint;
    if (answer?.secret && answer.endpoint) {
      setSecret({ url: answer.endpoint.url, secret: answer.secret });
      setUrl('');
      setEvents([]);
    }
  };
  const act = async (work: () => Promise<unknown>, message: string) => {
    setSecret(null);
    setDone(null);
    const ok = await work().then(() => true).catch(() => false);
    if (ok) setDone(message);
  };

  return (
    <section>
      <PageHeading>{t('settingsWebhooks')}</PageHeading>
      <p className="hint">{t('webhooksIntro')}</p>
      <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-heading`}>{t('webhookCreate')}</h2>
        <FormErrors errors={otherErrors(errors, ['url', 'events'])} />
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('webhookUrl')}</label>
          <input
            id={`${id}-url`}
            type="url"
            dir="ltr"
            required
            maxLength={200}
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            {...invalidFieldProps(`${id}-url-error`, urlErrors)}
          />
          <FieldError id={`${id}-url-error`} errors={urlErrors} />
        </div>
        <fieldset className="field" aria-describedby={eventErrors.length ? `${id}-events-error` : undefined}>
          <legend>{t('webhookEvents')}</legend>
          {data.webhookEventTypes.map((type) => (
            <label key={type} className="checkbox">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) => setEvents((chosen) => (e.target.checked ? [...chosen, type] : chosen.filter((c) => c !== type)))}
              />{' '}
              {t(eventKey(type))}
            </label>
          ))}
          <FieldError id={`${id}-events-error`} errors={eventErrors} />
        </fieldset>
        <button type="submit" disabled={createState.loading || events.length === 0}>
          {t('webhookCreate')}
        </button>
      </form>
      <div role="status">
        {secret ? (
          <div className="notice">
            <p dir="ltr">
              <strong>{secret.url}</strong>
            </p>
            <p className="secret" dir="ltr">
              {secret.secret}
            </p>
            <p className="hint">{t('webhookSecretShown')}</p>
          </div>
        ) : null}
        {done ? <p className="notice notice-success">{done}</p> : null}
      </div>
      <FormErrors errors={actionErrors} />

      <h2>{t('webhookEndpoints')}</h2>
      {data.webhookEndpoints.length === 0 ? (
        <EmptyState>{t('webhookNoEndpoints')}</EmptyState>
      ) : (
        <DataTable
          rows={data.webhookEndpoints}
          rowKey={(endpoint) => endpoint.id}
          columns={[
            { key: 'url', header: t('webhookUrl'), rowHeader: true, dir: 'ltr', cellClassName: 'break-anywhere', cell: (endpoint) => endpoint.url },
            { key: 'events', header: t('webhookEvents'), cell: (endpoint) => endpoint.events.map((type) => t(eventKey(type))).join(' · ') },
            { key: 'state', header: t('webhookState'), cell: (endpoint) => (endpoint.active ? t('webhookActive') : t('webhookInactive')) },
            {
              key: 'actions',
              header: t('webhookActions'),
              cell: (endpoint) => (
                <>
                  {endpoint.active ? (
                    <button
                      type="button"
                      aria-label={t('webhookDeactivateLabel', { url: endpoint.url })}
                      disabled={busy}
                      onClick={() => void act(() => deactivate({ variables: { input: { endpointId: endpoint.id } } }), t('webhookDeactivated'))}
                    >
                      {t('webhookDeactivate')}
                    </button>
                  ) : null}{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('webhookDeleteLabel', { url: endpoint.url })}
                    disabled={busy}
                    onClick={() => void act(() => remove({ variables: { input: { endpointId: endpoint.id } } }), t('webhookDeleted'))}
                  >
                    {t('webhookDelete')}
                  </button>
                </>
              ),
            },
          ]}
        />
      )}

      <h2>{t('webhookDeliveries')}</h2>
      {data.webhookDeliveries.length === 0 ? (
        <EmptyState>{t('webhookNoDeliveries')}</EmptyState>
      ) : (
        <DataTable
          rows={data.webhookDeliveries}
          rowKey={(delivery) => delivery.id}
          columns={[
            { key: 'event', header: t('webhookEvent'), rowHeader: true, cell: (delivery) => t(eventKey(delivery.eventType)) },
            { key: 'occurredAt', header: t('webhookOccurredAt'), cell: (delivery) => formatDateTime(delivery.occurredAt, zone()) },
            { key: 'url', header: t('webhookUrl'), dir: 'ltr', cellClassName: 'break-anywhere', cell: (delivery) => delivery.endpoint.url },
            { key: 'state', header: t('webhookState'), cell: (delivery) => t(statusKey(delivery.status)) },
            {
              key: 'attempts',
              header: t('webhookAttempts'),
              cell: (delivery) => {
                const last = delivery.attempts.at(-1);
                return (
                  <>
                    {t('webhookAttemptCount', { count: delivery.attemptCount })}
                    {last ? ` · ${last.responseCode ?? last.error ?? ''} · ${t('webhookDuration', { ms: last.durationMs })}` : ''}
                  </>
                );
              },
            },
            {
              key: 'actions',
              header: t('webhookActions'),
              cell: (delivery) =>
                delivery.endpoint.active ? (
                  <button
                    type="button"
                    aria-label={t('webhookReplayLabel', { event: t(eventKey(delivery.eventType)) })}
                    disabled={busy}
                    onClick={() => void act(() => replay({ variables: { input: { deliveryId: delivery.id } } }), t('webhookReplayed'))}
                  >
                    {t('webhookReplay')}
                  </button>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  );
}
