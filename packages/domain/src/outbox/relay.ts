import type { EntityManager } from '@mikro-orm/postgresql';

/** Runs a statement with `$1`-style parameters on a given connection (pg-boss's `db` option). */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Hands the new deliveries to the queue, through the relay's own transaction. */
export type EnqueueDeliveries = (deliveryIds: readonly string[], transaction: SqlExecutor) => Promise<void>;

export interface RelayOutcome {
  /** Events published by this run. */
  readonly events: number;
  /** Deliveries created for them (one per subscribed, active endpoint). */
  readonly deliveries: number;
}

/** Events a relay run takes at most; the next run takes the rest. */
export const RELAY_BATCH = 200;

/**
 * Publishes committed outbox events, oldest first, in one transaction: takes unpublished events
 * (FOR UPDATE SKIP LOCKED: relays of several processes take different events and never wait for
 * each other), creates one delivery per event and subscribed endpoint, enqueues their jobs on
 * the same connection, and marks the events published. Either all of it commits or none, so an
 * event is published exactly once, and never before the change that wrote it has committed (an
 * uncommitted row is invisible here; a rolled-back one never existed).
 */
export async function relayOutbox(rootEm: EntityManager, now: Date, enqueue: EnqueueDeliveries, batch = RELAY_BATCH): Promise<RelayOutcome> {
  return rootEm.fork().transactional(async (em) => {
    const events = await em.execute<Array<{ id: string }>>(
      'select id from outbox_event where published_at is null order by created_at, id limit ? for update skip locked',
      [batch],
    );
    if (events.length === 0) return { events: 0, deliveries: 0 };
    const ids = JSON.stringify(events.map((event) => event.id));
    const deliveries = await em.execute<Array<{ id: string }>>(
      `insert into webhook_delivery (id, tenant_id, created_at, endpoint_id, event_id, status, attempts)
       select gen_random_uuid(), e.tenant_id, ?, w.id, e.id, 'PENDING', 0
         from outbox_event e
         join webhook_endpoint w on w.tenant_id = e.tenant_id and w.active and w.deleted_at is null and e.event_type = any(w.events)
        where e.id in (select jsonb_array_elements_text(?::jsonb)::uuid)
        order by e.created_at, e.id
       on conflict (endpoint_id, event_id) where replay_of_id is null do nothing
       returning id`,
      [now, ids],
    );
    await em.execute('update outbox_event set published_at = ? where id in (select jsonb_array_elements_text(?::jsonb)::uuid)', [now, ids]);
    if (deliveries.length > 0) await enqueue(deliveries.map((delivery) => delivery.id), transactionExecutor(em));
    return { events: events.length, deliveries: deliveries.length };
  });
}

/**
 * The connection of `em`'s open transaction, for a library that writes with `$1` parameters
 * (pg-boss): its rows then commit or roll back with ours.
 */
export function transactionExecutor(em: EntityManager): SqlExecutor {
  const transaction = em.getTransactionContext<{ client: { acquireConnection(): Promise<PgConnection> } }>();
  if (!transaction) throw new Error('transactionExecutor needs an open transaction');
  return {
    async executeSql(text, values) {
      const connection = await transaction.client.acquireConnection();
      const result = await connection.query(text, values);
      return { rows: result.rows };
    },
  };
}

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}
