import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@clinic/domain/testing';
import express from 'express';
import { webAppRoutes } from './http/web-app.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** What the web build writes for a prerendered page (apps/web/vite.config.ts, pagePreloads). */
const SIGN_IN = {
  en: { plain: '<main><h1>Sign in</h1></main>', demo: '<main><h1>Sign in</h1><section data-demo-accounts>admin@alnoor.test</section></main>' },
  ar: { plain: '<main><h1>تسجيل الدخول</h1></main>', demo: '<main><h1>تسجيل الدخول</h1><section data-demo-accounts>admin@alnoor.test</section></main>' },
};
const CSS = ':root{color:#1d2a33}body{margin:0}';
const CALENDAR = {
  en: { plain: '<main><h1>Calendar</h1><p class="hint">Choose</p></main>', demo: '<main><h1>Calendar</h1><p class="hint">Choose</p></main>' },
  ar: { plain: '<main><h1>التقويم</h1></main>', demo: '<main><h1>التقويم</h1></main>' },
};
const CALENDAR_CSS = '.cal-toolbar{display:flex}';

let database: TestDatabase;
const reachable = () => ({ orm: database.orm, isReachable: async () => true });

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 2, sqlPoolSize: 1 });
});

afterAll(async () => {
  await database.drop();
});

const postGraphql = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('GraphQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: reachable() });
  });
  afterAll(() => server.close());

  it('answers Query.health', async () => {
    const response = await postGraphql(server.url, JSON.stringify({ query: '{ health }' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { health: 'ok' } });
  });

  it('refuses a body over 1 MB with 413 before parsing it', async () => {
    const query = `{ health } # ${'x'.repeat(1024 * 1024)}`;
    const response = await postGraphql(server.url, JSON.stringify({ query }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'request entity too large' });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await postGraphql(server.url, '{ "query": ');
    expect(response.status).toBe(400);
  });
});

describe('request ids', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: reachable() });
  });
  afterAll(() => server.close());

  it("keeps the caller's x-request-id, answers with it and logs the request under it", async () => {
    const response = await postGraphql(server.url, JSON.stringify({ query: '{ health }' }), {
      'x-request-id': 'trace-42',
    });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    await expect.poll(() => server.logLines.find((line) => line.requestId === 'trace-42')).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
  });

  it('makes up an id when the caller sends none, or one that could forge a log line', async () => {
    const none = await fetch(`${server.url}/healthz`);
    const forged = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'a\u00a0"b' } });
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs the probes at debug only', async () => {
    const response = await fetch(`${server.url}/readyz`, { headers: { 'x-request-id': 'probe-1' } });
    expect(response.status).toBe(200);
    await expect.poll(() => server.logLines.find((line) => line.requestId === 'probe-1')).toMatchObject({
      level: 'debug',
      path: '/readyz',
    });
  });
});

