import { Lease } from '../coordination/lease.js';
import { processAlive } from './process.js';
import type { StackReader } from '../ports/cloudformation.js';
import type { NestedEvent } from '../domain/stack.js';
import { inTimeOrder } from '../domain/tree.js';
import { TreeFollower } from '../coordination/stack-tree.js';
import { DeploymentWatch, type Alert } from '../domain/watch.js';
import { Ownership, foreignObservation } from './ownership.js';
import { monitorEndedMessage } from '../notify/messages.js';
import { alertForeign, lockLost, report } from './say.js';
import type { SlackNotifier } from '../notify/slack.js';
import type { Registry } from '../ports/registry.js';
import type { MonitorSettings } from './files.js';
import type { Sleep } from '../ports/runtime.js';

export interface MonitorDeps {
  readonly settings: MonitorSettings;
  readonly registry?: Registry;
  readonly reader: StackReader;
  readonly notifier?: SlackNotifier;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly signal: AbortSignal;
  /** One observation: written as one JSON line with the correlation ID. */
  readonly write: (observation: Record<string, unknown>) => void;
  /** Whether the job that started the monitor still runs (default: its runner process lives). */
  readonly jobAlive?: () => boolean;
}

/** How long a monitor whose job is over waits for Slack to take its last notice. */
export const MONITOR_ENDED_NOTICE_WAIT_MS = 10_000;

/**
 * The detached monitor: holds the lease while the deployment runs (its first heartbeat is the
 * handover from coordinate), follows the stacks' events, and says in the deployment's Slack
 * thread when it stalls, overruns, fails or makes progress. Errors are recorded and retried with
 * backoff. It ends when it is stopped (finalize takes the lease back first), when its lease
 * finds the lock no longer its own (then it says so in the thread), when the job that started it
 * is over without a post step, and at the latest at `endsBy`.
 */
