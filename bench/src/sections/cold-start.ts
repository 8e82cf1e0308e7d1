import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApi } from '../lib/api-process.js';

export interface ColdStart {
  dataDir: 'empty' | 'seeded';
  seconds: number;
  /** What main.js itself logged: PostgreSQL + migrations, demo data, ready (from process start). */
  steps: Record<string, number>;
}

/**
 * Seconds from spawning `node apps/api/dist/main.js` (what `pnpm start` runs once built) until
 * /readyz answers 200: on an empty data folder (initdb, migrations, demo data) and again on the
 * folder that start left behind.
 */
export async function benchColdStart(options: { emptyRuns: number; seededRuns: number }): Promise<ColdStart[]> {
  const starts: ColdStart[] = [];
  for (let run = 0; run < options.emptyRuns; run += 1) {
    const root = mkdtempSync(join(tmpdir(), 'clinic-bench-cold-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the folder.
    chmodSync(root, 0o755);
    try {
      const env = { DATA_DIR: join(root, 'postgres'), DEMO_DATA: 'true', LOG_LEVEL: 'info' };
      const first = await startBuiltApi({ env, logFile: join(root, 'empty.log') });
      starts.push({ dataDir: 'empty', seconds: first.readyAfterMs / 1000, steps: stepsOf(first.log()) });
      await first.stop();
      if (run === 0) {
        for (let again = 0; again < options.seededRuns; again += 1) {
          const next = await startBuiltApi({ env, logFile: join(root, `seeded-${again}.log`) });
          starts.push({ dataDir: 'seeded', seconds: next.readyAfterMs / 1000, steps: stepsOf(next.log()) });
          await next.stop();
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return starts;
}

function stepsOf(log: string): Record<string, number> {
  const steps: Record<string, number> = {};
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; seconds?: number };
      if (typeof entry.seconds !== 'number' || !entry.msg) continue;
      if (entry.msg.startsWith('embedded PostgreSQL started')) steps['PostgreSQL start + migrations'] = entry.seconds;
      else if (entry.msg.startsWith('demo data')) steps[entry.msg] = entry.seconds;
      else if (entry.msg.startsWith('clinic API ready')) steps['ready (since process start)'] = entry.seconds;
    } catch {
      // not a log line of ours
    }
  }
  return steps;
}
