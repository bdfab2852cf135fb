import { priorityOf, servedBefore, type Priority } from '../domain/priority.js';
import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { median } from '../domain/estimate.js';
import { historyEstimate } from '../domain/expectation.js';
import { ALL_ENVIRONMENTS, frozenAt, windowAt, type Freeze } from '../domain/freeze.js';
import type {
  HistoryEntry,
  HistoryStore,
  LockQueue,
  QueueView,
  Ticket,
  Unreadable
} from '../ports/registry.js';
import { RegistryCorruptError } from '../ports/registry-errors.js';

// What `status` shows of an environment without its stacks: who holds it, who waits, any freeze,
// and when each is expected to end or start. The shape of `status --json` without --stack-name.

export interface HolderOverview {
  readonly correlationId: string;
  readonly runUrl?: string;
  /** When it took the lock. */
  readonly since: string;
  readonly fence: number;
  readonly stacks: readonly string[];
  readonly expectedEnd: string;
  readonly expectedMs: number;
  /** How expectedMs was made ('median of 5 successful deployments, ...', 'no history yet'). */
  readonly estimateBasis: string;
}

export interface WaiterOverview {
  /** 1: next in line. */
  readonly position: number;
  readonly priority: Priority;
  /** The queue ticket's number, as the run's log says it ('Queued with ticket #7'). */
  readonly ticket: number;
  readonly correlationId: string;
  readonly runUrl?: string;
  readonly waitingSince: string;
  readonly expectedStart: string;
  /**
   * Its run goes through deploy freezes (override-freeze): while one holds the environment it is
   * served before the frozen waiters, and its start is not put off until the freeze ends.
   */
  readonly overridesFreeze?: true;
}

/** The freezes holding the environment now (filled by `FreezeLookup`): until when, why, who, which. */
export interface FreezeOverview {
  readonly reason: string;
  /** The end of the frozen stretch; with `openEnded`, how far it was looked for (still frozen there). */
  readonly until?: string;
  /** No end in sight (windows that run into each other past the search's bound): until thawed. */
  readonly openEnded?: true;
  readonly by?: string;
  readonly ids?: readonly string[];
}

export interface EnvironmentOverview {
  readonly environment: string;
  readonly holder?: HolderOverview;
  /** The last release, while the lock is free. */
  readonly last?: {
    readonly correlationId: string;
    readonly outcome?: string;
    readonly at?: string;
  };
  readonly queue: readonly WaiterOverview[];
  readonly freeze?: FreezeOverview;
}

export interface Overview {
  /** When it was read. */
  readonly at: string;
  readonly environments: readonly EnvironmentOverview[];
  /** Items the view could not read (an environment's lock or queue, a freeze): listed, not fatal. */
  readonly unreadable?: readonly Unreadable[];
}

/** The hook for freezes: the environment's freeze in force, if any. */
export type FreezeLookup = (environment: string) => Promise<FreezeOverview | undefined>;

/**
 * The freezes as the view shows them, from one read of them all at `now`: the lookup, and the
 * environments a freeze in force names (listed even before a run has queued in them).
 */
export function freezeLookup(
  freezes: readonly Freeze[],
  now: number
): { lookup: FreezeLookup; environments: string[] } {
  const lookup: FreezeLookup = (environment) => {
    const frozen = frozenAt(freezes, environment, now);
    if (!frozen) return Promise.resolve(undefined);
    const by = [...new Set(frozen.windows.map((w) => w.freeze.by))].join(', ');
    return Promise.resolve({
      reason: frozen.windows.map((w) => w.freeze.reason).join('; '),
      until: iso(frozen.until),
      ...(frozen.openEnded ? { openEnded: true as const } : {}),
      by,
      ids: frozen.windows.map((w) => w.freeze.id)
    });
  };
  const environments = [
    ...new Set(
      freezes
        .filter((f) => f.environment !== ALL_ENVIRONMENTS && windowAt(f, now))
        .map((f) => f.environment)
    )
  ];
  return { lookup, environments };
}

/**
 * The tickets in the order they are served: a higher priority first, arrival order within one;
 * while the environment is frozen, those that override the freeze before the frozen ones (they
 * pass them: the frozen cannot go anyway).
 */
export function servedOrder<T extends Ticket>(tickets: readonly T[], frozen: boolean): T[] {
  const byPriority = [...tickets].sort((a, b) =>
    servedBefore(a, b) ? -1 : servedBefore(b, a) ? 1 : 0
  );
  if (!frozen) return byPriority;
  return [
    ...byPriority.filter((t) => t.overridesFreeze),
    ...byPriority.filter((t) => !t.overridesFreeze)
  ];
}

/** How many finished deployments the estimates look at (as `estimate` does). */
export const OVERVIEW_HISTORY = 100;

