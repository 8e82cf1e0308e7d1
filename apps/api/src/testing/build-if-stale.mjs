// Builds the domain and the API with tsc, each only when a source is newer than its build.
// Run under `flock` by built-server.ts, so test files that start the built server at the same
// time build once, one after the other, and never race on `dist`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [repoRoot, ...projects] = process.argv.slice(2);
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

/** The newest modification time of the files a build reads (tests and test support excluded). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing' && entry.name !== 'node_modules') newest = Math.max(newest, newestSource(path));
    } else if (!/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

for (const [project, output] of projects.map((spec) => spec.split(':'))) {
  const cwd = join(repoRoot, project);
  const built = join(cwd, 'dist', output);
  const inputs = Math.max(newestSource(join(cwd, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((file) => statSync(join(cwd, file)).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= inputs) continue;
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd, stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    process.stderr.write(`building ${project} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
}
