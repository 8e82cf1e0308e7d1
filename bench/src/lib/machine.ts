import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  os: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  loadAverage: string;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty}, ${os.type()} ${os.release()} ${os.arch()}`;
  } catch {
    // not Linux, or no os-release
  }
  return `${os.type()} ${os.release()} ${os.arch()}`;
}

/** The 1, 5 and 15-minute load averages: tells whether other work shared the cores. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Other processes using CPU right now (not this one or its children), for the report's caveats. */
export function busyOtherProcesses(): string[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,ppid,pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length >= 4 && Number(cols[2]) >= 20 && Number(cols[0]) !== process.pid && Number(cols[1]) !== process.pid)
      .map((cols) => `${cols[3]} (${cols[2]} % CPU)`);
  } catch {
    return [];
  }
}

export function describeMachine(postgres: string): Machine {
  const cpus = os.cpus();
  return {
    os: osName(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres,
    loadAverage: loadAverage(),
  };
}
