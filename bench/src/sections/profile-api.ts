import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startBuiltApi } from '../lib/api-process.js';
import { graphql, login } from '../lib/graphql.js';
import { monotonicMicros, summarizeProfile, type ProfileSummary } from '../lib/profile.js';
import { APPOINTMENTS_QUERY, CALENDAR_WEEK_QUERY, PACKAGE_PROGRESS_QUERY } from '../lib/operations.js';
import { DEMO_PASSWORD, type HttpWorld } from './http-reads.js';

export interface ApiProfiles {
  packageProgressUnderLoad: ProfileSummary;
  appointmentsConnection: ProfileSummary & { requests: number };
}

/**
 * Where the API process spends its CPU: the built server again, under `--cpu-prof`, (1) during
 * packageProgress at 32 connections and (2) during sequential appointments-connection requests.
 * A separate run: the profiler's own cost never touches the figures above.
 */
export async function profileApi(
  world: HttpWorld,
  connectionPurchaseId: string | undefined,
  seconds: number,
  /** The read under load (BENCH_ONLY=reads profiles the calendar week too); packageProgress by default. */
  read: 'packageProgress' | 'clinicCalendar' = 'packageProgress',
): Promise<ApiProfiles> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-bench-profile-'));
  const api = await startBuiltApi({
    // One process: --cpu-prof profiles the process it is given, not forked workers.
    env: { DATABASE_URL: world.databaseUrl, DEMO_DATA: 'false', AUTH_SECRET: 'bench-secret-of-at-least-32-characters', DATA_DIR: join(dir, 'postgres'), WEB_CONCURRENCY: '1' },
    logFile: join(dir, 'api.log'),
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let windows: { load: [number, number]; connection: [number, number]; requests: number };
  try {
    const token = await login(api.url, 'reception@alnoor.test', DEMO_PASSWORD);
    const body = JSON.stringify(
      read === 'clinicCalendar'
        ? { query: CALENDAR_WEEK_QUERY, variables: world.calendarWeek }
        : { query: PACKAGE_PROGRESS_QUERY, variables: { id: world.progressPurchaseId } },
    );
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    await autocannon({ url: `${api.url}/graphql`, method: 'POST', headers, body, connections: 32, duration: 1 });
    const loadFrom = monotonicMicros();
    await autocannon({ url: `${api.url}/graphql`, method: 'POST', headers, body, connections: 32, duration: seconds });
    const loadTo = monotonicMicros();
    let requests = 0;
    const connectionFrom = monotonicMicros();
    if (connectionPurchaseId) {
      const variables = { filter: { packagePurchaseId: connectionPurchaseId }, first: 100 };
      const until = performance.now() + seconds * 1000;
      while (performance.now() < until) {
        await graphql(api.url, APPOINTMENTS_QUERY, variables, token);
        requests += 1;
      }
    }
    windows = { load: [loadFrom, loadTo], connection: [connectionFrom, monotonicMicros()], requests };
  } finally {
    await api.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const path = join(dir, file);
  return {
    packageProgressUnderLoad: summarizeProfile(path, { fromMicros: windows.load[0], toMicros: windows.load[1] }),
    appointmentsConnection: {
      ...summarizeProfile(path, { fromMicros: windows.connection[0], toMicros: windows.connection[1] }),
      requests: windows.requests,
    },
  };
}
