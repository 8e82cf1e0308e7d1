import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { AuditLogFiltersQueryDocument, AuditLogRouteQueryDocument, type AuditLogRouteQuery } from '../graphql/generated';
import { isMessageKey, useLocale } from '../i18n/locale';
import { DataTable, type Column } from '../layout/data-table';
import { EmptyState, ErrorNotice, Loading, PageHeading } from '../layout/states';
import { auditDiff, plainWords } from './audit-diff';

const ENTITIES = ['User', 'ApiToken', 'CancellationPolicy', 'Appointment', 'PackagePurchase', 'Invoice', 'Patient', 'Package', 'Provider'] as const;
const PAGE = 25;
type AuditEventRow = AuditLogRouteQuery['auditLog']['events'][number];

interface Filters {
  entityType: string;
  operation: string;
  actorId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { entityType: '', operation: '', actorId: '', from: '', to: '' };

/** The browser's local midnight of a picked date, as an instant. */
const midnight = (date: string, days = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + days).toISOString();
};

/** The audit log (ADMIN): filter by entity, actor, operation and dates; each change as a readable before/after. */
export function AuditLogRoute() {
  const { t } = useLocale();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const choices = useQuery(AuditLogFiltersQueryDocument);
  const filter = {
    entityType: applied.entityType || null,
    operation: applied.operation || null,
    actorId: applied.actorId || null,
    from: applied.from ? midnight(applied.from) : null,
    to: applied.to ? midnight(applied.to, 1) : null,
  };
  const log = useQuery(AuditLogRouteQueryDocument, { variables: { filter, first: PAGE }, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const say = (prefix: 'op_' | 'entity_' | 'field_', name: string) => {
    const key = `${prefix}${name}`;
    return isMessageKey(key) ? t(key) : plainWords(name);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const more = () => {
    const after = log.data?.auditLog.nextCursor;
    if (!after) return;
    void log.fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        auditLog: { ...fetchMoreResult.auditLog, events: [...previous.auditLog.events, ...fetchMoreResult.auditLog.events] },
      }),
    });
  };
  const field = (name: keyof Filters) => ({
    id: `${id}-${name}`,
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  return (
    <section>
      <PageHeading>{t('settingsAuditLog')}</PageHeading>
      <form className="filters panel" aria-label={t('auditFilter')} onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-entityType`}>{t('auditEntity')}</label>
          <select {...field('entityType')}>
            <option value="">{t('auditAnyEntity')}</option>
            {ENTITIES.map((name) => (
              <option key={name} value={name}>
                {say('entity_', name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-operation`}>{t('auditOperation')}</label>
          <select {...field('operation')}>
            <option value="">{t('auditAnyOperation')}</option>
            {(choices.data?.auditOperations ?? []).map((name) => (
              <option key={name} value={name}>
                {say('op_', name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actorId`}>{t('auditActor')}</label>
          <select {...field('actorId')}>
            <option value="">{t('auditAnyActor')}</option>
            {(choices.data?.users ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('auditFrom')}</label>
          <input type="date" {...field('from')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('auditTo')}</label>
          <input type="date" {...field('to')} />
        </div>
        <div className="field">
          <button type="submit">{t('auditFilter')}</button>
        </div>
      </form>
      {log.error ? <ErrorNotice error={log.error} onRetry={() => void log.refetch()} /> : null}
      {!log.data && log.loading ? <Loading /> : null}
      {log.data && log.data.auditLog.events.length === 0 ? <EmptyState>{t('auditNothing')}</EmptyState> : null}
      {log.data && log.data.auditLog.events.length > 0 ? (
        <ol className="audit-list" aria-label={t('auditEvents')}>
          {log.data.auditLog.events.map((event, index) => (
            <AuditEntry key={`${event.occurredAt}-${event.entityId}-${index}`} event={event} say={say} />
          ))}
        </ol>
      ) : null}
      {log.data?.auditLog.nextCursor ? (
        <button type="button" className="secondary" disabled={log.loading} onClick={more}>
          {t('auditMore')}
        </button>
      ) : null}
    </section>
  );
}

function AuditEntry({ event, say }: { event: AuditEventRow; say: (prefix: 'op_' | 'entity_' | 'field_', name: string) => string }) {
  const { t, formatDateTime } = useLocale();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const lines = auditDiff(event.before, event.after);
  const value = (v: string | null) => (v === null ? t('auditEmpty') : v === 'true' ? t('auditYes') : v === 'false' ? t('auditNo') : v);
  /** The value before or after, with its side said to a screen reader on every cell. */
  const side = (which: 'before' | 'after'): Column<(typeof lines)[number]> => {
    const label = t(which === 'before' ? 'auditBefore' : 'auditAfter');
    return {
      key: which,
      header: label,
      cellClassName: `diff-${which}`,
      cell: (line) => (
        <>
          <span className="visually-hidden">{label}: </span>
          <span dir="auto">{value(line[which])}</span>
        </>
      ),
    };
  };
  return (
    <li className="panel audit-entry">
      <p className="audit-head">
        <strong>{say('op_', event.operation)}</strong> · {say('entity_', event.entityType)}
      </p>
      <p className="hint">
        {formatDateTime(event.occurredAt, zone)} · {event.actor?.name ?? t('auditSystem')}
      </p>
      {event.reason ? <p>{t('auditReason', { reason: event.reason })}</p> : null}
      {lines.length ? (
        <DataTable
          rows={lines}
          rowKey={(line) => line.field}
          className="audit-diff"
          columns={[
            { key: 'field', header: t('auditField'), rowHeader: true, cell: (line) => say('field_', line.field) },
            side('before'),
            side('after'),
          ]}
        />
      ) : null}
    </li>
  );
}
