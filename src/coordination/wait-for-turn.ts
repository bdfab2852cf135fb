import { describeActivity, formatEvent, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { LivenessTracker } from '../domain/liveness.js';
import { isInProgress } from '../domain/stack-status.js';
import type { StackSnapshot } from '../domain/stack.js';
import {
  RegistryUnavailableError,
  type Holder,
  type LockView,
  type Participant,
  type Registry,
  type Ticket
} from '../ports/registry.js';
import { backoffMs } from './backoff.js';
import { HeartbeatLoop } from './heartbeat-loop.js';
import type { StackReader } from '../ports/cloudformation.js';
import type { Clock, Logger, Sleep } from '../ports/runtime.js';
import type { RunLiveness } from '../ports/run.js';

export interface TurnDeps {
  readonly reader: StackReader;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly log: Logger;
  readonly registry: Registry;
  /** What coordination falls back to when the registry fails. */
  readonly fallback: () => Registry;
  readonly liveness?: RunLiveness;
}

export interface TurnOptions {
  readonly me: Participant;
  readonly arrival: readonly StackSnapshot[];
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly expectedMs: number;
  readonly estimateBasis: string;
  readonly skipSuperseded: boolean;
  readonly signal?: AbortSignal;
  /** Called once the ticket exists, so finalize can remove it if this process dies. */
  readonly onQueued?: (ticket: Ticket) => void;
  /** Called the instant the lock is taken, before anything else is awaited: the lease starts here. */
  readonly onAcquired?: (holder: Holder, registry: Registry, sentAt: number) => void;
  /** Called once, after the first look at the queue: who is ahead on arrival. */
  readonly onArrival?: (arrival: Arrival) => Promise<void>;
}

export interface Arrival {
  readonly registry: Registry;
  readonly position: number;
  readonly holder?: Holder;
  readonly ahead: readonly Ticket[];
  /** Covered stacks busy on arrival: who, since when, how far. */
  readonly busy: readonly Activity[];
}

export interface TurnOutcome {
  readonly kind: 'acquired' | 'timeout' | 'cancelled' | 'superseded' | 'misconfigured';
  readonly holder?: Holder;
  /** The registry in force at the end: the fallback when the table failed. */
  readonly registry: Registry;
  readonly fallbackReason?: string;
  /** misconfigured: the table cannot be used as configured (missing, denied, another key schema). */
  readonly registryError?: string;
  readonly waitedMs: number;
  readonly queuePosition: number;
  readonly stacks: readonly StackSnapshot[];
  /** Busy stacks seen (first poll that saw them busy), for who / since when / how far. */
  readonly busy: readonly Activity[];
  /** Lock holders seen while waiting, oldest first. */
  readonly waitedFor: readonly Holder[];
  readonly tookOver?: { readonly from: Holder; readonly reason: string };
  /** The lock as it was when this run acquired it (its last holder and outcome). */
  readonly lockBefore?: LockView;
  readonly supersededBy?: Ticket;
}

/** Registry-backed: the waiter re-reads the stacks when it may go, and at least this often. */
const STACK_CHECK_MS = 30_000;
/** The GitHub API is asked about a holder's run at most this often. */
const RUN_CHECK_MS = 30_000;
/** How long an acquired run still waits for its 'queued' notice to go out. */
const ARRIVAL_NOTICE_GRACE_MS = 2_000;

const sameOwner = (a: string | undefined, b: string | undefined): boolean => Boolean(a) && a === b;

/**
 * Waits for this run's turn: first live ticket, the lock free or stale, and no covered stack in
 * progress in CloudFormation.
 *
 * Registry trouble fails safe. Throttling and errors without an answer are retried (the SDK's
 * retries, then this loop's backoff with jitter); only a registry that has not answered for
 * longer than a lease moves the run to CloudFormation-only coordination, since by then any
 * holder has either started its stack operation (which CloudFormation shows) or lost its lease.
 * A table that cannot be used as configured (missing, denied) on arrival ends the wait as
 * `misconfigured`. Liveness is judged only across unbroken observation: after any failed read,
 * a holder or ticket must be seen unchanged for a full lease again before it counts as dead.
 */
export async function waitForTurn(deps: TurnDeps, opts: TurnOptions): Promise<TurnOutcome> {
  const { reader, clock, sleep, log, liveness } = deps;
  const { me } = opts;
  const env = me.environment;
  const started = clock.now();
  let tracker = new LivenessTracker();
  const runChecked = new Map<string, number>();
  const lastEvent = new Map<string, string>();
  const waitedFor = new Map<number, Holder>();
  let registry = deps.registry;
  let fallbackReason: string | undefined;
  let ticket: Ticket | undefined;
  let ticketRemoved = false;
  let keeper: HeartbeatLoop | undefined;
  let stacks: readonly StackSnapshot[] = opts.arrival;
  let stacksReadAt = started;
  let busy: Activity[] = [];
  let firstBusy: Activity[] | undefined;
  let queuePosition: number | undefined;
  let arrivalNotice: Promise<void> | undefined;
  let arrived = false;
  let warnedDuplicate = false;
  let failures = 0;
  let unreachableSince: number | undefined;
  let misconfigured: string | undefined;

  /** A registry call: undefined when it failed (and the failure was accounted for). */
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await fn();
      failures = 0;
      unreachableSince = undefined;
      return value;
    } catch (err) {
      if (!(err instanceof RegistryUnavailableError)) throw err;
      failures++;
      // What was seen before the gap proves nothing about what happened during it.
      tracker = new LivenessTracker();
      if (err.failure === 'configuration' && !arrived) misconfigured = err.message;
      else if (err.failure === 'throttled') unreachableSince = undefined;
      else unreachableSince ??= clock.now();
      if (failures === 1 || failures % 10 === 0)
        log.info(`Registry trouble (${err.message}); retrying.`);
      // Longer than any lease seen: by then every holder has started its stack operation or lost its lease.
      const patienceMs = Math.max(me.leaseMs, ...[...waitedFor.values()].map((h) => h.leaseMs));
      if (unreachableSince !== undefined && clock.now() - unreachableSince >= patienceMs)
        fallBack(err, clock.now() - unreachableSince);
      return undefined;
    }
  };
  const fallBack = (err: RegistryUnavailableError, forMs: number): void => {
    fallbackReason = err.message;
    void stopKeeper();
    registry = deps.fallback();
    ticket = undefined;
    log.warning(
      `The registry has not answered for ${formatDuration(forMs)}, longer than a lease (${err.message}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`,
      { title: 'Registry unavailable' }
    );
  };
  const stopKeeper = async (): Promise<void> => {
    const k = keeper;
    keeper = undefined;
    await k?.stop();
  };
  const keepTicket = (): void => {
    if (registry.kind !== 'dynamodb') return;
    // The ticket's heartbeat runs on its own loop: a slow Slack or CloudFormation call in this
    // loop never lets a live waiter's ticket look dead to the others.
    keeper = new HeartbeatLoop(sleep, me.leaseMs / 3, async () => {
      const mine = ticket;
      if (!mine) return false;
      try {
        const beat = await registry.heartbeatTicket(env, mine);
        if (ticket !== mine) return false; // queued again, or fell back, meanwhile
        if (beat) ticket = { ...mine, heartbeat: beat.heartbeat };
        else ticketRemoved = true;
        return beat !== undefined;
      } catch (err) {
        if (!(err instanceof RegistryUnavailableError)) throw err;
        // A throttled write here means the holder's writes (same partition) may be throttled too:
        // its silence proves nothing, so its liveness is watched afresh.
        if (err.failure === 'throttled') tracker = new LivenessTracker();
        return undefined;
      }
    });
    keeper.start();
  };
  const finish = async (
    kind: TurnOutcome['kind'],
    extra: Partial<TurnOutcome> = {}
  ): Promise<TurnOutcome> => {
    await stopKeeper();
    const t = ticket;
    if (t && registry.kind === 'dynamodb') {
      try {
        await registry.removeTicket(env, t.seq);
        log.info(`Removed this run's queue ticket #${t.seq}.`);
      } catch (err) {
        // finalize tries again (the ticket is in state); else it expires as dead after a lease.
        if (!(err instanceof RegistryUnavailableError)) throw err;
        log.info(`Could not remove this run's queue ticket #${t.seq} (${err.message}).`);
      }
    }
    const waitedMs = clock.now() - started;
    // The 'queued' notice is moot once the lock is held: a slow Slack must not hold up the deployment.
    if (kind === 'acquired') {
      const grace = new AbortController();
      await Promise.race([arrivalNotice, sleep(ARRIVAL_NOTICE_GRACE_MS, grace.signal)]);
      grace.abort();
    } else await arrivalNotice;
    return {
      kind,
      registry,
      fallbackReason,
      waitedMs,
      queuePosition: queuePosition ?? 0,
      stacks,
      busy: firstBusy ?? [],
      waitedFor: [...waitedFor.values()],
      ...extra
    };
  };
  /** Between polls: false when the wait is over (time is up or the run was cancelled). */
  const pause = async (ms: number): Promise<boolean> => {
    // Registry trouble on arrival is not another deployment: a run that does not wait
    // (wait-timeout-minutes 0) still gives the table a lease to answer, then falls back.
    const limit = arrived ? opts.timeoutMs : Math.max(opts.timeoutMs, me.leaseMs + 1);
    const left = limit - (clock.now() - started);
    if (opts.signal?.aborted || left <= 0) return false;
    await sleep(Math.min(ms, left), opts.signal);
    return !opts.signal?.aborted;
  };
  const endOfWait = (): Promise<TurnOutcome> =>
    finish(opts.signal?.aborted ? 'cancelled' : 'timeout');

  try {
    for (let poll = 1; ; poll++) {
      if (fallbackReason && registry !== deps.registry) {
        // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
        const back = await deps.registry.view(env).then(
          () => true,
          () => false
        );
        if (back) {
          log.info('The registry answers again: coordinating through it again (queuing anew).');
          registry = deps.registry;
          fallbackReason = undefined;
          ticket = undefined;
          tracker = new LivenessTracker();
        }
      }
      if (!ticket) {
        ticket = await attempt(() => registry.enqueue(me));
        if (ticket) {
          ticketRemoved = false;
          if (registry.kind === 'dynamodb') {
            opts.onQueued?.(ticket);
            log.info(`Queued with ticket #${ticket.seq} for ${env}.`);
          }
          keepTicket();
        }
      }
      const view = ticket ? await attempt(() => registry.view(env)) : undefined;
      if (misconfigured) {
        await stopKeeper();
        return finish('misconfigured', { registryError: misconfigured });
      }
      if (!view) {
        // The registry did not answer: back off (with jitter) and try again, or fall back (above).
        if (fallbackReason && registry.kind !== 'dynamodb') continue;
        const cap = Math.max(opts.pollIntervalMs, Math.min(30_000, me.leaseMs / 3));
        if (!(await pause(backoffMs(failures - 1, opts.pollIntervalMs, cap)))) return endOfWait();
        continue;
      }
      arrived = true;
      let now = clock.now();

      if (ticketRemoved) {
        // Someone judged this waiter dead and removed its ticket: queue again, at the back.
        log.warning(
          "This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again."
        );
        await stopKeeper();
        ticket = undefined;
        continue;
      }

      // Tickets ahead of this run, skipping the lock holder's own and the dead.
      const lockHolder = view.lock.holder;
      const holder = lockHolder && !sameOwner(lockHolder.owner, me.owner) ? lockHolder : undefined;
      if (!warnedDuplicate) {
        const twin = [holder, ...view.tickets].find(
          (t) => t && t.correlationId === me.correlationId && !sameOwner(t.owner, me.owner)
        );
        if (twin) {
          warnedDuplicate = true;
          log.warning(
            `The correlation ID ${me.correlationId} is already used by another run in ${env} (${twin.run.runUrl ?? 'no run link'}). Correlation IDs should be unique per run: logs, records and Slack threads of the two runs will mix. This run queues like any other.`,
            { title: 'Correlation ID not unique' }
          );
        }
      }
      const ahead: Ticket[] = [];
      for (const t of view.tickets) {
        if (
          t.seq >= ticket!.seq ||
          sameOwner(t.owner, holder?.owner) ||
          sameOwner(t.owner, me.owner)
        )
          continue;
        if (tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now)) {
          if (await attempt(() => registry.removeDeadTicket(env, t))) {
            log.warning(
              `Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${formatDuration(t.leaseMs)}).`
            );
            continue;
          }
          // Not removed: its heartbeat moved meanwhile (it lives), or the table did not answer.
        }
        ahead.push(t);
      }

      let stale: string | undefined;
      if (holder) {
        if (!waitedFor.has(holder.fence)) waitedFor.set(holder.fence, holder);
        if (tracker.isDead(`lock#${holder.fence}`, holder.heartbeat, holder.leaseMs, now)) {
          stale = `no heartbeat for ${formatDuration(holder.leaseMs)}`;
        } else if (liveness && now - (runChecked.get(holder.owner) ?? -Infinity) >= RUN_CHECK_MS) {
          runChecked.set(holder.owner, now);
          if ((await liveness.runFinished(holder.run)) === true)
            stale = 'its workflow run is no longer in progress';
        }
      }

      if (opts.skipSuperseded) {
        const mine = ticket!;
        const newer = view.tickets.find(
          (t) =>
            t.seq > mine.seq &&
            me.run.ref &&
            t.run.ref === me.run.ref &&
            !tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now)
        );
        if (newer) {
          log.info(
            `A newer run for ${me.run.ref} is queued behind this one (${newer.correlationId}, ${newer.run.runUrl ?? 'no run link'}): skipping this older deployment.`
          );
          return finish('superseded', { supersededBy: newer });
        }
      }

      const myTurn = ahead.length === 0 && (!holder || stale !== undefined);
      if (
        poll === 1 ||
        registry.kind === 'cloudformation-only' ||
        myTurn ||
        now - stacksReadAt >= STACK_CHECK_MS
      ) {
        if (poll > 1) stacks = await reader.describeStacks(me.stacks);
        stacksReadAt = now;
        busy = stacks.some((s) => isInProgress(s.status)) ? await readActivity(reader, stacks) : [];
        if (busy.length > 0) firstBusy ??= busy;
      }
      if (queuePosition === undefined) {
        queuePosition = ahead.length + (holder || busy.length > 0 ? 1 : 0);
        // Told in the background: a slow Slack never holds up the wait.
        arrivalNotice = opts
          .onArrival?.({ registry, position: queuePosition, holder, ahead, busy })
          .catch((err: unknown) => log.warning(`Arrival notice failed: ${(err as Error).message}`));
      }

      if (myTurn && busy.length === 0) {
        if (stale)
          log.warning(
            `Taking over the lock of ${holder!.correlationId} (${holder!.run.runUrl ?? 'no run link'}): ${stale}.`,
            { title: 'Stale lock taken over' }
          );
        const sentAt = clock.now();
        const got = await attempt(() => registry.acquire(me, view.lock));
        if (got) {
          opts.onAcquired?.(got, registry, sentAt);
          return finish('acquired', {
            holder: got,
            lockBefore: view.lock,
            tookOver: stale && holder ? { from: holder, reason: stale } : undefined
          });
        }
        if (failures === 0) {
          if (registry.kind === 'dynamodb')
            log.info('Another run took the lock first; waiting again.');
          continue;
        }
      }

      now = clock.now();
      log.info(
        pollReport(poll, now - started, opts, registry.kind, ahead, holder, stale, queuePosition)
      );
      for (const a of busy) {
        const seen = lastEvent.get(a.stack.name);
        const newest = a.events.at(-1);
        if (newest) lastEvent.set(a.stack.name, newest.id);
        if (seen === undefined) {
          log.info(describeActivity(a, now, opts.expectedMs, opts.estimateBasis));
        } else {
          const fresh = a.events.slice(a.events.findIndex((e) => e.id === seen) + 1);
          log.info(
            `${describeActivity(a, now, opts.expectedMs, opts.estimateBasis, false)}${
              fresh.length > 0
                ? `\n  New events:\n${fresh.map((e) => `    ${formatEvent(e)}`).join('\n')}`
                : '\n  No new events since the last poll.'
            }`
          );
        }
      }
      if (!(await pause(opts.pollIntervalMs))) return endOfWait();
    }
  } finally {
    // Whatever ended the wait (an error included), the ticket's heartbeat ends with it.
    await stopKeeper();
  }
}

