import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { REPO_ROOT } from '../lib/api-process.js';

const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');
const BUNDLE_SCRIPT = join(REPO_ROOT, 'apps/web/scripts/bundle-size.mjs');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BundleFigures {
  /** The entry script and every modulepreload of dist/index.html. */
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  totalGzipBytes: number;
  css: Array<{ file: string; gzipBytes: number }>;
  /** What apps/web/scripts/bundle-size.mjs printed, when the web app has it. */
  scriptOutput?: string;
  scriptError?: string;
}

const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** First-load JavaScript: the files index.html makes the browser fetch before anything renders. */
export function measureBundle(): BundleFigures {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] as string);
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1] as string);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1] as string);
  const files = [...new Set([...scripts, ...preloads])].map((file) => {
    const path = join(WEB_DIST, file.replace(/^\//, ''));
    return { file, bytes: readFileSync(path).length, gzipBytes: gzipSize(path) };
  });
  const figures: BundleFigures = {
    files,
    totalGzipBytes: files.reduce((total, file) => total + file.gzipBytes, 0),
    css: styles.map((file) => ({ file, gzipBytes: gzipSize(join(WEB_DIST, file.replace(/^\//, ''))) })),
  };
  if (existsSync(BUNDLE_SCRIPT)) {
    try {
      figures.scriptOutput = execFileSync(process.execPath, [BUNDLE_SCRIPT], {
        cwd: join(REPO_ROOT, 'apps/web'),
        encoding: 'utf8',
        timeout: 60_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (error) {
      figures.scriptError = String((error as { stderr?: string }).stderr || (error as Error).message).slice(0, 2000);
    }
  }
  return figures;
}

export interface LighthouseRun {
  preset: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  metrics: Record<string, string>;
  /** Accessibility audits that failed, by title. */
  accessibilityFailures: string[];
  /** Scripts the page loaded, with their gzipped size from dist/. */
  scripts: Array<{ url: string; gzipBytes: number | null }>;
}

export interface LighthouseFigures {
  url: string;
  version: string;
  chromium: string;
  runs: LighthouseRun[];
  /** Why Lighthouse could not run, if it could not. */
  unavailable?: string;
}

/**
 * `cookie`: sent with every request of the page (a signed-in route: `clinic_session=<token>`);
 * `presets`: which runs (both by default); `keepReport`: receives each run's JSON report.
 */
export async function runLighthouse(
  url: string,
  options: { cookie?: string; presets?: ReadonlyArray<'mobile' | 'desktop'>; keepReport?: (json: string) => void } = {},
): Promise<LighthouseFigures> {
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'bench/node_modules/lighthouse/package.json'), 'utf8')) as { version: string }).version;
  if (!existsSync(CHROMIUM)) {
    return { url, version, chromium: 'missing', runs: [], unavailable: `${CHROMIUM} is not installed (apt-get update && apt-get install -y chromium)` };
  }
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const runs: LighthouseRun[] = [];
  try {
    for (const preset of options.presets ?? (['mobile', 'desktop'] as const)) {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
        },
        preset === 'desktop' ? desktopConfig : undefined,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      const { lhr } = result;
      if (options.keepReport) options.keepReport(JSON.stringify(lhr));
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const metric = (id: string) => lhr.audits[id]?.displayValue ?? 'n/a';
      const a11yRefs = lhr.categories['accessibility']?.auditRefs ?? [];
      const requests = (lhr.audits['network-requests']?.details as { items?: Array<{ url: string; resourceType?: string }> } | undefined)?.items ?? [];
      runs.push({
        preset,
        performance: Math.round((lhr.categories['performance']?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories['accessibility']?.score ?? 0) * 100),
        metrics: {
          'First Contentful Paint': metric('first-contentful-paint'),
          'Largest Contentful Paint': metric('largest-contentful-paint'),
          'Total Blocking Time': metric('total-blocking-time'),
          'Cumulative Layout Shift': metric('cumulative-layout-shift'),
          'Speed Index': metric('speed-index'),
        },
        accessibilityFailures: a11yRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((audit) => audit && audit.score === 0)
          .map((audit) => `${audit?.title}`),
        scripts: requests
          .filter((request) => request.resourceType === 'Script')
          .map((request) => {
            const path = join(WEB_DIST, new URL(request.url).pathname);
            return { url: new URL(request.url).pathname, gzipBytes: existsSync(path) ? gzipSize(path) : null };
          }),
      });
    }
  } catch (error) {
    return { url, version, chromium, runs, unavailable: `Lighthouse failed: ${(error as Error).message}` };
  } finally {
    chrome.kill();
  }
  return { url, version, chromium, runs };
}
