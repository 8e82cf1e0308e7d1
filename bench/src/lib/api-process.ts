import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findFreePort } from '../../../packages/domain/src/database/embedded-postgres.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const BUILT_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');

/** The variables main.js reads; the bench's own shell must not leak any of them in. */
const CONFIG_VARIABLES = [
  'PORT', 'HOST', 'DATABASE_URL', 'DATA_DIR', 'LOG_LEVEL', 'DEMO_DATA', 'WEB_DIST', 'EXPLORER_DIST', 'AUTH_SECRET', 'CLOCK_START',
];

export interface BuiltApi {
  readonly url: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readonly readyAfterMs: number;
  /** What it logged (stdout and stderr go to a file, so a busy log costs the bench nothing). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `node apps/api/dist/main.js` (what `pnpm start` runs after its build) and polls
 * /readyz every 25 ms until it answers 200. Times from the spawn, module loading included.
 */
export async function startBuiltApi(options: {
  env: Record<string, string>;
  logFile: string;
  timeoutMs?: number;
  /** Node options before the script, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Another build's main.js (e.g. an earlier commit's, to compare), instead of apps/api/dist/main.js. */
  main?: string;
}): Promise<BuiltApi> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_VARIABLES) delete env[name];
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1' }, options.env);
  const out = openSync(options.logFile, 'w');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.main ?? BUILT_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      done();
    }),
  );
  const log = () => readFileSync(options.logFile, 'utf8');
  const deadline = startedAt + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) throw new Error(`main.js exited (${JSON.stringify(exited)}) before it was ready:\n${log().slice(-4000)}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`main.js was not ready within ${options.timeoutMs ?? 120_000} ms:\n${log().slice(-4000)}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  const readyAfterMs = performance.now() - startedAt;
  return {
    url,
    child,
    readyAfterMs,
    log,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
