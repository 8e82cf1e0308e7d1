import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { TODAY } from './support/clock.js';

const PORT = Number(process.env['E2E_PORT'] ?? 4310);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// One fresh embedded database per run, made once by the main process and inherited by workers;
// the main process removes it when it exits, after the server has stopped.
if (!process.env['E2E_DATA_DIR']) {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinic-e2e-pg-'));
  process.env['E2E_DATA_DIR'] = dataDir;
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    timezoneId: 'Asia/Riyadh',
    locale: 'en-US',
    // A step that cannot happen fails in seconds rather than at the test's timeout.
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    // DOM snapshots show every step in the trace viewer; the screencast would cost a quarter of the run.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium: nothing here downloads a browser of its own.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // `pnpm start`'s code path, built by the root test command before this runs.
    command: 'node ../apps/api/dist/main.js',
    cwd: resolve(import.meta.dirname),
    url: `${BASE_URL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Its warnings and errors (JSON lines) show in the run's output, prefixed [WebServer].
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM lets the server stop its PostgreSQL cleanly before the data folder is removed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: process.env['E2E_DATA_DIR'],
      DEMO_DATA: 'true',
      CLOCK_START: TODAY.toISOString(),
      LOG_LEVEL: 'warn',
      // No load balancer to warn: stop at once when the run ends.
      SHUTDOWN_DRAIN_MS: '0',
    },
  },
});
