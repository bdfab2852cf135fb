import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { monitorFiles } from './files.js';
import type { Sleep } from '../ports/runtime.js';

export type StopResult = 'stopped' | 'killed' | 'not-running';

/** Running, not just a zombie waiting to be reaped (a detached monitor's parent is gone). */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

const realOrResolved = (file: string): string => {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
};

/**
 * Whether the process with this pid is the monitor of the deployment whose folder is `dir` (its
 * command line names the settings file there). Where the command line cannot be read (not Linux),
 * the pid is taken at its word.
 */
export function isMonitorOf(pid: number, dir: string): boolean {
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return true;
  }
  const settings = realOrResolved(monitorFiles(dir).settings);
  return cmdline
    .split('\0')
    .some((arg) => arg.endsWith('monitor.json') && realOrResolved(arg) === settings);
}

/**
 * SIGTERM, wait for it to flush and exit, SIGKILL after the grace period. With the deployment's
 * folder, a pid that is no longer its monitor (it ended and the pid was reused) is not signalled.
 */
export async function stopMonitor(
  pid: number,
  sleep: Sleep,
  graceMs = 3_000,
  dir?: string
): Promise<StopResult> {
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return 'not-running';
  if (dir !== undefined && !isMonitorOf(pid, dir)) return 'not-running';
  if (!signal(pid, 'SIGTERM')) return 'not-running';
  for (let waited = 0; waited < graceMs; waited += 50) {
    if (!alive(pid)) return 'stopped';
    await sleep(50);
  }
  if (!alive(pid)) return 'stopped';
  return signal(pid, 'SIGKILL') ? 'killed' : 'stopped';
}

/** False when the process is gone already (it exited between the check and the signal). */
function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/** The pid from state, else from the deployment's folder (a separate finalize step). */
export function monitorPid(statePid: string, dir: string): number | undefined {
  if (statePid) return Number(statePid);
  const file = monitorFiles(dir).pid;
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
}

/** The monitor's observations (one JSON object a line); a torn last line is skipped. */
export function readObservations(dir: string, fromByte = 0): Record<string, unknown>[] {
  const file = monitorFiles(dir).log;
  if (!existsSync(file)) return [];
  return readFileSync(file)
    .subarray(fromByte)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