export async function runMonitor(d: MonitorDeps): Promise<'stopped' | 'lock-lost' | 'job-over'> {
  const { settings: s, registry, reader } = d;
  const note = (type: string, fields: Record<string, unknown> = {}): void =>
    d.write({
      at: new Date(d.now()).toISOString(),
      correlationId: s.correlationId,
      type,
      ...fields
    });
  const watch = new DeploymentWatch({
    stallMs: s.stallMs,
    expectedMs: s.overdueMs,
    progressIntervalMs: s.progressIntervalMs,
    criticalResourceTypes: s.criticalResourceTypes,
    sinceMs: Date.parse(s.acquiredAt)
  });

  note('started', {
    pid: process.pid,
    environment: s.environment,
    stacks: s.stacks,
    fence: s.fence
  });
  const lost = new AbortController();
  const lease =
    registry && s.owner
      ? new Lease(
          { lock: registry.lock, clock: { now: d.now }, sleep: d.sleep },
          s.environment,
          { owner: s.owner, fence: s.fence, correlationId: s.correlationId },
          s.leaseMs,
          s.heartbeatMs,
          {
            onBeat: (r) =>
              typeof r === 'boolean'
                ? note('heartbeat', { ok: r })
                : note('heartbeat-error', { message: r.message }),
            onLost: () => lost.abort()
          }
        ).start(0)
      : undefined;
  // The job's end is looked for every heartbeat interval, on a loop of its own (a poll may be
  // minutes apart, or stuck in a call): the lease stops within a heartbeat or two of it.
  const jobAlive = d.jobAlive ?? ((): boolean => processAlive(s.jobPid, s.jobStartedAt));
  const endsBy = Date.parse(s.endsBy);
  let over: string | undefined;
  const ended = new AbortController();
  const jobOver = (): boolean => {
    over ??= !jobAlive()
      ? 'the job that started it is over (its runner process is gone)'
      : d.now() >= endsBy
        ? `it has run for the longest a job can (until ${s.endsBy})`
        : undefined;
    if (over) ended.abort();
    return over !== undefined;
  };
  const signal = AbortSignal.any([d.signal, lost.signal, ended.signal]);
  const watchJob = (async (): Promise<void> => {
    while (!signal.aborted && !jobOver()) await d.sleep(s.heartbeatMs, signal);
  })();
  const sinceMs = Date.parse(s.acquiredAt);
  const tree = new TreeFollower(reader, sinceMs);
  const ownership = new Ownership(s.correlationId);
  let nextPoll = d.now();
  let failures = 0;
  // Alerts of events already recorded, kept until posted: a failed read never loses one.
  let pending: Alert[] = [];
  // Nested stacks' events read and not yet watched, by covered stack: kept across a failed poll.
  const nestedUnwatched = new Map<string, NestedEvent[]>();
  // A nested stack that cannot be read is said once per error, not at every poll.
  const unreadableSaid = new Set<string>();

  while (!signal.aborted) {
    // The job is over without its post step (the runner died, the machine was lost), or the
    // monitor is older than any job: it stops heartbeating, so the lock is taken over a lease later.
    if (jobOver()) break;
    if (!s.watchEvents) {
      await d.sleep(60_000, signal);
      continue;
    }
    try {
      if (d.now() >= nextPoll) {
        nextPoll = d.now() + s.monitorIntervalMs;
        const alerts = pending;
        // Each covered stack's events, and those of its nested stacks in progress.
        const polled = await tree.poll(s.stacks);
        for (const [stack, fresh] of polled.own) {
          for (const e of fresh) note('event', { stack, event: e });
          ownership.read(fresh);
        }
        for (const u of polled.unreadable) {
          const key = `${u.arn} ${u.message}`;
          if (unreadableSaid.has(key)) continue;
          unreadableSaid.add(key);
          note('nested-read-error', { nestedStack: u.arn, path: u.path, message: u.message });
        }
        for (const [stack, fresh] of polled.nested) {
          for (const e of fresh) note('event', { stack, event: e });
          nestedUnwatched.set(stack, [...(nestedUnwatched.get(stack) ?? []), ...fresh]);
        }
        // After the events: the tags a snapshot shows belong to the operation those events end in.
        const snapshots = await reader.describeStacks(s.stacks);
        for (const sighting of ownership.saw(snapshots, (stack) => tree.cursor(stack)))
          note('stack-tag', { ...sighting });
        const judged = ownership.judge();
        for (const op of ownership.newlyForeign(judged)) {
          note('foreign-operation', foreignObservation(op));
          await alertForeign(d, op);
        }
        // Only this deployment's own operations are watched: someone else's failure is not its
        // alert. A nested stack moves only with its covered stack: its events are the deployment's
        // when the covered stack's operation in force at their time is.
        const nested = [...nestedUnwatched].flatMap(([stack, events]) =>
          events.filter((e) => ownership.ownsAt(judged, stack, e.timestamp.getTime()))
        );
        nestedUnwatched.clear();
        alerts.push(
          ...watch.onEvents(inTimeOrder([...ownership.ownUnwatched(judged), ...nested]), d.now())
        );
        const statuses = snapshots.map((st) => [st.name, st.status] as const);
        alerts.push(
          ...watch.onTick(
            d.now(),
            statuses.filter(([name]) => !ownership.foreignNow(judged, name)).map(([, st]) => st)
          )
        );
        pending = [];
        for (const alert of alerts) await report(d, alert, Object.fromEntries(statuses), watch);
        failures = 0;
      }
    } catch (err) {
      failures++;
      note('error', { message: (err as Error).message, failures });
      // Backed off: the next poll waits longer after each failure in a row, up to 30 s.
      const backoff = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
      nextPoll = d.now() + Math.max(s.monitorIntervalMs, backoff);
    }
    await d.sleep(Math.max(0, nextPoll - d.now()), signal);
  }
  await lease?.stop();
  ended.abort();
  await watchJob;
  if (over) {
    note('job-over', { reason: over });
    // Said in the thread, but not at any cost: the job is over, so Slack gets a bounded wait.
    if (d.notifier && s.slack)
      await Promise.race([
        d.notifier
          .post('monitor ended', s.slack.thread.channel, monitorEndedMessage(s.info, over), {
            ts: s.slack.thread.ts
          })
          .catch(() => undefined),
        d.sleep(MONITOR_ENDED_NOTICE_WAIT_MS).catch(() => undefined)
      ]);
    return 'job-over';
  }
  if (lease?.lost) {
    await lockLost(d, registry);
    return 'lock-lost';
  }
  note('stopped', { reason: 'SIGTERM' });
  return 'stopped';
}
