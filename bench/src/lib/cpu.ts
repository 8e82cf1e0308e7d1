import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time per process from /proc (Linux): tells which process a request's cost lands in, which
 * on a 2-core machine decides the throughput more than anything else.
 */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function statOf(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { ppid, cpuMs: (ticks * 1000) / clockTicks() };
  } catch {
    return undefined;
  }
}

export const canMeasureCpu = () => existsSync('/proc/self/stat');

/** The postmaster of a data folder and every backend it forked. */
export function postgresPids(dataDir: string): number[] {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return [];
  const postmaster = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statOf(pid)?.ppid === postmaster);
  return [postmaster, ...children];
}

export type CpuGroups = Record<string, () => number[]>;

/** CPU milliseconds each group of processes used between start() and the function it returns. */
export function startCpuMeter(groups: CpuGroups): () => Record<string, number> {
  const before = new Map<number, number>();
  for (const pids of Object.values(groups)) for (const pid of pids()) before.set(pid, statOf(pid)?.cpuMs ?? 0);
  return () => {
    const used: Record<string, number> = {};
    for (const [name, pids] of Object.entries(groups)) {
      used[name] = pids().reduce((total, pid) => total + Math.max(0, (statOf(pid)?.cpuMs ?? 0) - (before.get(pid) ?? 0)), 0);
    }
    return used;
  };
}
