import { RegistryUnavailableError } from '../ports/registry-errors.js';
import type { Registry } from '../ports/registry.js';
import type { FreezeWatch } from './freeze-watch.js';
import type { TicketKeeper } from './ticket-keeper.js';
import type { Remembered, TurnObserver } from './turn-observer.js';
import type { Ending } from './turn-sight.js';
import type { TurnDeps, TurnOptions, TurnOutcome } from './turn.js';

/** How long an acquired run still waits for its 'queued' notice to go out. */
const ARRIVAL_NOTICE_GRACE_MS = 2_000;

/** What a wait has come to when it ends. */
export interface Waiting {
  readonly deps: TurnDeps;
  readonly opts: TurnOptions;
  readonly started: number;
  readonly keeper: TicketKeeper;
  readonly registry: Registry;
  readonly fallbackReason?: string;
  readonly arrivalNotice?: Promise<void>;
  readonly memory: Remembered;
  readonly eyes: TurnObserver;
  readonly freezes: FreezeWatch;
}

/** Ends the wait as decided. */
export function endWait(w: Waiting, ending: Ending): Promise<TurnOutcome> {
  switch (ending.kind) {
    case 'frozen':
      // Time is up: a freeze still in force outlasted the wait (whoever else was ahead).
      return finishWait(w, 'frozen', {
        freeze: { heldBy: w.freezes.heldBy ?? ending.frozen, endedBy: ending.frozen }
      });
    case 'superseded': {
      const { by } = ending;
      w.deps.log.info(
        `A newer run for ${w.opts.me.run.ref} is queued behind this one (${by.correlationId}, ${by.run.runUrl ?? 'no run link'}): skipping this older deployment.`
      );
      return finishWait(w, 'superseded', { supersededBy: by });
    }
    case 'misconfigured':
      return finishWait(w, 'misconfigured', { registryError: ending.error });
    case 'corrupt':
      return finishWait(w, 'corrupt', { unreadable: ending.unreadable });
    default:
      return finishWait(w, ending.kind);
  }
}

export async function finishWait(
  w: Waiting,
  kind: TurnOutcome['kind'],
  extra: Partial<TurnOutcome> = {}
): Promise<TurnOutcome> {
  const { deps } = w;
  const env = w.opts.me.environment;
  const t = await w.keeper.drop();
  try {
    if (t) await w.registry.lock.removeTicket(env, t.seq);
    if (t && t.seq > 0) deps.log.info(`Removed this run's queue ticket #${t.seq}.`);
  } catch (err) {
    // finalize tries again (the ticket is in state); else it expires as dead after a lease.
    if (!(err instanceof RegistryUnavailableError)) throw err;
    deps.log.info(`Could not remove this run's queue ticket #${t?.seq} (${err.message}).`);
  }
  const waitedMs = deps.clock.now() - w.started;
  // The 'queued' notice is moot once the lock is held: a slow Slack must not hold up the deployment.
  if (kind === 'acquired') {
    const grace = new AbortController();
    await Promise.race([w.arrivalNotice, deps.sleep(ARRIVAL_NOTICE_GRACE_MS, grace.signal)]);
    grace.abort();
  } else await w.arrivalNotice;
  return {
    kind,
    registry: w.registry,
    fallbackReason: w.fallbackReason,
    waitedMs,
    queuePosition: w.memory.position ?? 0,
    stacks: w.eyes.stacks,
    busy: w.eyes.firstBusy ?? [],
    waitedFor: [...w.memory.waitedFor.values()],
    freeze: { heldBy: w.freezes.heldBy, overridden: w.freezes.overridden },
    ...extra
  };
}
