import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { securityHeaders } from './security-headers.js';

/** The directives of a Content-Security-Policy header, by name. */
function directivesOf(header: string | null): Record<string, string> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

const PAGE = '<!doctype html><html><head><title>x</title></head><body><div id="root"></div></body></html>';

let database: TestDatabase;
let server: TestServer;
let folders: string;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2, sqlPoolSize: 1 });
  folders = mkdtempSync(join(tmpdir(), 'clinic-headers-'));
  for (const app of ['web', 'explorer']) {
    mkdirSync(join(folders, app, 'assets'), { recursive: true });
    writeFileSync(join(folders, app, 'index.html'), PAGE);
    writeFileSync(join(folders, app, 'assets', 'app-1234.js'), 'console.log(1)');
  }
  server = await startTestServer({
    database: { orm: database.orm, isReachable: async () => true },
    webDist: join(folders, 'web'),
    explorerDist: join(folders, 'explorer'),
  });
});

afterAll(async () => {
  await server?.close();
  await database?.drop();
  rmSync(folders, { recursive: true, force: true });
});

const page = (path: string) => fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
const graphql = (body: string) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('security headers', () => {
  it('come with every kind of answer: web app, its files, explorer, API, API errors, health, not found', async () => {
    const answers = {
      'the web app': await page('/'),
      'a client-side route': await page('/patients'),
      'a built file': await fetch(`${server.url}/assets/app-1234.js`),
      'the explorer': await page('/explorer/'),
      'GraphQL': await graphql('{"query":"{ health }"}'),
      'a malformed request': await graphql('{not json'),
      'readiness': await fetch(`${server.url}/readyz`),
      'not found': await fetch(`${server.url}/nothing.js`),
    };
    expect(answers['the web app'].status).toBe(200);
    expect(answers['the explorer'].status).toBe(200);
    expect(answers['GraphQL'].status).toBe(200);
    expect(answers['a malformed request'].status).toBe(400);
    expect(answers['not found'].status).toBe(404);
    // A GraphQL answer is never revalidated (no-store, mostly POST): it is not hashed for an ETag.
    expect(answers['GraphQL'].headers.get('etag')).toBeNull();
    for (const [what, response] of Object.entries(answers)) {
      const csp = directivesOf(response.headers.get('content-security-policy'));
      expect(csp['frame-ancestors'], what).toBe("'none'");
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), what).toBe('DENY');
      expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
      // Plain HTTP: pinning the browser to HTTPS would be wrong here.
      expect(response.headers.get('strict-transport-security'), what).toBeNull();
      expect(response.headers.get('x-powered-by'), what).toBeNull();
    }
  });

  it('allow no inline script or style, no plug-in, no foreign origin in the web app', async () => {
    const csp = directivesOf((await page('/')).headers.get('content-security-policy'));
    expect(csp).toEqual({
      'default-src': "'self'",
      'base-uri': "'none'",
      'connect-src': "'self'",
      'font-src': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self'",
    });
    expect(Object.values(csp).join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('give the explorer the same policy, with its inline fonts', async () => {
    const app = directivesOf((await page('/')).headers.get('content-security-policy'));
    const explorer = directivesOf((await page('/explorer/')).headers.get('content-security-policy'));
    expect(explorer).toEqual({ ...app, 'font-src': "'self' data:" });
  });

  it('add Strict-Transport-Security only to a request that came over TLS', async () => {
    // TLS ends at a proxy that says so; express believes it only when told to trust the proxy.
    const app = express();
    app.set('trust proxy', true);
    app.use(securityHeaders({ explorerPath: '/explorer' }));
    app.get('/', (_req, res) => void res.send('ok'));
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const { port } = listening.address() as { port: number };
      const overTls = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-proto': 'https' } });
      const plain = await fetch(`http://127.0.0.1:${port}/`);
      expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      expect(overTls.headers.get('content-security-policy')).toBe(plain.headers.get('content-security-policy'));
    } finally {
      await new Promise((resolve) => listening.close(resolve));
    }
  });
});
