import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClinicFixture, createTestDatabase, type ClinicFixture, type TestDatabase } from '@clinic/domain/testing';
import { createLogger } from '../logger.js';
import { QUEUES, startJobs, type Jobs } from './jobs.js';

/** Tuesday 2026-11-24, 08:00 in Riyadh; a 90-day package bought then expires 2027-02-22. */
const NOW = new Date('2026-11-24T05:00:00Z');
const AFTER_EXPIRY = new Date('2027-03-01T05:00:00Z');
const quiet = createLogger({ level: 'silent' });

describe('background jobs on pg-boss, in the application database', () => {
  let db: TestDatabase;
  let fx: ClinicFixture;
  const started: Jobs[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
    fx = await createClinicFixture(db.orm);
  });
  afterAll(async () => {
    await Promise.all(started.map((jobs) => jobs.stop(1_000)));
    await db?.drop();
  });

  const start = async () => {
    const jobs = await startJobs({ url: db.url, orm: db.orm, logger: quiet, now: () => AFTER_EXPIRY, pollingIntervalSeconds: 0.5 });
    started.push(jobs);
    return jobs;
  };

  it('two processes starting together sweep expired purchases once, and schedule the sweep once', async () => {
    const purchase = await fx.buyPackage({ now: NOW });

    await Promise.all([start(), start()]);

    await vi.waitFor(
      async () => {
        const { rows } = await db.sql.query<{ status: string }>('select status from package_purchase where id = $1', [purchase.id]);
        expect(rows[0]?.status).toBe('EXPIRED');
      },
      { timeout: 10_000, interval: 100 },
    );
    const events = await db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_event where entity_id = $1 and operation = 'expirePurchases'`,
      [purchase.id],
    );
    expect(events.rows[0]?.n).toBe(1);

    // One start-up job per singleton slot (a minute) for both processes: two starts that fall on
    // either side of a minute's end make one job each, never two in one slot. One row per schedule.
    const jobs = await db.sql.query<{ n: number; slots: number }>(
      `select count(*)::int as n, count(distinct singleton_on)::int as slots from pgboss.job where name = $1`,
      [QUEUES.expirePurchases],
    );
    expect(jobs.rows[0]?.n).toBeGreaterThanOrEqual(1);
    expect(jobs.rows[0]?.n).toBe(jobs.rows[0]?.slots);
    const schedules = await db.sql.query<{ name: string; cron: string }>('select name, cron from pgboss.schedule order by name');
    expect(schedules.rows).toEqual([
      { name: QUEUES.expirePurchases, cron: '5 * * * *' },
      { name: QUEUES.lapseWaitlistOffers, cron: '* * * * *' },
      { name: QUEUES.purgeIdempotencyKeys, cron: '35 * * * *' },
    ]);
  });

  it('stops gracefully: the queue reports stopped and takes no more work', async () => {
    const jobs = started.pop() as Jobs;
    const stopped = new Promise<void>((resolve) => jobs.boss.once('stopped', () => resolve()));
    const begin = performance.now();
    await jobs.stop(1_000);
    await stopped;
    expect(performance.now() - begin).toBeLessThan(5_000);
    await expect(jobs.boss.send(QUEUES.expirePurchases, {})).rejects.toThrow();
  });
});
