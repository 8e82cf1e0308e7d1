/**
 * Lighthouse alone, several runs each, printed (docs/BENCHMARKS.md is left alone):
 *
 *   cd bench && TZ=UTC node --conditions=@clinic/source --import @swc-node/register/esm-register src/lighthouse-only.ts [runs] [mobile|desktop]
 *
 * Serves the built API and web app (apps/api/dist, apps/web/dist: build them first) over the
 * bench's demo data and runs Lighthouse on /sign-in and on /calendar signed in, `runs` times
 * each (default 3), printing every run with the load average at that moment and the median.
 * LIGHTHOUSE_JSON=<folder> keeps each run's report there (critical chains, LCP element...).
 */
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApi } from './lib/api-process.js';
import { login } from './lib/graphql.js';
import { loadAverage } from './lib/machine.js';
import { startBenchPostgres } from './lib/postgres.js';
import { DEMO_PASSWORD, prepareHttpWorld } from './sections/http-reads.js';
import { runLighthouse, type LighthouseRun } from './sections/web-app.js';

const runs = Number(process.argv[2] ?? 3);
const preset = process.argv[3] === 'desktop' ? 'desktop' : 'mobile';
const keep = process.env['LIGHTHOUSE_JSON'];
const say = (message: string) => process.stderr.write(`[lighthouse ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'clinic-lighthouse-'));
  const postgres = await startBenchPostgres();
  try {
    const world = await prepareHttpWorld(postgres);
    try {
      const api = await startBuiltApi({
        env: {
          DATABASE_URL: world.databaseUrl,
          DEMO_DATA: 'false',
          AUTH_SECRET: 'bench-secret-of-at-least-32-characters',
          DATA_DIR: join(scratch, 'unused-postgres'),
          LOG_LEVEL: 'warn',
        },
        logFile: join(scratch, 'api.log'),
      });
      try {
        const token = await login(api.url, 'reception@alnoor.test', DEMO_PASSWORD);
        const pages = [
          { name: '/sign-in', url: `${api.url}/sign-in`, cookie: undefined },
          { name: '/calendar', url: `${api.url}/calendar`, cookie: `clinic_session=${token}` },
        ];
        const rows: string[] = [];
        for (const page of pages) {
          const scores: number[] = [];
          for (let run = 1; run <= runs; run += 1) {
            const load = loadAverage();
            const figures = await runLighthouse(page.url, {
              ...(page.cookie ? { cookie: page.cookie } : {}),
              presets: [preset],
              ...(keep ? { keepReport: (json: string) => writeFileSync(join(keep, `${page.name.slice(1)}-${preset}-${run}.json`), json) } : {}),
            });
            if (figures.unavailable) throw new Error(figures.unavailable);
            const result = figures.runs[0] as LighthouseRun;
            scores.push(result.performance);
            const m = result.metrics;
            const row = `${page.name.padEnd(10)} ${preset} run ${run}: ${String(result.performance).padStart(3)}  FCP ${m['First Contentful Paint']}  LCP ${m['Largest Contentful Paint']}  TBT ${m['Total Blocking Time']}  CLS ${m['Cumulative Layout Shift']}  SI ${m['Speed Index']}  a11y ${result.accessibility}  (load ${load})`;
            say(row);
            rows.push(row);
          }
          rows.push(`${page.name.padEnd(10)} ${preset} median of ${runs}: ${median(scores)}`);
        }
        process.stdout.write(`${rows.join('\n')}\n`);
      } finally {
        await api.stop();
      }
    } finally {
      await world.close();
    }
  } finally {
    await postgres.stop();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  say(`failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
