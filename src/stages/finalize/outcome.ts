import type { Config } from '../../config/config.js';
import { State } from '../../config/state.js';
import type { Lease } from '../../coordination/lease.js';
import type { RecoveryResult } from '../../coordination/recover.js';
import { activeCorrelationId } from '../../domain/activity.js';
import { resourceTypeSeconds } from '../../domain/estimate.js';
import {
  describeForeign,
  judgeOperations,
  ownEvents,
  splitOperations,
  type JudgedOperation,
  type TagSighting
} from '../../domain/ownership.js';
import { describeRootCause, type RootCause } from '../../domain/root-cause.js';
import { deepestCause } from '../../coordination/deepest-cause.js';
import { OUTCOME_TRANSITION, outcomeOf, type Outcome } from '../../domain/outcome.js';
import type { NestedEvent, StackEvent, StackSnapshot } from '../../domain/stack.js';
import { inTimeOrder, operationAt } from '../../domain/tree.js';
import { nestedEvents } from '../../coordination/stack-tree.js';
import { leased } from '../../domain/turn-result.js';
import type { HistoryEntry, TransitionEntry } from '../../ports/registry.js';
import { finalizeWarning, releaseBudget, safely, statuses, type StageDeps } from '../deps.js';

/** What happened to the stacks since the lock was taken. */
export interface Deployment {
  readonly outcome: Outcome;
  readonly sinceMs: number;
  readonly acquiredAt: string;
  readonly stacks: readonly StackSnapshot[];
  /** The events of this deployment's own operations. */
  readonly events: readonly StackEvent[];
  /** Their nested stacks' events in the same time (their paths in `nestedIn`). */
  readonly nested: readonly NestedEvent[];
  /**
   * Why it failed (a failed deployment only): the first failed resource, deepest first (inside
   * nested stacks), else the stack's reason.
   */
  readonly rootCause?: RootCause;
  /** Operations since the lock that were not this deployment's (domain/ownership.ts). */
  readonly foreign: readonly JudgedOperation[];
  /** A succeeded deployment's stacks that do not carry its DeploymentCorrelationId tag. */
  readonly untagged: readonly string[];
}

/**
 * The outcome, from the stacks and this deployment's own operations among their events since the
 * lock was taken: told from anyone else's by token and tag (the monitor's snapshots of the tags
 * while they ran, and finalize's own), else by time.
 */
export async function assess(
  d: StageDeps & { readonly stepCancelled: () => Promise<boolean | undefined> },
  acquiredAtState: string | undefined,
  observations: readonly Record<string, unknown>[] = []
): Promise<Deployment> {
  const { config } = d;
  const acquiredAt = acquiredAtState || new Date(d.clock.now()).toISOString();
  // Events of coordinate's own repairs (before deploy-from) are not this deployment's operation.
  const deployFrom = Date.parse(d.io.getState(State.DeployFrom));
  const sinceMs = Math.max(Date.parse(acquiredAt), Number.isNaN(deployFrom) ? 0 : deployFrom);
  const all: StackEvent[] = [];
  for (const s of config.stackNames) all.push(...(await d.reader.eventsAfter(s, sinceMs)));
  // Read after the events, so the tags it shows are those of the operation the events end in.
  const stacks = await d.reader.describeStacks(config.stackNames);
  const sightings: TagSighting[] = [
    ...sightingsIn(observations),
    ...stacks.map((s) => ({
      stack: s.name,
      status: s.status,
      tag: activeCorrelationId(s) ?? '',
      afterEventId: all.filter((e) => e.stackName === s.name).at(-1)?.id
    }))
  ];
  const operations = judgeOperations(splitOperations(all), {
    correlationId: d.log.correlationId,
    sightings,
    tagsBefore: tagsBefore(d.io.getState(State.TagsBefore))
  });
  const events = ownEvents(operations);
  const nested = await ownNestedEvents(d, operations, sinceMs);
  const outcome = await outcomeOf(stacks, operations, d.stepCancelled);
  const rootCause =
    outcome === 'failed' ? await deepestCause(d, events, stacks, sinceMs) : undefined;
  const untagged =
    outcome === 'succeeded'
      ? stacks
          .filter((s) => operations.some((op) => op.ours && op.stack === s.name))
          .filter((s) => activeCorrelationId(s) !== d.log.correlationId)
          .map((s) => s.name)
      : [];
  const foreign = operations.filter((op) => !op.ours);
  return { outcome, sinceMs, acquiredAt, stacks, events, nested, rootCause, foreign, untagged };
}

/**
 * The nested stacks' events of this deployment's own operations: those that happened while an own
 * operation of their covered stack was in force (someone else's operation moves them too).
 */
async function ownNestedEvents(
  d: StageDeps,
  operations: readonly JudgedOperation[],
  sinceMs: number
): Promise<NestedEvent[]> {
  const out: NestedEvent[] = [];
  for (const stack of new Set(operations.filter((op) => op.ours).map((op) => op.stack))) {
    const own = operations.filter((op) => op.ours && op.stack === stack);
    const nested = await nestedEvents(
      d.reader,
      own.flatMap((op) => op.events),
      sinceMs,
      {
        onError: (arn, err) =>
          d.log.debug(`Could not read the events of nested stack ${arn}: ${err.message}`)
      }
    );
    out.push(...nested.filter((e) => operationAt(operations, stack, e.timestamp.getTime())?.ours));
  }
  return inTimeOrder(out);
}

