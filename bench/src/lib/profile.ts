import { readFileSync } from 'node:fs';

/** Self time of a V8 .cpuprofile inside a time window, by package and by function. */
export interface ProfileSummary {
  totalMs: number;
  byPackage: Array<{ name: string; ms: number; share: number }>;
  topFunctions: Array<{ name: string; ms: number; share: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds on the monotonic clock V8's profiler uses (CLOCK_MONOTONIC on Linux, like hrtime). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting for I/O)';
    if (functionName === '(program)') return 'V8 (program)';
    return 'native (socket writes, microtask queue) and generated code (MikroORM hydrators)';
  }
  if (url.startsWith('node:')) return 'Node.js internals';
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[2] as string;
  if (url.includes('/apps/api/')) return '@clinic/api (this repo)';
  if (url.includes('/packages/domain/')) return '@clinic/domain (this repo)';
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(file: string, window: { fromMicros: number; toMicros: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((sample, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < window.fromMicros || at > window.toMicros) return;
    const node = nodes.get(sample);
    if (!node) return;
    const name = packageOf(node.callFrame);
    byPackage.set(name, (byPackage.get(name) ?? 0) + delta);
    const where = node.callFrame.url ? `${node.callFrame.url.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '')}:${node.callFrame.lineNumber + 1}` : '';
    const fn = `${node.callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
    total += delta;
  });
  const rank = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: total ? micros / total : 0 }));
  return { totalMs: total / 1000, byPackage: rank(byPackage, 14), topFunctions: rank(byFunction, 15) };
}
