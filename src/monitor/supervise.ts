import type { ChildProcess } from 'node:child_process';

/** A worker started again after one died: when it died, and how many restarts so far. */
export interface Restart {
  readonly diedAt: number;
  readonly restarts: number;
}

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

export interface SuperviseDeps {
  /** Starts a monitor worker; after a death, with the restart (the worker posts the gap notice). */
  readonly start: (restart?: Restart) => ChildProcess;
  readonly now: () => number;
  readonly signal: AbortSignal;
  readonly write: (observation: Record<string, unknown>) => void;
  readonly maxRestarts?: number;
  readonly windowMs?: number;
  /** How long a stopping worker may take before it is killed. */
  readonly graceMs?: number;
}

const exited = (
  child: ChildProcess
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/**
 * Keeps a monitor worker running until the signal aborts or the worker ends
 * on purpose (exit code 0): a worker that dies is restarted, at most `maxRestarts` times in
 * `windowMs`; then the supervisor ends too (finalize finds nothing to stop, which it handles). On
 * abort it stops the worker (SIGTERM, then SIGKILL after the grace period).
 */
export async function supervise(d: SuperviseDeps): Promise<void> {
  const maxRestarts = d.maxRestarts ?? 5;
  const windowMs = d.windowMs ?? 5 * 60_000;
  const restarts: number[] = [];
  const aborted = new Promise<void>((resolve) => {
    if (d.signal.aborted) resolve();
    d.signal.addEventListener('abort', () => resolve(), { once: true });
  });

  let restart: Restart | undefined;
  while (!d.signal.aborted) {
    const worker = d.start(restart);
    const outcome = await Promise.race([exited(worker), aborted.then(() => undefined)]);
    if (!outcome) {
      worker.kill('SIGTERM');
      const timer = setTimeout(() => worker.kill('SIGKILL'), d.graceMs ?? 1_500);
      await exited(worker);
      clearTimeout(timer);
      return;
    }
    const diedAt = d.now();
    if (outcome.code === 0) {
      // The worker ended on purpose (its lock was taken from it, or its job is over): nothing to restart.
      d.write({ type: 'worker-finished', at: new Date(diedAt).toISOString() });
      return;
    }
    d.write({ type: 'worker-died', at: new Date(diedAt).toISOString(), ...outcome });
    while (restarts.length > 0 && diedAt - restarts[0]! > windowMs) restarts.shift();
    if (restarts.length >= maxRestarts) {
      d.write({
        type: 'supervisor-gave-up',
        at: new Date(diedAt).toISOString(),
        restarts: restarts.length
      });
      return;
    }
    restarts.push(diedAt);
    restart = { diedAt, restarts: restarts.length };
    d.write({
      type: 'worker-restarted',
      at: new Date(d.now()).toISOString(),
      restarts: restarts.length
    });
  }
}
