import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  isAlive,
  postgresPidIn,
  spawnBuiltApi,
  waitUntilReady,
  type ApiProcess,
} from './testing/api-process.js';
import { ensureServerBuilt } from './testing/built-server.js';

/**
 * The built server, not the sources: circular ESM imports pass under vitest and crash `node
 * dist/main.js`, so this runs what `pnpm start` runs.
 */
beforeAll(ensureServerBuilt, 240_000);

let root: string;
let dataDir: string;
const started: ApiProcess[] = [];

const start = (env: Record<string, string> = { DEMO_DATA: 'false' }): ApiProcess => {
  const api = spawnBuiltApi({ DATA_DIR: dataDir, WEB_DIST: join(root, 'web'), ...env });
  started.push(api);
  return api;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'clinic-api-process-'));
  // As root, PostgreSQL runs as the `postgres` user, who must be able to enter the folder.
  chmodSync(root, 0o755);
  dataDir = join(root, 'postgres');
});

afterEach(async () => {
  // Whatever a failed test left behind: our node processes, then a PostgreSQL they left running.
  for (const api of started.splice(0)) {
    if (api.child.exitCode === null && api.child.signalCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
  }
  const leftover = postgresPidIn(dataDir);
  if (leftover && isAlive(leftover)) {
    process.kill(leftover, 'SIGINT');
    await expect.poll(() => isAlive(leftover), { timeout: 15_000 }).toBe(false);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the built API process', () => {
  it('starts on an empty data folder, becomes ready, and on SIGTERM stops PostgreSQL and exits 0', async () => {
    const api = start();
    await waitUntilReady(await api.ready);
    const postgresPid = postgresPidIn(dataDir);
    expect(postgresPid).toBeDefined();

    api.child.kill('SIGTERM');
    const exit = await api.exited;

    expect(exit, api.output()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(isAlive(postgresPid!)).toBe(false);
    expect(api.output()).toContain('"msg":"stopped"');
  });

  it('after its node process was killed, a new start stops the PostgreSQL left running and serves', async () => {
    const crashed = start();
    await waitUntilReady(await crashed.ready);
    const orphanPid = postgresPidIn(dataDir)!;
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    expect(isAlive(orphanPid)).toBe(true); // the situation start-up must clean up

    const api = start();
    await waitUntilReady(await api.ready);
    expect(isAlive(orphanPid)).toBe(false);
    expect(api.output()).toContain('stopping a leftover PostgreSQL');

    api.child.kill('SIGTERM');
    const exit = await api.exited;
    expect(exit, api.output()).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('loads the demo data into an empty database on the first start, and never again', async () => {
    for (const expected of ['demo data loaded', 'demo data already loaded']) {
      const api = start({}); // DEMO_DATA unset: on by default
      await waitUntilReady(await api.ready);
      api.child.kill('SIGTERM');
      expect(await api.exited, api.output()).toEqual({ code: 0, signal: null });
      expect(api.output()).toContain(`"msg":"${expected}"`);
    }
  });

  it('exits 1 and says why when the database cannot be reached at start-up', async () => {
    const api = start({ DEMO_DATA: 'false', DATABASE_URL: 'postgres://clinic:secret@127.0.0.1:1/clinic' });
    expect(await api.exited, api.output()).toEqual({ code: 1, signal: null });
    expect(api.output()).toContain('"msg":"start-up failed"');
  });

  it('exits 1 and names each invalid setting', async () => {
    const api = start({ PORT: 'eighty', DEMO_DATA: 'maybe' });
    expect(await api.exited, api.output()).toEqual({ code: 1, signal: null });
    expect(api.output()).toContain('PORT must be a whole number');
    expect(api.output()).toContain('DEMO_DATA must be true or false');
  });
});
