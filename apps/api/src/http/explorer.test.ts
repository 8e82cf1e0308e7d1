import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let explorerDist: string;
let webDist: string;
let server: TestServer;

beforeAll(async () => {
  explorerDist = mkdtempSync(join(tmpdir(), 'explorer-'));
  webDist = mkdtempSync(join(tmpdir(), 'web-'));
  mkdirSync(join(explorerDist, 'assets'));
  writeFileSync(join(explorerDist, 'index.html'), '<title>explorer</title>');
  writeFileSync(join(explorerDist, 'assets', 'graphiql.js'), 'console.log(1)');
  writeFileSync(join(webDist, 'index.html'), '<title>web app</title>');
  // Static files only: no query reaches this database, whose pool is a stand-in.
  const orm = { em: { getConnection: () => ({ getKnex: () => ({}) }) } };
  server = await startTestServer({ database: { orm: orm as never, isReachable: async () => true }, webDist, explorerDist });
});
afterAll(async () => {
  await server?.close();
  rmSync(explorerDist, { recursive: true, force: true });
  rmSync(webDist, { recursive: true, force: true });
});

it('serves the explorer from its own build at /explorer, and the web app elsewhere', async () => {
  const page = await fetch(`${server.url}/explorer/`, { headers: { accept: 'text/html' } });
  expect(await page.text()).toContain('explorer');
  const asset = await fetch(`${server.url}/explorer/assets/graphiql.js`);
  expect(asset.status).toBe(200);
  const app = await fetch(`${server.url}/patients`, { headers: { accept: 'text/html' } });
  expect(await app.text()).toContain('web app');
});
