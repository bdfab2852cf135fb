/**
 * The detached monitor's supervisor: a process of its own that loads nothing but Node's own
 * modules and the settings reader, starts the worker (the monitor entry with `--worker`) and
 * starts it again when it dies. The worker posts the 'monitoring gap' notice itself, so Slack's
 * client is never loaded here.
 */
import { spawn } from 'node:child_process';
import { readSettings, siblingEntry } from './files.js';
import { handSecret, readSecret } from './secret.js';
import { supervise, workerArgs } from './supervise.js';

/** `self` is the supervisor entry's script; the worker is the monitor entry beside it. */
export async function supervisorMain(self: string, settingsFile: string): Promise<void> {
  const settings = readSettings(settingsFile);
  // Kept in memory for each worker it starts; never in an environment.
  const secret = await readSecret(process.stdin);
  const worker = siblingEntry(self, 'monitor');
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  await supervise({
    start: (restart) => {
      const child = spawn(process.execPath, [worker, settingsFile, ...workerArgs(restart)], {
        stdio: ['pipe', 'inherit', 'inherit']
      });
      handSecret(child.stdin, secret);
      return child;
    },
    now: Date.now,
    signal: controller.signal,
    write: (o) =>
      process.stdout.write(`${JSON.stringify({ correlationId: settings.correlationId, ...o })}\n`)
  });
  process.exit(0);
}
