import { DEFAULT_EXPECTED_DURATION_MS } from '../../config/config.js';
import type { TurnOutcome } from '../../coordination/wait-for-turn.js';
import { formatDuration } from '../../domain/durations.js';
import { historyEstimate, expectation, type Expectation } from '../../domain/expectation.js';
import {
  durationMs,
  pastOperationId,
  pastOperationKind,
  pastOperations,
  type PastOperation
} from '../../domain/past-operations.js';
import type { HistoryEntry, HistoryStore } from '../../ports/registry.js';
import { safely, type StageDeps } from '../deps.js';
import type { Arrival } from './arrive.js';

/** How many of the newest history entries an estimate looks at. */
const HISTORY_SAMPLE = 50;

/** The estimate and the history it was made from (for the monitor's per resource-type timings). */
export interface Estimated {
  readonly expected: Expectation;
  readonly history: readonly HistoryEntry[];
}

/**
 * The estimate (see `expectation`): expected-duration-minutes, else the history. Stacks the history
 * cannot estimate are looked up in CloudFormation's event history, and what their past operations
 * took is added to the history, so that later runs find it there and read the events no more.
 * `known`: entries this run learned before, kept even where the history keeps nothing.
 */
export async function estimate(
  d: StageDeps,
  history: HistoryStore,
  known: readonly HistoryEntry[] = []
): Promise<Estimated> {
  const { config } = d;
  const recent = await history.recent(config.environment, HISTORY_SAMPLE).catch(() => []);
  let entries = merged(recent, known.filter(learned));
  if (config.expectedDurationMs === undefined) {
    const unknown = config.stackNames.filter((s) => !historyEstimate(entries, [s]));
    if (!historyEstimate(entries, config.stackNames) && unknown.length > 0) {
      const found = (await Promise.all(unknown.map((s) => readPastOperations(d, s)))).flat();
      const fresh = found.map((op) => historyEntry(config.environment, op));
      for (const entry of fresh) await safely(d.log, () => history.add(entry));
      entries = merged(entries, fresh);
    }
  }
  const expected = expectation(
    config,
    historyEstimate(entries, config.stackNames),
    DEFAULT_EXPECTED_DURATION_MS
  );
  return { expected, history: entries };
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

const learned = (e: HistoryEntry): boolean => pastOperationKind(e.correlationId) !== undefined;

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
  if (turn.queuePosition === 0 && turn.waitedFor.length === 0) return arrival;
  const { expected, history } = await estimate(d, turn.registry.history, arrival.history);
  const before = arrival.expected.estimate;
  const now = expected.estimate;
  if (now.expectedMs !== before.expectedMs || now.basis !== before.basis)
    d.log.info(`Estimate at this run's turn: ${formatDuration(now.expectedMs)} (${now.basis}).`);
  return { ...arrival, expected, history, info: { ...arrival.info, estimate: now } };
}