/**
 * An environment as its lock, queue and history show it at `now`. The holder's expected end is
 * from the history of its stacks, else from the environment's usual deployment; each waiter is
 * expected to start once the holder and those ahead of it have taken the usual time (a ticket
 * does not say which stacks it deploys). While a freeze holds the environment the frozen waiters
 * start after it ends, and those that override it go first, their start not put off by it.
 */
export function environmentOverview(
  view: QueueView,
  history: readonly HistoryEntry[],
  now: number,
  freeze?: FreezeOverview
): EnvironmentOverview {
  const usual = usualDuration(history);
  const { lock, tickets } = view;
  let holder: HolderOverview | undefined;
  let nextStart = now;
  if (lock.holder) {
    const own = historyEstimate(history, lock.holder.stacks);
    const expectedMs = own?.expectedMs ?? usual.expectedMs;
    const end = Date.parse(lock.holder.acquiredAt) + expectedMs;
    holder = {
      correlationId: lock.holder.correlationId,
      runUrl: lock.holder.run.runUrl,
      since: lock.holder.acquiredAt,
      fence: lock.holder.fence,
      stacks: lock.holder.stacks,
      expectedEnd: iso(end),
      expectedMs,
      estimateBasis: own?.basis ?? usual.basis
    };
    // Overdue: the next one may start any moment.
    if (Number.isFinite(end)) nextStart = Math.max(now, end);
  }
  const thaw = freeze?.until ? Date.parse(freeze.until) : NaN;
  const frozen = freeze !== undefined;
  // In the order they are served (while frozen, those that override the freeze first), each
  // after the one ahead has taken the usual time; nobody else starts before the freeze ends.
  const queue = servedOrder(tickets, frozen).map((t, i): WaiterOverview => {
    const start =
      frozen && !t.overridesFreeze && Number.isFinite(thaw) ? Math.max(nextStart, thaw) : nextStart;
    nextStart = start + usual.expectedMs;
    return {
      position: i + 1,
      priority: priorityOf(t),
      ticket: t.seq,
      correlationId: t.correlationId,
      runUrl: t.run.runUrl,
      waitingSince: t.enqueuedAt,
      expectedStart: iso(start),
      ...(t.overridesFreeze ? { overridesFreeze: true as const } : {})
    };
  });
  const last =
    !lock.holder && lock.lastHolder
      ? { correlationId: lock.lastHolder, outcome: lock.lastOutcome, at: lock.releasedAt }
      : undefined;
  return { environment: lock.environment, holder, last, queue, freeze };
}

/** The environment's usual deployment, whatever its stacks: the median of recent successes. */
function usualDuration(history: readonly HistoryEntry[]): { expectedMs: number; basis: string } {
  const durations = history
    .filter((h) => h.outcome === 'succeeded')
    .slice(0, 20)
    .map((h) => h.durationMs);
  const m = median(durations);
  if (m === undefined) return { expectedMs: DEFAULT_EXPECTED_DURATION_MS, basis: 'no history yet' };
  const n = durations.length;
  return {
    expectedMs: m,
    basis: `median of ${n} successful deployment${n === 1 ? '' : 's'} of the environment`
  };
}

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

/**
 * Reads the overview: the given environments, else every one in the index; per environment one
 * read of the lock and queue, and of the history only when someone holds or waits.
 */
export async function readOverview(
  stores: { readonly lock: LockQueue; readonly history: HistoryStore },
  environments: readonly string[] | undefined,
  now: () => number,
  freezes?: {
    readonly lookup: FreezeLookup;
    readonly environments: readonly string[];
    readonly unreadable?: readonly Unreadable[];
  }
): Promise<Overview> {
  const names =
    environments ??
    [...new Set([...(await stores.lock.environments()), ...(freezes?.environments ?? [])])].sort();
  const unreadable: Unreadable[] = [];
  const list = await Promise.all(
    names.map(async (environment) => {
      const [view, freeze] = await Promise.all([
        stores.lock.view(environment).catch((err: unknown) => {
          // One environment's unreadable lock or queue is shown as such; the others as usual.
          if (!(err instanceof RegistryCorruptError)) throw err;
          unreadable.push(err.item);
          return undefined;
        }),
        freezes?.lookup(environment)
      ]);
      if (!view) return undefined;
      const busy = Boolean(view.lock.holder) || view.tickets.length > 0;
      const history = busy
        ? (await stores.history.recent(environment, OVERVIEW_HISTORY)).items
        : [];
      return environmentOverview(view, history, now(), freeze);
    })
  );
  const environmentsRead = list.filter((e) => e !== undefined);
  const all = [...unreadable, ...(freezes?.unreadable ?? [])];
  return {
    at: new Date(now()).toISOString(),
    environments: environmentsRead,
    ...(all.length > 0 ? { unreadable: all } : {})
  };
}
