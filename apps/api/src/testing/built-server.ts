import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../config.js';

const SCRIPT = fileURLToPath(new URL('./build-if-stale.mjs', import.meta.url));
const LOCK = join(tmpdir(), `clinic-build-${Buffer.from(REPO_ROOT).toString('hex').slice(-32)}.lock`);

/**
 * Makes sure `dist` of the domain and the API is as new as their sources, as `pnpm start` runs
 * them. After `pnpm build` (as in `pnpm test`) this costs a few file checks; after an edit it
 * builds what changed. Under `flock`, so two test files asking at once build once.
 */
export function ensureServerBuilt(): void {
  try {
    execFileSync('flock', [LOCK, process.execPath, SCRIPT, REPO_ROOT, 'packages/domain:index.js', 'apps/api:main.js'], { stdio: 'pipe', timeout: 240_000 });
  } catch (error) {
    const { stderr } = error as { stderr?: Buffer };
    throw new Error(stderr?.toString() || String(error), { cause: error });
  }
}
