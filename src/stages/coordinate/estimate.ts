import { DEFAULT_EXPECTED_DURATION_MS } from '../../config/config.js';
import type { TurnOutcome } from '../../coordination/wait-for-turn.js';
import { formatDuration } from '../../domain/durations.js';
import { historyEstimate, expectation, type Expectation } from '../../domain/expectation.js';
import {
  durationMs,
  pastOperationId,
  pastOperations,
  type PastOperation
} from '../../domain/past-operations.js';
import type { HistoryEntry, HistoryStore, Unreadable } from '../../ports/registry.js';
import { REPAIR_COMMAND, describeUnreadable } from '../../ports/registry-errors.js';
import type { StageDeps } from '../deps.js';
import type { Arrival } from './arrive.js';

/** How many of the newest history entries an estimate looks at. */
const HISTORY_SAMPLE = 50;

/** The estimate, the history it was made from, and what was learned from CloudFormation for it. */
export interface Estimated {
  readonly expected: Expectation;
  readonly history: readonly HistoryEntry[];
  /** Entries read from CloudFormation's event history, not yet in the history (`storeLearned`). */
  readonly learned: readonly HistoryEntry[];
}

/** At most this many learned entries per stack are kept (the newest). */
const LEARNED_PER_STACK = 20;

/**
 * The estimate (see `expectation`): expected-duration-minutes, else the history. Stacks the history
 * cannot estimate are looked up in CloudFormation's event history (when the history could be read
 * at all); what their past operations took is returned as `learned`, for `storeLearned` to keep
 * once the run has its place in the queue. Nothing is written here: arriving stays a few reads.
 * `known`: the history this run read before (kept where the history now reads nothing).
 */
export async function estimate(
  d: StageDeps,
  history: HistoryStore,
  known?: readonly HistoryEntry[]
): Promise<Estimated> {
  const { config } = d;
  const read = await history.recent(config.environment, HISTORY_SAMPLE).catch(() => undefined);
  // Said once, on arrival (`known` is what the arrival read: its turn reads the history again).
  if (read?.unreadable.length && !known) warnUnreadableHistory(d, read.unreadable);
  const recent = read?.items;
  let entries = merged(recent ?? [], known ?? []);
  let learned: HistoryEntry[] = [];
  if (config.expectedDurationMs === undefined && recent !== undefined) {
    const unknown = config.stackNames.filter((s) => !historyEstimate(entries, [s]));
    if (!historyEstimate(entries, config.stackNames) && unknown.length > 0) {
      const found = await Promise.all(unknown.map((s) => readPastOperations(d, s)));
      learned = found.flatMap((ops) =>
        ops.slice(-LEARNED_PER_STACK).map((op) => historyEntry(config.environment, op))
      );
      entries = merged(entries, learned);
    }
  }
  const expected = expectation(
    config,
    historyEstimate(entries, config.stackNames),
    DEFAULT_EXPECTED_DURATION_MS
  );
  return { expected, history: entries, learned };
}

/** Unreadable history items are left out of the estimate, with one warning that names them. */
function warnUnreadableHistory(d: StageDeps, unreadable: readonly Unreadable[]): void {
  const [first] = unreadable;
  const more = unreadable.length > 1 ? ` (and ${unreadable.length - 1} more)` : '';
  d.log.warning(
    `History item ${describeUnreadable(first!)}${more}: left out of the estimate. List and repair: ${REPAIR_COMMAND} --registry-table ${d.config.registryTable ?? 'TABLE'}`,
    { title: 'Unreadable history' }
  );
}

/**
 * Keeps what was learned from CloudFormation in the history, so later runs read the events no more:
 * after the run has its place in the queue, one write at a time, stopping at the first that fails.
 */
export async function storeLearned(
  d: StageDeps,
  history: HistoryStore,
  learned: readonly HistoryEntry[]
): Promise<void> {
  for (const entry of learned) {
    try {
      await history.add(entry);
    } catch (err) {
      d.log.warning(
        `Could not keep what CloudFormation's event history says in the history (${(err as Error).message}): a later run reads it again.`,
        { title: 'History not written' }
      );
      return;
    }
  }
}

/** A stack's successful past operations in its event history; none when it cannot be read. */
async function readPastOperations(d: StageDeps, stack: string): Promise<PastOperation[]> {
  try {
    const ops = pastOperations(stack, await d.reader.pastEvents(stack));
    const ok = ops.filter((op) => op.succeeded);
    const others = ops.length - ok.length;
    d.log.info(
      `No history to estimate ${stack} from: its event history in CloudFormation holds ${ok.length} successful past operation${ok.length === 1 ? '' : 's'}${others > 0 ? ` (and ${others} rolled back or failed, not counted)` : ''}.`
    );
    return ok;
  } catch (err) {
    d.log.warning(
      `Could not read the past events of ${stack} for the estimate: ${(err as Error).message}`,
      { title: 'Event history not read' }
    );
    return [];
  }
}

function historyEntry(environment: string, op: PastOperation): HistoryEntry {
  return {
    correlationId: pastOperationId(op),
    environment,
    stacks: [op.stack],
    outcome: 'succeeded',
    startedAt: op.startedAt.toISOString(),
    endedAt: op.endedAt.toISOString(),
    durationMs: durationMs(op),
    resourceTypeSeconds: op.resourceTypeSeconds
  };
}

/** Both lists as one history, each entry once, newest first (as the history reads). */
function merged(a: readonly HistoryEntry[], b: readonly HistoryEntry[]): HistoryEntry[] {
  const byId = new Map([...a, ...b].map((e) => [e.correlationId, e]));
  return [...byId.values()].sort((x, y) => y.endedAt.localeCompare(x.endedAt));
}

/**
 * The estimate made anew when this run's turn comes: the history may have grown while it waited
 * (the deployment it waited for has just finished and been recorded). A run that found nobody
 * ahead of it keeps the estimate it arrived with.
 */
export async function estimateAtTurn(
  d: StageDeps,
  arrival: Arrival,
  turn: TurnOutcome
): Promise<Arrival> {
  // Nobody was ahead (no holder, no busy stack): nothing can have finished since it arrived.
  if (turn.queuePosition === 0 && turn.waitedFor.length === 0 && turn.busy.length === 0)
    return arrival;
  const { expected, history } = await estimate(d, turn.registry.history, arrival.history);
  const before = arrival.expected.estimate;
  const now = expected.estimate;
  if (now.expectedMs !== before.expectedMs || now.basis !== before.basis)
    d.log.info(`Estimate at this run's turn: ${formatDuration(now.expectedMs)} (${now.basis}).`);
  return { ...arrival, expected, history, info: { ...arrival.info, estimate: now } };
}