describe('the web app, built', () => {
  let server: TestServer;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'clinic-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(
      join(webDist, 'index.html'),
      '<!doctype html><html lang="en" dir="ltr"><head><title>Clinic packages</title>' +
        '<script type="module" crossorigin src="/assets/main-abc123.js"></script>' +
        '<link rel="stylesheet" crossorigin href="/assets/main-1.css">' +
        '</head><body><div id="root"><span class="brand" data-boot-brand>Clinic packages</span></div></body></html>',
    );
    writeFileSync(join(webDist, 'assets', 'main-1.css'), CSS);
    writeFileSync(join(webDist, 'assets', 'calendar-1.css'), CALENDAR_CSS);
    // What the web build writes beside it: each page's and each language's chunks.
    writeFileSync(
      join(webDist, 'preload.json'),
      JSON.stringify({
        pages: [
          { path: '/sign-in', scripts: ['/assets/sign-in-1.js'], styles: [], prerendered: SIGN_IN },
          { path: '/calendar', scripts: ['/assets/calendar-1.js', '/assets/shared-1.js'], styles: ['/assets/calendar-1.css'], prerendered: CALENDAR, signedIn: true },
          { path: '/patients/:patientId', scripts: ['/assets/patient-1.js', '/assets/shared-1.js'], styles: [] },
        ],
        locales: {
          en: { scripts: ['/assets/messages-1.js', '/assets/shared-1.js'], lang: 'en', dir: 'ltr', appName: 'Clinic packages' },
          ar: { scripts: ['/assets/messages-ar-1.js'], lang: 'ar', dir: 'rtl', appName: 'باقات العيادة' },
        },
      }),
    );
    writeFileSync(join(webDist, 'assets', 'main-abc123.js'), 'console.log("app")');
    // What the build writes beside each script: the same bytes, compressed.
    writeFileSync(join(webDist, 'assets', 'main-abc123.js.br'), brotliCompressSync('console.log("app")'));
    writeFileSync(join(webDist, 'assets', 'main-abc123.js.gz'), gzipSync('console.log("app")'));
    server = await startTestServer({ database: reachable(), webDist });
  });
  afterAll(async () => {
    await server.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const navigate = (path: string) => fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });

  it('serves index.html at /', async () => {
    const response = await navigate('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves index.html for a client-side route, so a reload keeps the page', async () => {
    const response = await navigate('/patients/123/packages');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<div id="root">');
  });

  it("writes the page in the reader's language and names its screen's and words' chunks for preloading", async () => {
    const preloads = (html: string) => [...html.matchAll(/<link rel="(?:modulepreload|preload)"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    const calendar = await navigate('/calendar');
    expect(calendar.headers.get('vary')).toMatch(/cookie/i);
    const english = await calendar.text();
    expect(english).toContain('<html lang="en" dir="ltr">');
    expect(preloads(english)).toEqual(['/assets/messages-1.js', '/assets/shared-1.js', '/assets/calendar-1.js', '/assets/calendar-1.css']);

    const arabic = await (await fetch(`${server.url}/patients/abc/`, { headers: { accept: 'text/html', cookie: 'clinic_locale=ar' } })).text();
    expect(arabic).toContain('<html lang="ar" dir="rtl">');
    expect(arabic).toContain('<title>باقات العيادة</title>');
    expect(arabic).toContain('<span class="brand" data-boot-brand>باقات العيادة</span>');
    expect(preloads(arabic)).toEqual(['/assets/messages-ar-1.js', '/assets/patient-1.js', '/assets/shared-1.js']);

    // A page the build names nothing for: its language's words only; a bad cookie reads as English.
    const other = await (await fetch(`${server.url}/patients/abc/edit`, { headers: { accept: 'text/html', cookie: 'clinic_locale=<x>' } })).text();
    expect(preloads(other)).toEqual(['/assets/messages-1.js', '/assets/shared-1.js']);
  });

  it('writes the style sheet inline and a prerendered page whole, painted before any script; the policy allows exactly those', async () => {
    const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const directive = (response: Response, name: string) =>
      response.headers.get('content-security-policy')!.split(';').find((part) => part.trim().split(/\s+/)[0] === name)!.trim().split(/\s+/).slice(1);

    const response = await fetch(`${server.url}/sign-in`, { headers: { accept: 'text/html', cookie: 'clinic_locale=ar', 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    const html = await response.text();
    // No demo data in this database: the page without the accounts, in the reader's language.
    expect(html).toContain(`<div id="root">${SIGN_IN.ar.plain}</div>`);
    expect(html).toContain(`<style>${CSS}</style>`);
    expect(html).not.toContain('rel="stylesheet"');
    // Its scripts are asked for by one inline script once the page is on screen, not by the HTML.
    expect(html).not.toMatch(/<script[^>]*\ssrc=|rel="modulepreload"/);
    const inline = [...html.matchAll(/<script type="module">([^<]*)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1);
    for (const file of ['/assets/main-abc123.js', '/assets/messages-ar-1.js', '/assets/sign-in-1.js']) expect(inline[0]).toContain(`"${file}"`);
    expect(directive(response, 'script-src')).toEqual(["'self'", sha256(inline[0]!)]);
    expect(directive(response, 'style-src')).toEqual(["'self'", sha256(CSS)]);
    expect(directive(response, 'script-src-attr')).toEqual(["'none'"]);

    // Another page: the style sheet inline too, but its scripts as the build named them, no inline script.
    const calendar = await fetch(`${server.url}/calendar`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(calendar.headers.get('content-encoding')).toBe('gzip');
    const calendarHtml = await calendar.text();
    expect(calendarHtml).toContain(`<style>${CSS}</style>`);
    expect(calendarHtml).toContain('<script type="module" crossorigin src="/assets/main-abc123.js"></script>');
    expect(calendarHtml).toContain('<span class="brand" data-boot-brand>Clinic packages</span>');
    expect(directive(calendar, 'script-src')).toEqual(["'self'"]);
    expect(directive(calendar, 'style-src')).toEqual(["'self'", sha256(CSS)]);
    expect(calendarHtml).not.toContain(CALENDAR.en.plain);

    // The same page with a session cookie: its data-free first view painted in #root, with its
    // screen's style sheet inline too; its scripts asked for after the first paint, as sign-in's.
    for (const [cookie, painted] of [['clinic_session=abc', CALENDAR.en.plain], ['clinic_session=abc; clinic_locale=ar', CALENDAR.ar.plain]] as const) {
      const signedIn = await fetch(`${server.url}/calendar`, { headers: { accept: 'text/html', cookie } });
      const signedInHtml = await signedIn.text();
      expect(signedInHtml).toContain(`<div id="root">${painted}</div>`);
      expect(signedInHtml).toContain(`<style>${CSS}\n${CALENDAR_CSS}</style>`);
      expect(signedInHtml).not.toMatch(/<script[^>]*\ssrc=|rel="modulepreload"/);
      const boot = [...signedInHtml.matchAll(/<script type="module">([^<]*)<\/script>/g)].map((m) => m[1]!);
      expect(boot).toHaveLength(1);
      for (const file of ['/assets/main-abc123.js', '/assets/calendar-1.js', '/assets/shared-1.js']) expect(boot[0]).toContain(`"${file}"`);
      expect(directive(signedIn, 'script-src')).toEqual(["'self'", sha256(boot[0]!)]);
      expect(directive(signedIn, 'style-src')).toEqual(["'self'", sha256(`${CSS}\n${CALENDAR_CSS}`)]);
    }
  });

  it('writes the demo accounts into the prerendered page only when the installation holds them, and without them when it cannot tell', async () => {
    const answers: Array<() => Promise<boolean>> = [async () => true, async () => false, () => Promise.reject(new Error('database down'))];
    for (const [demoInstallation, expected] of answers.map((answer, i) => [answer, [SIGN_IN.en.demo, SIGN_IN.en.plain, SIGN_IN.en.plain][i]!] as const)) {
      const app = express().use(webAppRoutes({ webDist, apiPaths: [], demoInstallation }));
      const listening = app.listen(0, '127.0.0.1');
      await once(listening, 'listening');
      try {
        const { port } = listening.address() as AddressInfo;
        const html = await (await fetch(`http://127.0.0.1:${port}/sign-in`, { headers: { accept: 'text/html' } })).text();
        expect(html).toContain(`<div id="root">${expected}</div>`);
      } finally {
        listening.close();
      }
    }
  });

  it('serves hashed assets as they are, cached for good', async () => {
    const response = await fetch(`${server.url}/assets/main-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log("app")');
  });

  it('sends the compressed copy the browser accepts, with the script type, cached for good', async () => {
    for (const [accepted, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
      const response = await fetch(`${server.url}/assets/main-abc123.js`, { headers: { 'accept-encoding': accepted } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(await response.text()).toBe('console.log("app")');
    }
  });

  it('answers 404 for a missing file rather than the app', async () => {
    const response = await navigate('/assets/gone.js');
    expect(response.status).toBe(404);
  });

  it('never answers an API path with the app', async () => {
    const healthz = await navigate('/healthz');
    expect(await healthz.json()).toEqual({ status: 'ok' });
    const graphql = await navigate('/graphql');
    expect(await graphql.text()).not.toContain('<div id="root">');
  });

  it('answers 404 to a request that does not want HTML', async () => {
    const response = await fetch(`${server.url}/patients`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not found' });
  });
});

describe('the web app, not built', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: reachable() });
  });
  afterAll(() => server.close());

  it('says so at /', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('The web app is not built');
  });
});
