// Measures the JavaScript a first visit downloads: the entry script of dist/index.html and
// every chunk it imports statically (modulepreload), gzipped. Lazy route chunks are listed apart.
// Usage: pnpm build && pnpm bundle:size   (exits 1 above the budget)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = resolve(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstLoad = new Set(
  [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]),
);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
const assets = readdirSync(join(dist, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => `assets/${name}`);

let total = 0;
console.log('First-load JavaScript (gzip):');
for (const file of firstLoad) {
  const kb = gzipKb(file);
  total += kb;
  console.log(`  ${file.padEnd(48)} ${kb.toFixed(1).padStart(7)} kB`);
}
console.log(`  ${'total'.padEnd(48)} ${total.toFixed(1).padStart(7)} kB (budget ${BUDGET_KB} kB)`);
console.log('Loaded later, per route (gzip):');
for (const file of assets.filter((f) => !firstLoad.has(f))) {
  console.log(`  ${file.padEnd(48)} ${gzipKb(file).toFixed(1).padStart(7)} kB`);
}
if (total > BUDGET_KB) {
  console.error(`First-load JavaScript is ${total.toFixed(1)} kB gzipped, over the ${BUDGET_KB} kB budget.`);
  process.exit(1);
}