/** The monitor's snapshots of the stacks' tags (its `stack-tag` observations). */
function sightingsIn(observations: readonly Record<string, unknown>[]): TagSighting[] {
  return observations.flatMap((o) =>
    o['type'] === 'stack-tag' &&
    typeof o['stack'] === 'string' &&
    typeof o['status'] === 'string' &&
    typeof o['tag'] === 'string'
      ? [
          {
            stack: o['stack'],
            status: o['status'],
            tag: o['tag'],
            afterEventId: typeof o['afterEventId'] === 'string' ? o['afterEventId'] : undefined
          }
        ]
      : []
  );
}

/** coordinate's record of the tags the deploy step started from; undefined when not there. */
function tagsBefore(saved: string): Record<string, string> | undefined {
  if (!saved) return undefined;
  try {
    const parsed: unknown = JSON.parse(saved);
    if (!parsed || typeof parsed !== 'object') return undefined;
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')
    );
  } catch {
    return undefined;
  }
}

/** The outcome in the log, with the stacks as they are after any repair. */
export async function logOutcome(
  d: StageDeps,
  deployment: Deployment,
  recoveries: readonly RecoveryResult[]
): Promise<void> {
  const after =
    recoveries.length > 0 ? await d.reader.describeStacks(d.config.stackNames) : deployment.stacks;
  const cause = deployment.rootCause
    ? ` (root cause: ${describeRootCause(deployment.rootCause)})`
    : deployment.outcome === 'failed'
      ? ' (no failed resource or stack reason was found in the events)'
      : '';
  d.log.info(`Outcome: ${deployment.outcome}${cause}. Stacks now: ${statuses(after)}`);
  for (const op of deployment.foreign)
    d.log.warning(
      `A stack operation that is not this deployment's ran while it held the lock: ${describeForeign(op)}. It is not counted in this deployment's outcome.`,
      { title: 'Foreign stack operation' }
    );
  if (deployment.untagged.length > 0)
    d.log.info(
      `${deployment.untagged.join(', ')} do not carry this deployment's DeploymentCorrelationId tag: its operations were told from others' by time alone. Pass the cfn-tags output to the deploy step (see the job summary).`
    );
  if (deployment.outcome === 'still-running')
    d.log.warning(
      'The job ended while CloudFormation is still working: releasing the lock; the next run is still held back by the in-progress check.',
      { title: 'Deployment still running' }
    );
}

/** The release, whatever failed before it: true released, false not this run's (said already), undefined no lock or no answer. */
export async function release(
  d: StageDeps,
  lease: Lease | undefined,
  outcome: string
): Promise<boolean | undefined> {
  const { log, config } = d;
  const env = config.environment;
  if (!lease) {
    log.info(
      `No acquisition of ${env} by this run was found (in state or the lock): nothing to release.`
    );
    return undefined;
  }
  if (lease.lost) return false;
  const released = await lease.release(outcome, releaseBudget(config));
  const { fence } = lease.key;
  if (released && !leased(lease.key))
    log.info('CloudFormation-only coordination holds no lock: nothing to release.');
  else if (released) log.info(`Released ${env} (fencing token ${fence}), outcome ${outcome}.`);
  else if (released === undefined)
    log.warning(
      `Could not release ${env} (the registry did not answer): the lock expires after lease-minutes.`,
      { title: 'Registry unavailable' }
    );
  else log.info(`Nothing to release: ${env} is no longer held under fencing token ${fence}.`);
  return released;
}

/** On the record and in the history: only for a deployment whose release this run made. */
export async function recordOutcome(
  d: StageDeps,
  deployment: Deployment | undefined,
  released: boolean | undefined,
  /** Who answered the question (in Slack) that let the deployment go ahead. */
  by?: TransitionEntry['by']
): Promise<void> {
  const { log, config, registry } = d;
  if (!deployment || !released) return;
  const { outcome } = deployment;
  const now = new Date(d.clock.now()).toISOString();
  const rootCause = deployment.rootCause && describeRootCause(deployment.rootCause);
  await safely(
    log,
    async () => {
      await registry.records.addTransition(
        log.correlationId,
        {
          state: OUTCOME_TRANSITION[outcome],
          at: now,
          note: rootCause ? `${outcome}: ${rootCause}` : outcome,
          ...(by ? { by } : {})
        },
        rootCause ? { outcome, rootCause } : { outcome }
      );
      await registry.records.addTransition(log.correlationId, { state: 'released', at: now });
      if (outcome === 'no-change') return;
      await registry.history.add(
        historyEntry(log.correlationId, config, deployment, d.clock.now())
      );
      await registry.history.save();
    },
    finalizeWarning
  );
}

/** When the deployment's events began and ended (the lock's time and now without any). */
export function span(deployment: Deployment, now: number): { first: number; last: number } {
  const first = deployment.events[0]?.timestamp.getTime() ?? deployment.sinceMs;
  const last = deployment.events.at(-1)?.timestamp.getTime() ?? now;
  return { first, last };
}

/** The deployment's events across its tree, in time order. */
export const treeEvents = (deployment: Deployment): NestedEvent[] =>
  inTimeOrder([...deployment.events, ...deployment.nested]);

function historyEntry(
  correlationId: string,
  config: Config,
  deployment: Deployment,
  now: number
): HistoryEntry {
  const { first, last } = span(deployment, now);
  return {
    correlationId,
    environment: config.environment,
    stacks: config.stackNames,
    outcome: deployment.outcome,
    startedAt: new Date(first).toISOString(),
    endedAt: new Date(last).toISOString(),
    durationMs: last - first,
    resourceTypeSeconds: resourceTypeSeconds(treeEvents(deployment))
  };
}
