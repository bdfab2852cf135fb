import type { Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { LivenessTracker } from '../domain/liveness.js';
import { isInProgress } from '../domain/stack-status.js';
import type { NestedEvent, StackSnapshot } from '../domain/stack.js';
import {
  RegistryCorruptError,
  RegistryUnavailableError,
  concerns,
  type Holder,
  type Registry,
  type Unreadable
} from '../ports/registry.js';
import { backoffMs } from './backoff.js';
import { atLeastAsHigh } from '../domain/priority.js';
import { FreezeWatch } from './freeze-watch.js';
import { TicketKeeper } from './ticket-keeper.js';
import { logActivity, pollReport, readActivity } from './turn-report.js';
import { duplicateOf, liveAhead, sameOwner } from './turn-queue.js';
import type { TurnDeps, TurnOptions, TurnOutcome } from './turn.js';

export type { Arrival, TurnDeps, TurnOptions, TurnOutcome } from './turn.js';
export { describeHolder, readActivity } from './turn-report.js';

/** Registry-backed: the waiter re-reads the stacks when it may go, and at least this often. */
const STACK_CHECK_MS = 30_000;
/** The GitHub API is asked about a holder's run at most this often. */
const RUN_CHECK_MS = 30_000;
/** How long an acquired run still waits for its 'queued' notice to go out. */
const ARRIVAL_NOTICE_GRACE_MS = 2_000;
/** The first in line reads the lock alone this many times per poll interval... */
const HEAD_READS_PER_POLL = 5;
/** ...at least once a second... */
const HEAD_POLL_MAX_MS = 1_000;
/** ...and at most ten times a second (the smallest poll-interval-seconds). */
const HEAD_POLL_MIN_MS = 100;
/** Each of its sleeps is shortened by up to this fraction at random: heads do not read in step. */
const HEAD_POLL_JITTER = 0.2;
/**
 * An acquire refused this many times in a row, with no holder seen in between to explain it, is a
 * lock whose condition cannot be met (an item no release of the action wrote): reported, not
 * retried for ever. A refusal with a holder seen next is just another run going first.
 */
const MAX_LOST_ACQUIRES = 5;
/**
 * The same for taking a queue number: each refusal should mean another run took that number, and
 * even a burst of arrivals is served long before this many.
 */
const MAX_LOST_NUMBERS = 10;
/** The table refusing a request as invalid this many times in a row is an item that defeats it. */
const MAX_REFUSALS = 3; // polls in a row

/** The item a registry operation of the wait writes or reads first (for a refusal's report). */
const itemOf = (env: string, operation: string): { pk: string; sk: string } => ({
  pk: `ENV#${env}`,
  sk: /acquire|lock/.test(operation) ? 'LOCK' : 'QUEUE'
});

/**
 * How often the first in line (no live ticket ahead, the lock held by a live holder) reads the
 * lock alone between its full reads, so that a release is seen within one such read: a fifth of
 * the poll interval, at most 1 s and at least 100 ms (each sleep 80-100 % of it, at random). At
 * the default 5 s poll: every 1 s. Equal to the poll interval (100 ms): no reads in between.
 */
export function headPollMs(pollIntervalMs: number): number {
  const ms = Math.max(HEAD_POLL_MIN_MS, pollIntervalMs / HEAD_READS_PER_POLL);
  return Math.min(pollIntervalMs, HEAD_POLL_MAX_MS, ms);
}

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
 *
 * The first in line behind a live holder also reads the lock alone between its polls
 * (`headPollMs`), so a release is seen within one such read; what it may do is still decided by
 * the full read alone (FIFO, staleness, stacks), and only then does it try to acquire.
 */
export async function waitForTurn(deps: TurnDeps, opts: TurnOptions): Promise<TurnOutcome> {
  const { reader, clock, sleep, log, liveness } = deps;
  const { me } = opts;
  const env = me.environment;
  const started = clock.now();
  let tracker = new LivenessTracker();
  const runChecked = new Map<string, number>();
  const seenEvents = new Map<string, Set<string>>();
  // Nested stacks of the busy stacks' operations that have settled: read once, not every poll.
  const settledNested = new Map<string, NestedEvent[]>();
  const waitedFor = new Map<number, Holder>();
  let registry = deps.registry;
  let fallbackReason: string | undefined;
  const newKeeper = (): TicketKeeper =>
    new TicketKeeper(registry.lock, env, sleep, me.leaseMs / 3, () => {
      // Throttled: the holder's silence proves nothing, so its liveness is watched afresh.
      tracker = new LivenessTracker();
    });
  let keeper = newKeeper();
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
  /** An item of this environment's lock, queue or freezes that does not decode: the wait ends. */
  let corrupt: Unreadable | undefined;
  let lostAcquires = 0;
  /** Polls in a row in which the table refused a request as invalid (see MAX_REFUSALS). */
  let refusals = 0;
  let refusedThisPoll = false;
  let frozenOnArrival = false;
  let freezesDenied: string | undefined;
  const overriding = opts.overrideFreeze !== undefined;
  const freezes = new FreezeWatch(env, log, opts.overrideFreeze, (frozen) => {
    // Before the arrival is told, the arrival notice says it (one 'queued' message, not two).
    if (queuePosition === undefined) {
      frozenOnArrival = true;
      return;
    }
    // Told in the background, as the arrival is.
    const onFrozen = opts.onFrozen;
    if (!onFrozen) return;
    // After the arrival notice: it updates the message that one posted, never a second one.
    arrivalNotice = Promise.resolve(arrivalNotice)
      .then(() => onFrozen(frozen))
      .catch((err: unknown) => log.warning(`Freeze notice failed: ${(err as Error).message}`));
  });

  /** A registry call: undefined when it failed (and the failure was accounted for). */
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await fn();
      failures = 0;
      unreachableSince = undefined;
      return value;
    } catch (err) {
      // An answer, not an outage: nothing toward the fallback, no holder looks dead for it.
      if (err instanceof RegistryCorruptError) {
        corrupt ??= err.item;
        return undefined;
      }
      if (!(err instanceof RegistryUnavailableError)) throw err;
      if (arrived && (err.cause as { name?: string })?.name === 'ValidationException') {
        // The table answered: this request does not fit the item as it is now (a hand-written
        // attribute of another type). Retried with a pause, then reported, never a fallback.
        if (!refusedThisPoll) refusals++;
        refusedThisPoll = true;
        if (refusals >= MAX_REFUSALS)
          corrupt ??= {
            ...itemOf(env, err.operation),
            attribute: '',
            expected: `an item the ${err.operation} can be written to`,
            found: `one the table refused at ${refusals} polls in a row (${err.message})`
          };
        failures++;
        return undefined;
      }
      refusals = 0;
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
      // Once: a call still in flight on the table after the fallback does not fall back again.
      if (
        unreachableSince !== undefined &&
        registry === deps.registry &&
        clock.now() - unreachableSince >= patienceMs
      )
        fallBack(err, clock.now() - unreachableSince);
      return undefined;
    }
  };
  const fallBack = (err: RegistryUnavailableError, forMs: number): void => {
    fallbackReason = err.message;
    unreachableSince = undefined;
    void keeper.drop();
    registry = deps.fallback();
    keeper = newKeeper();
    log.warning(
      `The registry has not answered for ${formatDuration(forMs)}, longer than a lease (${err.message}). Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back.`,
      { title: 'Registry unavailable' }
    );
  };
  /** The freezes; one that could hold this environment but does not decode is an answer too. */
  const freezesOf = async (from: Registry) => {
    const { items, unreadable } = await from.freezes.list();
    const mine = unreadable.find((u) => concerns(u, env));
    if (mine) throw new RegistryCorruptError(mine);
    return items;
  };
  const finish = async (
    kind: TurnOutcome['kind'],
    extra: Partial<TurnOutcome> = {}
  ): Promise<TurnOutcome> => {
    const t = await keeper.drop();
    try {
      if (t) await registry.lock.removeTicket(env, t.seq);
      if (t && t.seq > 0) log.info(`Removed this run's queue ticket #${t.seq}.`);
    } catch (err) {
      // finalize tries again (the ticket is in state); else it expires as dead after a lease.
      if (!(err instanceof RegistryUnavailableError)) throw err;
      log.info(`Could not remove this run's queue ticket #${t?.seq} (${err.message}).`);
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
      freeze: { heldBy: freezes.heldBy, overridden: freezes.overridden },
      ...extra
    };
  };
  /** A condition that cannot be met, reported as the item it is about. */
  const unmet = (
    operation: string,
    attribute: string,
    expected: string,
    found: string
  ): Promise<TurnOutcome> =>
    finish('corrupt', { unreadable: { ...itemOf(env, operation), attribute, expected, found } });
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
  const endOfWait = async (): Promise<TurnOutcome> => {
    if (opts.signal?.aborted) return finish('cancelled');
    // Time is up: a freeze still in force outlasted the wait (whoever else was ahead).
    const polled = registry;
    if (polled === deps.registry)
      await freezes.read(Infinity, () => attempt(() => freezesOf(polled)), clock.now()); // a last read
    // Read or not, what holds is judged now (a freeze last read may have ended since).
    freezes.at(clock.now());
    const frozen = freezes.current && !overriding ? freezes.current : undefined;
    return frozen
      ? finish('frozen', { freeze: { heldBy: freezes.heldBy ?? frozen, endedBy: frozen } })
      : finish('timeout');
  };
  const headMs = headPollMs(opts.pollIntervalMs);
  let saidHead = false;
  /**
   * Between polls, for the first in line: the lock alone (one GetItem) every `headMs`, until the
   * next poll is due or the lock is no longer `watched` (released, or another acquisition): then
   * the full read, which alone decides whether this run may go (its ticket first, the lock free or
   * stale by what the full reads saw, the stacks idle). False when the wait is over.
   */
  const headPause = async (from: Registry, watched: Holder): Promise<boolean> => {
    const due = clock.now() + opts.pollIntervalMs;
    for (;;) {
      const left = due - clock.now();
      if (left <= 0) return true;
      const nap = headMs * (1 - HEAD_POLL_JITTER * Math.random());
      if (!(await pause(Math.min(left, nap)))) return false;
      if (clock.now() >= due || registry !== from) return true;
      // A failed read is a gap like any other (attempt() resets liveness); the full read retries.
      const lock = await attempt(() => from.lock.readLock(env));
      if (!lock?.holder || lock.fence !== watched.fence || lock.holder.owner !== watched.owner)
        return true;
    }
  };

  try {
    for (let poll = 1; ; poll++) {
      if (corrupt) return finish('corrupt', { unreadable: corrupt });
      // Refusals count in polls in a row: one poll without any ends the run of them.
      if (!refusedThisPoll) refusals = 0;
      refusedThisPoll = false;
      if (fallbackReason && registry !== deps.registry) {
        // Back to the registry as soon as it answers again: CloudFormation alone is the last resort.
        const back = await deps.registry.lock.view(env).then(
          () => true,
          (err: unknown) => {
            // An item it cannot read is an answer too: the table is back, and the wait ends on it.
            if (err instanceof RegistryCorruptError) corrupt ??= err.item;
            return false;
          }
        );
        if (back || corrupt) {
          if (!corrupt)
            log.info('The registry answers again: coordinating through it again (queuing anew).');
          await keeper.drop();
          registry = deps.registry;
          keeper = newKeeper();
          fallbackReason = undefined;
          tracker = new LivenessTracker();
          // Answered with an item it cannot read: the table's answer ends the wait.
          if (corrupt) return finish('corrupt', { unreadable: corrupt });
        }
      }
      const polled = registry;
      if (!keeper.current) {
        let queued = await attempt(() => polled.lock.enqueue(me));
        // Refused: another run took that number (its ticket shows), or the queue's condition
        // cannot be met at all. Either way the next try comes after a pause, within this poll.
        for (let lost = 1; queued === undefined && failures === 0 && !corrupt; lost++) {
          if (lost >= MAX_LOST_NUMBERS)
            return unmet(
              'enqueue',
              'seq',
              'a queue counter that takes the next number',
              `one whose condition refused ${lost} numbers in a row`
            );
          // The first retry after a fixed short pause: runs that lost the same number retry in
          // the order they lost it (arrival order); then backing off, with jitter, up to a poll.
          const wait =
            lost === 1 ? headMs : backoffMs(lost - 2, opts.pollIntervalMs / 2, opts.pollIntervalMs);
          if (!(await pause(wait))) return endOfWait();
          queued = await attempt(() => polled.lock.enqueue(me));
        }
        if (queued && registry === polled) {
          keeper.keep(queued);
          // Ticket 0 is CloudFormation's own (no table): nothing to remove later, nothing to say.
          if (queued.seq > 0) {
            opts.onQueued?.(queued);
            log.info(
              `Queued with ticket #${queued.seq} for ${env}${queued.priority === 'high' ? ' (priority high)' : ''}.`
            );
          }
        }
      }
      const ticket = keeper.current;
      const view = ticket ? await attempt(() => polled.lock.view(env)) : undefined;
      if (misconfigured) return finish('misconfigured', { registryError: misconfigured });
      if (corrupt) return finish('corrupt', { unreadable: corrupt });
      if (!ticket || !view) {
        // Just fell back: queue with CloudFormation at once. Else back off (with jitter) and retry.
        if (registry !== polled) continue;
        const cap = Math.max(opts.pollIntervalMs, Math.min(30_000, me.leaseMs / 3));
        if (!(await pause(backoffMs(failures - 1, opts.pollIntervalMs, cap)))) return endOfWait();
        continue;
      }
      arrived = true;
      let now = clock.now();

      if (keeper.removed) {
        // Someone judged this waiter dead and removed its ticket: queue again, at the back.
        log.warning(
          "This run's queue ticket was removed as dead (no heartbeat within lease-minutes); queuing again."
        );
        await keeper.drop();
        continue;
      }

      const lockHolder = view.lock.holder;
      const holder = lockHolder && !sameOwner(lockHolder.owner, me.owner) ? lockHolder : undefined;
      const twin = warnedDuplicate ? undefined : duplicateOf(me, holder, view.tickets);
      if (twin) {
        warnedDuplicate = true;
        log.warning(
          `The correlation ID ${me.correlationId} is already used by another run in ${env} (${twin.run.runUrl ?? 'no run link'}). Correlation IDs should be unique per run: logs, records and Slack threads of the two runs will mix. This run queues like any other.`,
          { title: 'Correlation ID not unique' }
        );
      }
      // The freezes are read on arrival, whenever this run may go, and every STACK_CHECK_MS while
      // it waits (a read that failed: not now, so frozen). On CloudFormation alone there is no
      // table to read them from: those last read from it still hold, judged at each poll.
      const readFreezes = async (): Promise<boolean> => {
        if (polled !== deps.registry) {
          freezes.at(now);
          return true;
        }
        return freezes.read(
          poll,
          () =>
            attempt(() =>
              freezesOf(polled).catch((err: unknown) => {
                // A table whose freezes this role may not read is misconfigured, not busy.
                if (err instanceof RegistryUnavailableError && err.failure === 'configuration')
                  freezesDenied = `the deploy freezes could not be read (${err.message}): the role needs dynamodb:Query on the table's FREEZES partition`;
                throw err;
              })
            ),
          now
        );
      };
      // A run with override-freeze reads them at every poll: while a freeze holds the others, it
      // passes the frozen tickets ahead of it (they cannot go anyway; the lock has one holder).
      const passFrozen = overriding && (await readFreezes()) && freezes.current !== undefined;
      let passed = 0;
      const ahead = await liveAhead(view.tickets, ticket, me, holder, {
        passes: passFrozen ? (t) => !t.overridesFreeze && ++passed > 0 : undefined,
        isDead: (t) => tracker.isDead(`ticket#${t.seq}`, t.heartbeat, t.leaseMs, now),
        remove: async (t) => {
          const removed = await attempt(() => polled.lock.removeDeadTicket(env, t));
          if (removed)
            log.warning(
              `Removed the dead ticket #${t.seq} of ${t.correlationId} (no heartbeat for ${formatDuration(t.leaseMs)}).`
            );
          return removed === true;
        }
      });

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

      if (opts.skipSuperseded && me.run.ref) {
        const newer = view.tickets.find(
          (t) =>
            t.seq > ticket.seq &&
            t.run.ref === me.run.ref &&
            // A newer normal run does not drop an older hotfix (it would queue behind the rest),
            // nor a run without override-freeze one with it (it would be held by the freeze).
            atLeastAsHigh(t, ticket) &&
            (!overriding || t.overridesFreeze === true) &&
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
      if (queuePosition === undefined) {
        await readFreezes();
        frozenOnArrival = freezes.current !== undefined && !overriding;
      } else if (!myTurn && now - freezes.readAtMs >= STACK_CHECK_MS && (await readFreezes()))
        // Behind others: a freeze set meanwhile is said now (log, Slack), not only at its turn.
        freezes.holds(now);
      // override-freeze goes whatever the freezes say, so a read that failed does not hold it.
      const frozen = myTurn && (!(await readFreezes()) ? !overriding : freezes.holds(now));
      if (freezesDenied) return finish('misconfigured', { registryError: freezesDenied });
      if (corrupt) return finish('corrupt', { unreadable: corrupt });
      // A run held by a freeze reads the stacks as a waiter does, not at every poll.
      if (poll === 1 || (myTurn && !frozen) || now - stacksReadAt >= STACK_CHECK_MS) {
        if (poll > 1) stacks = await reader.describeStacks(me.stacks);
        stacksReadAt = now;
        busy = stacks.some((s) => isInProgress(s.status))
          ? await readActivity(reader, stacks, settledNested)
          : [];
        if (busy.length > 0) firstBusy ??= busy;
      }
      if (queuePosition === undefined) {
        // Said in the log on arrival, whoever is ahead (and told in the arrival notice).
        if (frozenOnArrival) freezes.holds(now);
        queuePosition = ahead.length + (holder || busy.length > 0 ? 1 : 0);
        // Told in the background: a slow Slack never holds up the wait.
        arrivalNotice = opts
          .onArrival?.({
            registry,
            position: queuePosition,
            holder,
            ahead,
            busy,
            frozen: frozenOnArrival ? freezes.current : undefined
          })
          .catch((err: unknown) => log.warning(`Arrival notice failed: ${(err as Error).message}`));
      }

      // A window that opened while the stacks were read holds it too (the freezes as just read);
      // one that closed meanwhile ends the passing of the frozen tickets: they may go now.
      const holdBack = (): boolean => {
        const inForce = freezes.at(clock.now());
        return passed > 0 ? !inForce : inForce && freezes.holds(clock.now());
      };
      if (myTurn && !frozen && busy.length === 0 && !holdBack()) {
        if (stale)
          log.warning(
            `Taking over the lock of ${holder!.correlationId} (${holder!.run.runUrl ?? 'no run link'}): ${stale}.`,
            { title: 'Stale lock taken over' }
          );
        const sentAt = clock.now();
        const got = await attempt(() => polled.lock.acquire(me, view.lock));
        if (got) {
          // The lease is on the registry that granted the lock (the one this poll read).
          opts.onAcquired?.(got, polled, sentAt);
          return finish('acquired', {
            registry: polled,
            holder: got,
            lockBefore: view.lock,
            tookOver: stale && holder ? { from: holder, reason: stale } : undefined
          });
        }
        if (corrupt) return finish('corrupt', { unreadable: corrupt });
        if (failures === 0) {
          // Refused: another run went first (its holding shows in the next read), or the lock's
          // condition cannot be met at all. Either way the next try comes after a pause.
          if (++lostAcquires >= MAX_LOST_ACQUIRES)
            return unmet(
              'acquire',
              'holder, fence, heartbeat',
              'a lock that is free, or held as last read',
              `one the acquire's condition refused ${lostAcquires} times in a row with no holder to show for it`
            );
          log.info('Another run took the lock first; waiting again.');
          if (!(await pause(backoffMs(lostAcquires - 1, headMs, opts.pollIntervalMs))))
            return endOfWait();
          continue;
        }
      }
      if (holder && !stale) lostAcquires = 0;

      now = clock.now();
      const queue = { ticket, ahead, holder, stale };
      log.info(pollReport(poll, now - started, opts, queue, queuePosition) + freezes.note(now));
      logActivity(log, busy, seenEvents, now, opts);
      // First in line behind a live holder: watch the lock more often, so a release is seen at once.
      const head = ahead.length === 0 && holder && !stale && headMs < opts.pollIntervalMs;
      if (head && !saidHead) {
        saidHead = true;
        log.info(
          `First in line: reading the lock every ${formatDuration(headMs)} until ${holder.correlationId} releases it (the whole queue every ${formatDuration(opts.pollIntervalMs)}).`
        );
      }
      const waited = head ? headPause(polled, holder) : pause(opts.pollIntervalMs);
      if (!(await waited)) return endOfWait();
    }
  } finally {
    // Whatever ended the wait (an error included), the ticket's heartbeat ends with it.
    await keeper.stop();
  }
}
