import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.js';

export interface ApiProcess {
  readonly child: ChildProcess;
  /** Resolves with the URL from the "ready" log line; rejects if the process exits first. */
  readonly ready: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it printed so far, for failure messages. */
  output(): string;
}

const CONFIG_VARIABLES = ['PORT', 'HOST', 'DATABASE_URL', 'DATA_DIR', 'LOG_LEVEL', 'DEMO_DATA', 'WEB_DIST', 'SHUTDOWN_DRAIN_MS', 'SHUTDOWN_TIMEOUT_MS', 'WEB_CONCURRENCY'];

export const BUILT_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');

/**
 * Runs the built server as `pnpm start` does, on a port the system picks (PORT=0). Tests stop it
 * with SIGTERM, so its drain delay is 0 unless the test sets SHUTDOWN_DRAIN_MS.
 */
export function spawnBuiltApi(env: Record<string, string>): ApiProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // The caller's shell must not leak in: only what the test says, over the defaults.
  for (const name of CONFIG_VARIABLES) delete childEnv[name];
  // One process unless the test asks for workers (WEB_CONCURRENCY).
  Object.assign(childEnv, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '0', WEB_CONCURRENCY: '1' }, env);
  const child = spawn(process.execPath, [BUILT_MAIN], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = readyUrlIn(output);
      if (url) resolve(url);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`the API exited (code ${code}, signal ${signal}) before it was ready:\n${output}`)),
    );
  });
  ready.catch(() => undefined); // a caller that never awaits `ready` must not crash the run
  return { child, ready, exited, output: () => output };
}

function readyUrlIn(output: string): string | undefined {
  // Only whole lines: a chunk may end in the middle of one.
  const lines = output.slice(0, output.lastIndexOf('\n') + 1).split('\n');
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg?.startsWith('clinic API ready') && entry.url) return entry.url;
  }
  return undefined;
}

/** Polls `/readyz` until it answers 200. */
export async function waitUntilReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The pid PostgreSQL wrote in its data folder, while it runs. */
export function postgresPidIn(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
