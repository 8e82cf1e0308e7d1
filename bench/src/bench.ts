/**
 * `pnpm bench`: measures what issue 7 asks and writes docs/BENCHMARKS.md. Figures are written
 * down, never asserted: a benchmark that misses its goal is reported, not failed.
 *
 * BENCH_SKIP_BUILD=1 skips `pnpm build` (the built API and web app must then be current).
 * BENCH_ONLY=reads measures only the read throughput (section 2) and prints it to the console,
 * leaving docs/BENCHMARKS.md as it is (a partial run never replaces the whole report);
 * BENCH_PROFILE=1 adds the profiled run of each read.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApi, REPO_ROOT } from './lib/api-process.js';
import { login } from './lib/graphql.js';
import { busyOtherProcesses, describeMachine, loadAverage } from './lib/machine.js';
import { startBenchPostgres, type BenchPostgres } from './lib/postgres.js';
import { benchSchedulePackage } from './sections/schedule-package.js';
import { benchAppointmentsConnection, benchReadThroughput, DEMO_PASSWORD, prepareHttpWorld, type ConnectionFigures } from './sections/http-reads.js';
import { profileApi } from './sections/profile-api.js';
import { measureBundle, runLighthouse } from './sections/web-app.js';
import { benchColdStart } from './sections/cold-start.js';
import { benchPlannerQuality } from './sections/planner-quality.js';
import { renderReport, type BenchResults, type Outcome } from './report.js';

const REPORT = join(REPO_ROOT, 'docs/BENCHMARKS.md');
const say = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function attempt<T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  say(`${name}...`);
  try {
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    say(`${name}: done in ${seconds.toFixed(1)} s`);
    return { ok: true, value, seconds };
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    say(`${name}: FAILED ${(error as Error).stack ?? error}`);
    return { ok: false, error: String((error as Error).message ?? error).slice(0, 3000), seconds };
  }
}

function build(): { ran: boolean; seconds: number; error?: string } {
  if (process.env['BENCH_SKIP_BUILD'] === '1') return { ran: false, seconds: 0 };
  const started = performance.now();
  // Under `pnpm bench`, npm_execpath is the running pnpm; otherwise fetch the pinned one.
  const execPath = process.env['npm_execpath'];
  const [command, args] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, 'build']] : ['npx', ['-y', 'pnpm@10.34.9', 'build']];
  const result = spawnSync(command, args as string[], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) return { ran: true, seconds, error: `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().slice(-3000) };
  return { ran: true, seconds };
}

/** BENCH_ONLY=reads: section 2 alone, printed (ratios from the same run, CPU ms per request). */
async function readsOnly(): Promise<void> {
  say(`load average before: ${loadAverage()}`);
  const built = build();
  if (built.error) throw new Error(`build failed:\n${built.error}`);
  const scratch = mkdtempSync(join(tmpdir(), 'clinic-bench-'));
  const postgres = await startBenchPostgres();
  try {
    const world = await prepareHttpWorld(postgres);
    try {
      const api = await startBuiltApi({
        env: { DATABASE_URL: world.databaseUrl, DEMO_DATA: 'false', AUTH_SECRET: 'bench-secret-of-at-least-32-characters', DATA_DIR: join(scratch, 'unused-postgres'), LOG_LEVEL: 'info' },
        logFile: join(scratch, 'api.log'),
      });
      let figures: Awaited<ReturnType<typeof benchReadThroughput>>;
      try {
        const token = await login(api.url, 'reception@alnoor.test', DEMO_PASSWORD);
        figures = await benchReadThroughput(world, { url: api.url, token, pid: api.child.pid, postgresDataDir: postgres.dataDir }, { connections: 32, seconds: 10, warmupSeconds: 3 });
      } finally {
        await api.stop();
      }
      const round = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toFixed(digits));
      for (const f of figures) {
        const cpu = f.cpuPerRequest;
        process.stdout.write(
          `${f.name}: statements ${f.statements.length}; HTTP ${round(f.http.requestsPerSecond)}/s p50 ${f.http.p50Ms} p99 ${f.http.p99Ms} (errors ${f.http.errors + f.http.non2xx}); ` +
            `replay ${round(f.raw.requestsPerSecond)}/s p99 ${round(f.raw.p99Ms, 1)}; handler ${round(f.handler?.requestsPerSecond)}/s p99 ${f.handler?.p99Ms}; ` +
            `HTTP ÷ replay ${round(f.ratio * 100)} %, HTTP ÷ handler ${round((f.handler?.ratio ?? 0) * 100)} %, p99 ÷ handler's ${round(f.http.p99Ms / (f.handler?.p99Ms ?? Number.NaN), 1)}×; ` +
            `CPU ms per request: API ${round(cpu?.http.api, 2)}, PostgreSQL ${round(cpu?.http.postgres, 2)}\n`,
        );
      }
      if (process.env['BENCH_PROFILE'] === '1') {
        for (const read of ['packageProgress', 'clinicCalendar'] as const) {
          const profile = await profileApi(world, undefined, 4, read);
          process.stdout.write(`\nprofile of ${read} under load (${round(profile.packageProgressUnderLoad.totalMs)} ms):\n`);
          for (const f of profile.packageProgressUnderLoad.topFunctions.slice(0, 25)) process.stdout.write(`  ${round(f.ms).padStart(5)} ms ${round(f.share * 100).padStart(3)} %  ${f.name}\n`);
          for (const p of profile.packageProgressUnderLoad.byPackage.slice(0, 12)) process.stdout.write(`  [${p.name}] ${round(p.ms)} ms\n`);
        }
      }
    } finally {
      await world.close();
    }
  } finally {
    await postgres.stop();
  }
  say(`load average after: ${loadAverage()}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const loadBefore = loadAverage();
  const busyBefore = busyOtherProcesses();
  const scratch = mkdtempSync(join(tmpdir(), 'clinic-bench-'));

  say('building (pnpm build)...');
  const built = build();
  say(built.error ? `build FAILED after ${built.seconds.toFixed(1)} s; going on with what is built` : `build: ${built.seconds.toFixed(1)} s`);

  let postgres: BenchPostgres | undefined;
  const results: Partial<BenchResults> = { build: built };
  try {
    postgres = await startBenchPostgres();
    const pgServer = postgres;
    results.schedule = await attempt('(a) schedulePackage', () => benchSchedulePackage(pgServer, { runs: 15, warmups: 2 }));

    const world = await prepareHttpWorld(pgServer);
    try {
      const api = await startBuiltApi({
        env: {
          DATABASE_URL: world.databaseUrl,
          DEMO_DATA: 'false',
          AUTH_SECRET: 'bench-secret-of-at-least-32-characters',
          DATA_DIR: join(scratch, 'unused-postgres'),
          LOG_LEVEL: 'info',
        },
        logFile: join(scratch, 'api.log'),
      });
      try {
        const token = await login(api.url, 'reception@alnoor.test', DEMO_PASSWORD);
        const target = { url: api.url, token, pid: api.child.pid, postgresDataDir: pgServer.dataDir };
        results.connection = await attempt('(c) appointments connection', () => benchAppointmentsConnection(world, target, 30));
        results.throughput = await attempt('(b) read throughput', () =>
          benchReadThroughput(world, target, { connections: 32, seconds: 10, warmupSeconds: 3 }),
        );
        results.bundle = await attempt('(d) first-load JavaScript', async () => measureBundle());
        results.lighthouse = await attempt('(d) Lighthouse', () => runLighthouse(`${api.url}/sign-in`));
        // The calendar route signed in (the session cookie the web app would hold).
        results.lighthouseCalendar = await attempt('(d) Lighthouse /calendar', () => runLighthouse(`${api.url}/calendar`, { cookie: `clinic_session=${token}` }));
      } finally {
        await api.stop();
      }
      const connection = results.connection?.ok ? (results.connection.value as ConnectionFigures) : undefined;
      results.profiles = await attempt('where the API spends its CPU (profiled run)', () => profileApi(world, connection?.purchaseId, 4));
    } finally {
      await world.close();
    }
  } finally {
    await postgres?.stop();
  }
  results.plannerQuality = await attempt('(f) scheduler 2 beside scheduler 1', async () => benchPlannerQuality());
  results.coldStart = await attempt('(e) cold start', () => benchColdStart({ emptyRuns: 2, seededRuns: 3 }));

  const report = renderReport({
    ...(results as BenchResults),
    machine: describeMachine(postgres?.version ?? 'unknown'),
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    loadBefore,
    loadAfter: loadAverage(),
    busyBefore,
    busyAfter: busyOtherProcesses(),
  });
  writeFileSync(REPORT, report);
  say(`wrote ${REPORT} (${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}

try {
  if (process.env['BENCH_ONLY'] === 'reads') await readsOnly();
  else if (process.env['BENCH_ONLY']) throw new Error(`BENCH_ONLY=${process.env['BENCH_ONLY']}: only "reads" is known`);
  else await main();
  // Lighthouse and autocannon may leave handles behind; everything of ours is closed.
  process.exit(0);
} catch (error) {
  say(`bench failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