function pollReport(
  poll: number,
  waitedMs: number,
  opts: TurnOptions,
  kind: Registry['kind'],
  ahead: readonly Ticket[],
  holder: Holder | undefined,
  stale: string | undefined,
  position: number
): string {
  const parts = [
    `Poll ${poll} (waited ${formatDuration(waitedMs)} of ${formatDuration(opts.timeoutMs)}):`
  ];
  if (kind === 'dynamodb') {
    parts.push(`position ${ahead.length + (holder ? 1 : 0)} (on arrival ${position});`);
    parts.push(
      holder
        ? `lock held by ${describeHolder(holder)}${stale ? ` [stale: ${stale}]` : ''};`
        : 'lock free;'
    );
    if (ahead.length > 0)
      parts.push(`ahead: ${ahead.map((t) => `#${t.seq} ${t.correlationId}`).join(', ')};`);
  }
  parts.push(`estimate ${formatDuration(opts.expectedMs)} per deployment (${opts.estimateBasis}).`);
  return parts.join(' ');
}

export function describeHolder(h: Holder): string {
  return `${h.correlationId} (${h.run.runUrl ?? 'no run link'}) since ${h.acquiredAt}`;
}

/** Reads who is deploying each busy stack, since when, and how far along. */
export async function readActivity(
  reader: StackReader,
  stacks: readonly StackSnapshot[]
): Promise<Activity[]> {
  return Promise.all(
    stacks
      .filter((s) => isInProgress(s.status))
      .map(async (stack) => {
        const op = await reader.currentOperation(stack.name);
        return {
          stack,
          consoleUrl: reader.consoleUrl(stack),
          startedAt: op.start?.timestamp,
          startStatus: op.start?.status,
          events: op.events
        };
      })
  );
}
