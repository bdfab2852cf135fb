import { describeActivity, formatEvent, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { LivenessTracker } from '../domain/liveness.js';
import { isInProgress } from '../domain/stack-status.js';
import type { StackSnapshot } from '../domain/stack.js';
import type { Logger } from '../report/logger.js';
import {
  RegistryUnavailableError,
  type Holder,
  type LockView,
  type Participant,
  type Registry,
  type Ticket
} from '../registry/types.js';
import type { Clock, RunLiveness, Sleep, StackReader } from './ports.js';

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
  readonly kind: 'acquired' | 'timeout' | 'cancelled' | 'superseded';
  readonly holder?: Holder;
  /** The registry in force at the end: the fallback when the table failed. */
  readonly registry: Registry;
  readonly fallbackReason?: string;
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

/**
 * Waits for this run's turn: first live ticket, the lock free or stale, and no
 * covered stack in progress in CloudFormation. Falls back to CloudFormation-only
 * coordination, with a warning, when the registry fails.
 */
export async function waitForTurn(deps: TurnDeps, opts: TurnOptions): Promise<TurnOutcome> {
  const { reader, clock, sleep, log, liveness } = deps;
  const { me } = opts;
  const env = me.environment;
  const started = clock.now();
  const tracker = new LivenessTracker();
  const runChecked = new Map<string, number>();
  const lastEvent = new Map<string, string>();
  const waitedFor = new Map<string, Holder>();
  let registry = deps.registry;
  let fallbackReason: string | undefined;
  let ticket: Ticket | undefined;
  let ticketBeatAt = started;
  let stacks: readonly StackSnapshot[] = opts.arrival;
  let stacksReadAt = started;
  let busy: Activity[] = [];
  let firstBusy: Activity[] | undefined;
  let queuePosition: number | undefined;

  const fallBack = (err: RegistryUnavailableError): void => {
    fallbackReason = err.message;
    registry = deps.fallback();
    ticket = undefined;
    log.warning(
      `The registry is unavailable (${err.message}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`,
      { title: 'Registry unavailable' }
    );
  };
  const guarded = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof RegistryUnavailableError)) throw err;
      fallBack(err);
      return undefined;
    }
  };
  const leave = async (): Promise<void> => {
    const t = ticket;
    if (t && registry.kind === 'dynamodb') {
      await guarded(() => registry.removeTicket(env, t.seq));
      log.info(`Removed this run's queue ticket #${t.seq}.`);
    }
  };
  const done = (kind: TurnOutcome['kind'], extra: Partial<TurnOutcome> = {}): TurnOutcome => ({
    kind,
    registry,
    fallbackReason,
    waitedMs: clock.now() - started,
    queuePosition: queuePosition ?? 0,
    stacks,
    busy: firstBusy ?? [],
    waitedFor: [...waitedFor.values()],
    ...extra
  });

  ticket = await guarded(() => registry.enqueue(me));
  ticket ??= await registry.enqueue(me);
  if (registry.kind === 'dynamodb') {
    opts.onQueued?.(ticket);
    log.info(`Queued with ticket #${ticket.seq} for ${env}.`);
  }

  for (let poll = 1; ; poll++) {
    const view = (await guarded(() => registry.view(env))) ?? (await registry.view(env));
    let now = clock.now();

    const mine: Ticket | undefined = ticket;
    if (mine && registry.kind === 'dynamodb' && now - ticketBeatAt >= me.leaseMs / 3) {
      const beat: Ticket | undefined = await guarded(() => registry.heartbeatTicket(env, mine));
      ticketBeatAt = now;
      if (beat) ticket = beat;
      else if (registry.kind === 'dynamodb') {
        // Someone judged this waiter dead and removed its ticket: queue again, at the back.
        log.warning(
          "This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again."
        );
        ticket = await guarded(() => registry.enqueue(me));
      }
    }

    // Tickets ahead of this run, skipping the lock holder's own and the dead.
    const holder =
      view.lock.holder && view.lock.holder.correlationId !== me.correlationId
        ? view.lock.holder
        : undefined;
    const ahead: Ticket[] = [];
    for (const t of view.tickets) {
      if (
        !ticket ||
        t.seq >= ticket.seq ||
        t.correlationId === holder?.correlationId ||
        t.correlationId === me.correlationId
      )
        continue;
      if (tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now)) {
        if (await guarded(() => registry.removeDeadTicket(env, t))) {
          log.warning(
            `Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${formatDuration(t.leaseMs)}).`
          );
        }
        continue;
      }
      ahead.push(t);
    }

    let stale: string | undefined;
    if (holder) {
      if (!waitedFor.has(holder.correlationId)) waitedFor.set(holder.correlationId, holder);
      if (tracker.isDead(`lock#${holder.fence}`, holder.heartbeat, holder.leaseMs, now)) {
        stale = `no heartbeat for ${formatDuration(holder.leaseMs)}`;
      } else if (
        liveness &&
        now - (runChecked.get(holder.correlationId) ?? -Infinity) >= RUN_CHECK_MS
      ) {
        runChecked.set(holder.correlationId, now);
        if ((await liveness.runFinished(holder.run)) === true)
          stale = 'its workflow run is no longer in progress';
      }
    }

    if (opts.skipSuperseded && ticket) {
      const newer = view.tickets.find(
        (t) =>
          t.seq > ticket!.seq &&
          me.run.ref &&
          t.run.ref === me.run.ref &&
          !tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now)
      );
      if (newer) {
        log.info(
          `A newer run for ${me.run.ref} is queued behind this one (${newer.correlationId}, ${newer.run.runUrl ?? 'no run link'}): skipping this older deployment.`
        );
        await leave();
        return done('superseded', { supersededBy: newer });
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
      await opts.onArrival?.({ registry, position: queuePosition, holder, ahead, busy });
    }

    if (myTurn && busy.length === 0) {
      if (stale)
        log.warning(
          `Taking over the lock of ${holder!.correlationId} (${holder!.run.runUrl ?? 'no run link'}): ${stale}.`,
          { title: 'Stale lock taken over' }
        );
      const got = await guarded(() => registry.acquire(me, view.lock));
      if (got) {
        await leave();
        return done('acquired', {
          holder: got,
          lockBefore: view.lock,
          tookOver: stale && holder ? { from: holder, reason: stale } : undefined
        });
      }
      if (registry.kind === 'dynamodb') log.info('Another run took the lock first; waiting again.');
      continue;
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

    if (opts.signal?.aborted) {
      await leave();
      return done('cancelled');
    }
    const left = opts.timeoutMs - (now - started);
    if (left <= 0) {
      await leave();
      return done('timeout');
    }
    await sleep(Math.min(opts.pollIntervalMs, left), opts.signal);
    if (opts.signal?.aborted) {
      await leave();
      return done('cancelled');
    }
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
