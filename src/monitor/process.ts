import { readFileSync } from 'node:fs';

/**
 * Whether a process lives (one that exists but is another user's counts). With `startedAt` (its
 * `processStart`), a process that now has its pid but started at another time is not it: a pid
 * reused after the job's runner ended does not keep the monitor going.
 */
export function processAlive(pid: number | undefined, startedAt?: string): boolean {
  if (pid === undefined || pid <= 1) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  // A zombie (ended, not yet reaped by its parent) is over.
  if (stat && (stat[0] === 'Z' || stat[0] === 'X')) return false;
  if (startedAt === undefined) return true;
  const now = stat?.[19];
  return now === undefined || now === startedAt;
}

/**
 * When a process started, as the kernel counts it (Linux: `/proc/<pid>/stat`, field 22, in clock
 * ticks since boot); undefined where that cannot be read (another system, no such process).
 */
export function processStart(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** `/proc/<pid>/stat` from field 3 (the state) on; undefined where it cannot be read. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
