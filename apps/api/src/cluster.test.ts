import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './testing/built-server.js';
import { isAlive, postgresPidIn, spawnBuiltApi, waitUntilReady, type ApiProcess } from './testing/api-process.js';

/**
 * Issue 16, item 3: WEB_CONCURRENCY=2 runs two HTTP workers on the one port beside the primary
 * (which keeps PostgreSQL, migrations and jobs); SIGTERM stops the workers, then the database,
 * and exits 0 with nothing left running. The built server, as `pnpm start` runs it.
 */

let root: string;
let api: ApiProcess | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clinic-cluster-'));
  chmodSync(root, 0o755);
  ensureServerBuilt();
}, 240_000);

afterAll(async () => {
  if (api && api.child.exitCode === null && api.child.signalCode === null) {
    api.child.kill('SIGKILL');
    await api.exited;
  }
  const leftover = postgresPidIn(join(root, 'postgres'));
  if (leftover && isAlive(leftover)) process.kill(leftover, 'SIGINT');
  rmSync(root, { recursive: true, force: true });
});

/** The node processes the primary forked (its HTTP workers). */
function workersOf(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).trim();
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'node')
    .map(([child]) => Number(child));
}

describe('WEB_CONCURRENCY', () => {
  it('serves from two workers, and on SIGTERM stops them, then PostgreSQL, and exits 0', async () => {
    const dataDir = join(root, 'postgres');
    api = spawnBuiltApi({ WEB_CONCURRENCY: '2', DATA_DIR: dataDir, DEMO_DATA: 'false', WEB_DIST: join(root, 'web') });
    const url = await api.ready;
    await waitUntilReady(url);
    expect(api.output()).toContain('"msg":"2 HTTP workers listening"');
    const workers = workersOf(api.child.pid!);
    expect(workers).toHaveLength(2);
    // Both answer on the one port: the API and its readiness, many times over.
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));

    api.child.kill('SIGTERM');
    const exit = await api.exited;
    expect(exit, api.output()).toEqual({ code: 0, signal: null });
    expect(workers.filter(isAlive)).toEqual([]);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(api.output()).toContain('"msg":"stopped"');
  }, 180_000);
});
