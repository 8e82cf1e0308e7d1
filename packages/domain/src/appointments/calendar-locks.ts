import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Whoever writes to the calendars of the same providers or patient takes turns: a booking, a
 * package being scheduled, a series being moved. Transaction-scoped advisory locks on the ids,
 * taken in one sorted order (so two writers cannot deadlock on them), held until the transaction
 * ends. The writer that waited then reads the calendar as the other left it, and refuses a taken
 * time with SLOT_TAKEN rather than racing it to the database's no-overlap constraints (which stay
 * the guarantee: several inserts racing there can deadlock one another, and lose as CONFLICT).
 */
export async function lockCalendars(em: EntityManager, ids: readonly string[]): Promise<void> {
  const keys = [...new Set(ids)].sort();
  if (keys.length === 0) return;
  // em.execute runs inside this transaction; the lock lives until it commits.
  await em.execute(
    `select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array[${keys.map(() => '?').join(', ')}]::text[]) as k order by k`,
    keys,
  );
}
