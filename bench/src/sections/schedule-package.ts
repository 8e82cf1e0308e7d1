import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, ormConfig, schedulePackage, type Database, type SchedulePackageInput } from '@clinic/domain';
import { createClinicFixture } from '@clinic/domain/testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { BenchPostgres } from '../lib/postgres.js';
import { median, percentile } from '../lib/stats.js';
import { isTransactionControl } from '../lib/orm.js';

export interface ScheduleFigure {
  sessions: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Every statement of one call, transaction control included. */
  statements: number;
  /** Of those, begin/commit. */
  transactionStatements: number;
  statementList: string[];
}

export interface ScheduleFigures {
  existingAppointments: number;
  provider: string;
  figures: ScheduleFigure[];
  notes: string[];
}

export const SCHEDULE_SIZES = [10, 50, 100] as const;

/**
 * schedulePackage of 10, 50 and 100 sessions for a provider who already has 1,000 appointments
 * spread over the year the new purchases may use. Each run schedules a fresh purchase of a new
 * patient; afterwards its appointments are deleted (outside the timing) so every run sees the same
 * 1,000. Timing uses the ORM exactly as the server configures it (no query logger); the statement
 * count comes from one more call through a second ORM whose `onQuery` counts.
 */
export async function benchSchedulePackage(postgres: BenchPostgres, options: { runs: number; warmups: number }): Promise<ScheduleFigures> {
  const url = await postgres.createDatabase('bench_schedule');
  const database: Database = await openDatabase({ databaseUrl: url, dataDir: mkdtempSync(join(tmpdir(), 'clinic-bench-unused-')) });
  const counted: string[] = [];
  const countingOrm = await MikroORM.init(ormConfig({ clientUrl: url, onQuery: (sql) => counted.push(sql) }));
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  const notes: string[] = [];
  try {
    const now = new Date('2026-03-01T05:00:00Z'); // Sunday 08:00 in Riyadh
    const startDate = '2026-03-02';
    const fx = await createClinicFixture(database.orm, { slug: 'bench-schedule' });
    const provider = fx.provider;

    // 1,000 appointments: four patients with 250-session purchases, one session a working day
    // each, so the provider has 4 of 9 daily slots taken for about a year.
    const big = await fx.addPackage({
      lines: [
        { service: fx.therapy, sessions: 200 },
        { service: fx.assessment, sessions: 50 },
      ],
      validityDays: 400,
      nameEn: 'Year of sessions',
    });
    for (let index = 0; index < 4; index += 1) {
      const patient = await fx.addPatient();
      const purchase = await fx.buyPackage({ now, patient, pkg: big });
      const result = await schedulePackage(fx.context('RECEPTIONIST', now), {
        packagePurchaseId: purchase.id,
        providerId: provider.id,
        startDate,
      });
      if (!result.ok) throw new Error(`seeding the calendar failed: ${result.error.code} ${result.error.message}`);
      if (result.value.schedulingErrors.length) {
        throw new Error(`seeding the calendar left sessions unplaced: ${JSON.stringify(result.value.schedulingErrors.slice(0, 3))}`);
      }
    }
    const existingAppointments = await countAppointments(sql, provider.id);
    if (existingAppointments !== 1000) throw new Error(`expected 1,000 appointments, found ${existingAppointments}`);
    const span = await sql.query<{ first: Date; last: Date }>(
      'select min(starts_at) as first, max(starts_at) as last from appointment where provider_id = $1',
      [provider.id],
    );
    notes.push(
      `The provider's 1,000 appointments run from ${span.rows[0]?.first.toISOString().slice(0, 10)} to ${span.rows[0]?.last.toISOString().slice(0, 10)} (4 of 9 daily 45-minute slots, Sunday to Thursday), all inside the window each measured call loads.`,
    );

    const figures: ScheduleFigure[] = [];
    for (const sessions of SCHEDULE_SIZES) {
      const pkg = await fx.addPackage({ lines: [{ service: fx.therapy, sessions }], validityDays: 365, nameEn: `${sessions} sessions` });
      const times: number[] = [];
      const runOnce = async (context: ReturnType<typeof fx.context>) => {
        const patient = await fx.addPatient();
        const purchase = await fx.buyPackage({ now, patient, pkg });
        const input: SchedulePackageInput = { packagePurchaseId: purchase.id, providerId: provider.id, startDate };
        const started = performance.now();
        const result = await schedulePackage(context, input);
        const elapsed = performance.now() - started;
        if (!result.ok) throw new Error(`schedulePackage refused: ${result.error.code} ${result.error.message}`);
        if (result.value.appointments.length !== sessions || result.value.schedulingErrors.length) {
          throw new Error(`schedulePackage placed ${result.value.appointments.length} of ${sessions}: ${JSON.stringify(result.value.schedulingErrors.slice(0, 3))}`);
        }
        // Outside the timing: back to exactly 1,000 appointments for the next run.
        await sql.query('delete from appointment where package_purchase_id = $1', [purchase.id]);
        return elapsed;
      };
      for (let run = 0; run < options.warmups; run += 1) await runOnce(fx.context('RECEPTIONIST', now));
      for (let run = 0; run < options.runs; run += 1) times.push(await runOnce(fx.context('RECEPTIONIST', now)));

      counted.length = 0;
      await runOnce({ em: countingOrm.em.fork(), actor: fx.actor('RECEPTIONIST'), now });
      const statementList = counted.map((line) => line.replace(/^\[query\] /, '').replace(/ \[took .*\]$/, ''));
      figures.push({
        sessions,
        runs: times.length,
        medianMs: median(times),
        p95Ms: percentile(times, 95),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        statements: statementList.length,
        transactionStatements: statementList.filter(isTransactionControl).length,
        statementList,
      });
    }
    return { existingAppointments, provider: provider.name, figures, notes };
  } finally {
    await sql.end();
    await countingOrm.close(true);
    await database.close();
  }
}

async function countAppointments(sql: pg.Pool, providerId: string): Promise<number> {
  const result = await sql.query<{ count: string }>('select count(*) from appointment where provider_id = $1', [providerId]);
  return Number(result.rows[0]?.count);
}
