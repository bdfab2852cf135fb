import type { Sleep, StackReader } from '../coordination/ports.js';
import type { Registry } from '../registry/types.js';
import type { MonitorSettings } from './files.js';

export interface MonitorDeps {
  readonly settings: MonitorSettings;
  readonly registry?: Registry;
  readonly reader: StackReader;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly signal: AbortSignal;
  /** One observation: written as one JSON line with the correlation ID. */
  readonly write: (observation: Record<string, unknown>) => void;
}

/**
 * The detached monitor: heartbeats the lock (conditional on the fencing token)
 * and follows the stacks' events until finalize stops it. Errors are recorded
 * and retried with backoff; it never exits on its own.
 */
export async function runMonitor(d: MonitorDeps): Promise<void> {
  const { settings: s, registry, reader } = d;
  const note = (type: string, fields: Record<string, unknown> = {}): void =>
    d.write({
      at: new Date(d.now()).toISOString(),
      correlationId: s.correlationId,
      type,
      ...fields
    });

  note('started', {
    pid: process.pid,
    environment: s.environment,
    stacks: s.stacks,
    fence: s.fence
  });
  const cursors = new Map<string, string | undefined>();
  let holding = registry !== undefined;
  let nextBeat = d.now();
  let nextPoll = d.now() + s.monitorIntervalMs;
  let failures = 0;

  if (s.watchEvents) {
    for (const stack of s.stacks) {
      try {
        cursors.set(stack, (await reader.eventsSince(stack)).at(-1)?.id);
      } catch (err) {
        note('error', { during: 'events', message: (err as Error).message });
      }
    }
  }

  while (!d.signal.aborted) {
    const now = d.now();
    try {
      if (holding && registry && now >= nextBeat) {
        nextBeat = now + s.heartbeatMs;
        const ok = await registry.heartbeatLock(s.environment, s.correlationId, s.fence);
        note('heartbeat', { ok });
        if (!ok) {
          // The lock was taken over (or released): never extend someone else's.
          holding = false;
          note('lock-lost', { fence: s.fence });
        }
      }
      if (s.watchEvents && now >= nextPoll) {
        nextPoll = now + s.monitorIntervalMs;
        for (const stack of s.stacks) {
          const fresh = await reader.eventsSince(stack, cursors.get(stack));
          for (const e of fresh) note('event', { stack, event: e });
          if (fresh.length > 0) cursors.set(stack, fresh.at(-1)?.id);
        }
      }
      failures = 0;
    } catch (err) {
      failures++;
      note('error', { message: (err as Error).message, failures });
      await d.sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), d.signal);
      continue;
    }
    const wake = Math.min(holding ? nextBeat : Infinity, s.watchEvents ? nextPoll : Infinity);
    await d.sleep(Number.isFinite(wake) ? Math.max(0, wake - d.now()) : 60_000, d.signal);
  }
  note('stopped', { reason: 'SIGTERM' });
}
