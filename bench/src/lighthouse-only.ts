/**
 * Lighthouse alone, several runs each, printed (docs/BENCHMARKS.md is left alone):
 *
 *   cd bench && TZ=UTC node --conditions=@clinic/source --import @swc-node/register/esm-register src/lighthouse-only.ts [runs] [mobile|desktop]
 *
 * Serves the built API and web app (apps/api/dist, apps/web/dist: build them first) over the
 * bench's demo data and runs Lighthouse on /sign-in and on /calendar signed in, `runs` times
 * each (default 3), printing every run with the load average at that moment and the median.
 * LIGHTHOUSE_JSON=<folder> keeps each run's report there (critical chains, LCP element...).
 * LIGHTHOUSE_COMPARE=<another web build's folder> (e.g. `vite build --outDir` of an earlier
 * commit): a second server serves it, and each run measures both, one after the other, so that
 * the machine's load at that moment weighs on both alike. LIGHTHOUSE_WEB_DIST=<folder>: this
 * build's folder, if not apps/web/dist. LIGHTHOUSE_COMPARE_API=<another API build's main.js>: the
 * compared web build is served by it (an earlier server, to compare how pages are written).
 * LIGHTHOUSE_PAGES=/sign-in (or /calendar): that page only.
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'clinic-lighthouse-'));
  const postgres = await startBenchPostgres();
  try {
    const world = await prepareHttpWorld(postgres);
    try {
      const compare = process.env['LIGHTHOUSE_COMPARE'];
      const start = (name: string, webDist?: string, main?: string) =>
        startBuiltApi({
          ...(main ? { main } : {}),
          env: {
            DATABASE_URL: world.databaseUrl,
            DEMO_DATA: 'false',
            AUTH_SECRET: 'bench-secret-of-at-least-32-characters',
            DATA_DIR: join(scratch, 'unused-postgres'),
            LOG_LEVEL: 'warn',
            ...(webDist ? { WEB_DIST: webDist } : {}),
          },
          logFile: join(scratch, `api-${name}.log`),
        });
      const builds = [{ name: 'this build', api: await start('this', process.env['LIGHTHOUSE_WEB_DIST']) }];
      if (compare) builds.unshift({ name: 'compared', api: await start('compared', compare, process.env['LIGHTHOUSE_COMPARE_API']) });
      try {
        const token = await login(builds[0]!.api.url, 'reception@alnoor.test', DEMO_PASSWORD);
        const only = process.env['LIGHTHOUSE_PAGES']?.split(',');
        const pages = [
          { name: '/sign-in', path: '/sign-in', cookie: undefined },
          { name: '/calendar', path: '/calendar', cookie: `clinic_session=${token}` },
        ].filter((page) => !only || only.includes(page.name));
        const rows: string[] = [];
        for (const page of pages) {
          const scores = new Map<string, number[]>();
          for (let run = 1; run <= runs; run += 1) {
            for (const build of builds) {
              const load = loadAverage();
              const figures = await runLighthouse(`${build.api.url}${page.path}`, {
                ...(page.cookie ? { cookie: page.cookie } : {}),
                presets: [preset],
                ...(keep ? { keepReport: (json: string) => writeFileSync(join(keep, `${page.name.slice(1)}-${preset}-${build.name.replace(' ', '-')}-${run}.json`), json) } : {}),
              });
              if (figures.unavailable) throw new Error(figures.unavailable);
              const result = figures.runs[0] as LighthouseRun;
              scores.set(build.name, [...(scores.get(build.name) ?? []), result.performance]);
              const m = result.metrics;
              const row = `${page.name.padEnd(10)} ${preset} ${build.name.padEnd(10)} run ${run}: ${String(result.performance).padStart(3)}  FCP ${m['First Contentful Paint']}  LCP ${m['Largest Contentful Paint']}  TBT ${m['Total Blocking Time']}  CLS ${m['Cumulative Layout Shift']}  SI ${m['Speed Index']}  a11y ${result.accessibility}  (load ${load})`;
              say(row);
              rows.push(row);
            }
          }
          for (const [name, values] of scores) rows.push(`${page.name.padEnd(10)} ${preset} ${name.padEnd(10)} median of ${runs}: ${median(values)} (${values.join(', ')})`);
        }
        process.stdout.write(`${rows.join('\n')}\n`);
      } finally {
        for (const build of builds) await build.api.stop();
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
