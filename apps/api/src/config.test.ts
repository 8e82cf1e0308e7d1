import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, REPO_ROOT, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs with nothing set: port 4000, embedded PostgreSQL under .data, demo data on', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: resolve(REPO_ROOT, '.data/postgres'),
      databasePoolMax: 10,
      databaseStatementTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      shutdownDrainMs: 5_000,
      shutdownTimeoutMs: 45_000,
      logLevel: 'info',
      demoData: true,
      webDist: resolve(REPO_ROOT, 'apps/web/dist'),
      explorerDist: resolve(REPO_ROOT, 'apps/explorer/dist'),
      authSecret: undefined,
      clockStart: undefined,
      trustProxy: false,
      jobsPollingMs: 1_000,
      webConcurrency: availableParallelism(),
    });
  });

  it('finds the repository root from its own folder', () => {
    expect(resolve(REPO_ROOT, 'apps/api/src/config.ts')).toBe(resolve(import.meta.dirname, 'config.ts'));
  });

  it('takes every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://clinic:secret@db.internal:5432/clinic',
      DATA_DIR: '/var/lib/clinic',
      DATABASE_POOL_MAX: '25',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      REQUEST_TIMEOUT_MS: '15000',
      SHUTDOWN_DRAIN_MS: '2000',
      SHUTDOWN_TIMEOUT_MS: '20000',
      LOG_LEVEL: 'debug',
      DEMO_DATA: 'false',
      WEB_DIST: '/srv/web',
      EXPLORER_DIST: '/srv/explorer',
      AUTH_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      CLOCK_START: '2026-11-24T06:00:00Z',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      JOBS_POLLING_MS: '500',
      WEB_CONCURRENCY: '3',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://clinic:secret@db.internal:5432/clinic',
      dataDir: '/var/lib/clinic',
      databasePoolMax: 25,
      databaseStatementTimeoutMs: 5000,
      requestTimeoutMs: 15_000,
      shutdownDrainMs: 2_000,
      shutdownTimeoutMs: 20_000,
      logLevel: 'debug',
      demoData: false,
      webDist: '/srv/web',
      explorerDist: '/srv/explorer',
      authSecret: 'a-secret-of-at-least-thirty-two-characters',
      clockStart: new Date('2026-11-24T06:00:00Z'),
      trustProxy: 'loopback,10.0.0.0/8',
      jobsPollingMs: 500,
      webConcurrency: 3,
    });
  });

  it('trusts a proxy only when told: a hop count, or addresses and subnets', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 4000, databaseUrl: undefined });
  });

  it('resolves relative folders against the working directory', () => {
    expect(loadConfig({ DATA_DIR: 'tmp/pg' }).dataDir).toBe(resolve(process.cwd(), 'tmp/pg'));
  });

  it('reports every invalid setting at once', () => {
    const attempt = () =>
      loadConfig({ PORT: '80a', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', DEMO_DATA: 'yes' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a whole number from 0 to 65535',
        'DATABASE_URL must be a postgres:// or postgresql:// URL',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'DEMO_DATA must be true or false',
      ]);
    }
  });

  it('refuses a pool of no connections, a fraction or a word', () => {
    for (const DATABASE_POOL_MAX of ['0', '2.5', 'ten', '-3', '1001']) {
      expect(() => loadConfig({ DATABASE_POOL_MAX }), DATABASE_POOL_MAX).toThrow(/DATABASE_POOL_MAX must be a whole number from 1 to 1000/);
    }
    expect(loadConfig({ DATABASE_POOL_MAX: '1' }).databasePoolMax).toBe(1);
  });

  it('takes a statement timeout of 0 (none) and refuses a request timeout under 100 ms or a word', () => {
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseStatementTimeoutMs).toBe(0);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '10s' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS must be a whole number from 0 to 3600000/);
    for (const REQUEST_TIMEOUT_MS of ['0', '99', '1.5', 'soon']) {
      expect(() => loadConfig({ REQUEST_TIMEOUT_MS }), REQUEST_TIMEOUT_MS).toThrow(/REQUEST_TIMEOUT_MS must be a whole number from 100 to 3600000/);
    }
  });

  it('refuses a shutdown deadline that leaves no time for the drain and the slowest request', () => {
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '0', REQUEST_TIMEOUT_MS: '1000' })).toMatchObject({ shutdownDrainMs: 0, shutdownTimeoutMs: 11_000 });
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: '5000', REQUEST_TIMEOUT_MS: '30000', SHUTDOWN_TIMEOUT_MS: '35000' })).toThrow(
      /SHUTDOWN_TIMEOUT_MS must exceed SHUTDOWN_DRAIN_MS plus REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ SHUTDOWN_DRAIN_MS: 'soon' })).toThrow(/SHUTDOWN_DRAIN_MS must be a whole number from 0 to 600000/);
  });

  it('takes the public address of the web app without its trailing slash, and refuses one with a query or another scheme', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://clinic.example.com/' }).publicUrl).toBe('https://clinic.example.com');
    for (const PUBLIC_URL of ['clinic.example.com', 'ftp://clinic.example.com', 'https://clinic.example.com/?a=1', 'https://user:pw@clinic.example.com']) {
      expect(() => loadConfig({ PUBLIC_URL }), PUBLIC_URL).toThrow(/PUBLIC_URL must be an http\(s\):\/\/ address/);
    }
  });

  it('refuses a port above 65535', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
