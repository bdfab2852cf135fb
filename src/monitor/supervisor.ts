/**
 * The detached monitor's supervisor: a process of its own that loads nothing but Node's own
 * modules and the settings reader, starts the worker (the monitor entry with `--worker`) and
 * starts it again when it dies. The worker posts the 'monitoring gap' notice itself, so Slack's
 * client is never loaded here.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { readSettings } from './files.js';
import { supervise, type Restart } from './supervise.js';

/** The worker's arguments after the settings file: its role, and the restart it follows. */
export const workerArgs = (restart?: Restart): string[] =>
  restart
    ? ['--worker', '--restart', String(restart.restarts), String(restart.diedAt)]
    : ['--worker'];

/** Reads `workerArgs` back (from the arguments after `--worker`). */
export function restartOf(args: readonly string[]): Restart | undefined {
  if (args[0] !== '--restart') return undefined;
  const restarts = Number(args[1]);
  const diedAt = Number(args[2]);
  return Number.isFinite(restarts) && Number.isFinite(diedAt) ? { restarts, diedAt } : undefined;
}

/** `self` is the supervisor entry's script; the worker is the monitor entry beside it. */
export async function supervisorMain(self: string, settingsFile: string): Promise<void> {
  const settings = readSettings(settingsFile);
  const worker = join(dirname(self), '..', ['monitor', 'index.js'].join('/'));
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  await supervise({
    start: (restart) =>
      spawn(process.execPath, [worker, settingsFile, ...workerArgs(restart)], {
        stdio: 'inherit'
      }),
    now: Date.now,
    signal: controller.signal,
    write: (o) =>
      process.stdout.write(`${JSON.stringify({ correlationId: settings.correlationId, ...o })}\n`)
  });
  process.exit(0);
}
