import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import { createServer, type ServerDependencies } from '../server.js';

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface TestServer {
  readonly url: string;
  /** Every JSON line the server logged, parsed. */
  readonly logLines: LogLine[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  database: ServerDependencies['database'];
  /** Defaults to an empty folder: the web app is not built. */
  webDist?: string;
  explorerDist?: string;
}

/** The API on a free port of 127.0.0.1, logging into memory. */
export async function startTestServer({ database, webDist, explorerDist }: TestServerOptions): Promise<TestServer> {
  const logLines: LogLine[] = [];
  const logger: Logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) },
  });
  const ownsWebDist = webDist === undefined;
  const servedWebDist = webDist ?? mkdtempSync(join(tmpdir(), 'clinic-web-none-'));
  const server = await createServer({
    database,
    config: { webDist: servedWebDist, ...(explorerDist ? { explorerDist } : {}) },
    logger,
    now: () => new Date('2026-03-02T09:00:00Z'),
  });
  const { url } = await server.listen(0, '127.0.0.1');
  return {
    url,
    logLines,
    async close() {
      await server.close();
      if (ownsWebDist) rmSync(servedWebDist, { recursive: true, force: true });
    },
  };
}
