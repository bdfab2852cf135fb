import { State, type CoordinationResult } from '../../config/state.js';
import type { Lease } from '../../coordination/lease.js';
import { reportFindings } from '../../coordination/report-findings.js';
import { describeHolder, type TurnOutcome } from '../../coordination/wait-for-turn.js';
import { describeActivity } from '../../domain/activity.js';
import { formatDuration } from '../../domain/durations.js';
import {
  activeDeploymentFindings,
  otherFindings,
  registryCorruptFinding,
  registryMisconfiguredFinding,
  type Finding
} from '../../domain/findings.js';
import { activeFailed, goNoGo, type Ask } from '../../domain/go-no-go.js';
import { recoveryAction } from '../../domain/recovery.js';
import { classifyStatus } from '../../domain/stack-status.js';
import type { StackSnapshot } from '../../domain/stack.js';
import { leased, NOT_ACQUIRED } from '../../domain/turn-result.js';
import { keepAnswered } from '../answered.js';
import { ask } from '../../notify/ask.js';
import { notDeployingMessage, type NotDeployingReason } from '../../notify/messages.js';
import type { ThreadRef } from '../../notify/slack.js';
import { activeCorrelationId } from '../../domain/activity.js';
import { describeFrozen, untilIso } from '../../domain/freeze.js';
import type { Holder, Registry, Unreadable } from '../../ports/registry.js';
import { REPAIR_COMMAND, describeUnreadable } from '../../ports/registry-errors.js';
import { freezeDetails } from './freeze.js';
import { record, safely, statusChannel, statuses, type StageDeps } from '../deps.js';
import { holdLease, type Holding } from '../holder.js';
import { repairUnderLease } from '../repair.js';
import type { Arrival } from './arrive.js';

type Deps = StageDeps & { readonly owner: string };

/**
 * The instant the lock is taken: on the record for finalize (owner, fence, when), and
 * heartbeating from here on.
 */
export function takeLease(
  d: Deps,
  arrival: Arrival,
  holder: Holder,
  registry: Registry,
  sentAt: number
): Holding {
  d.io.saveState(State.Registry, registry.lock.kind);
  d.io.saveState(State.Fence, String(holder.fence));
  d.io.saveState(State.AcquiredAt, holder.acquiredAt);
  const holding = holdLease(
    { ...d, registry, info: arrival.info, slack: statusChannel(d) },
    d.config.environment,
    { owner: d.owner, fence: holder.fence, correlationId: d.log.correlationId },
    d.config.leaseMs,
    'coordinate',
    sentAt
  );
  holding.lease.start();
  return holding;
}

/** The acquisition in the log and on the record (a takeover on both records). */
export async function recordAcquisition(d: Deps, turn: TurnOutcome): Promise<void> {
  const { config, log } = d;
  const { registry, holder, tookOver } = turn;
  if (turn.waitedMs > 0 && turn.queuePosition > 0)
    log.info(`This run's turn came after ${formatDuration(turn.waitedMs)}.`);
  const how = leased(holder!) ? `fencing token ${holder!.fence}` : 'CloudFormation only';
  log.info(`Acquired ${config.environment} (${how}): ${statuses(turn.stacks)}`);
  if (tookOver) {
    const from = tookOver.from.correlationId;
    await record(d, registry, 'took-over', `from ${from}: ${tookOver.reason}`);
    await safely(log, () =>
      registry.records.addTransition(from, {
        state: 'taken-over',
        at: new Date(d.clock.now()).toISOString(),
        note: `by ${log.correlationId}: ${tookOver.reason}`
      })
    );
  }
  await record(d, registry, 'acquired', undefined, { fence: holder!.fence });
}

/**
 * A stack a failed deployment left needing repair is repaired first, under the lease, with
 * finalize's policy. The repair's own events are not this deployment's: `deployFrom` is when the
 * last of them happened (CloudFormation's clock), saved for the monitor and finalize.
 */
export async function repairFirst(
  d: Deps,
  turn: TurnOutcome,
  lease: Lease
): Promise<{ stacks: readonly StackSnapshot[]; deployFrom?: string }> {
  if (!turn.stacks.some((st) => recoveryAction(st.status, d.config)))
    return { stacks: turn.stacks };
  const repairs = await repairUnderLease(d, turn.stacks, lease);
  if (repairs.length === 0) return { stacks: turn.stacks };
  const ends = await Promise.all(
    repairs.map(async (r) => (await d.reader.currentOperation(r.stack)).events.at(-1)?.timestamp)
  );
  const last = Math.max(...ends.map((t) => t?.getTime() ?? 0));
  const deployFrom = last > 0 ? new Date(last + 1).toISOString() : undefined;
  if (deployFrom) d.io.saveState(State.DeployFrom, deployFrom);
  return { stacks: await d.reader.describeStacks(d.config.stackNames), deployFrom };
}

/** What validation finds on the stacks as they are now, reported once. */
export function validate(d: Deps, turn: TurnOutcome, stacks: readonly StackSnapshot[]): Finding[] {
  const findings = [
    ...activeDeploymentFindings(stacks),
    ...otherFindings(stacks, {
      registryConfigured: Boolean(d.config.registryTable),
      registryUnavailable: turn.fallbackReason
    })
  ];
  reportFindings(d.log, findings);
  return findings;
}

/** Go or no-go, under the lease (see goNoGo); a person is asked in Slack, until the lock is lost. */
export async function decide(
  d: Deps,
  arrival: Arrival,
  turn: TurnOutcome,
  findings: readonly Finding[],
  signal: AbortSignal
): Promise<CoordinationResult> {
  const { config, log } = d;
  const askPerson: Ask = async (question) => {
    if (!d.notifier || !config.slack) return false;
    const { answer, why, by } = await ask(
      { notifier: d.notifier, log, clock: d.clock, sleep: d.sleep, signal },
      config.slack.interactChannel,
      arrival.info,
      question,
      config.askTimeoutMs,
      config.pollIntervalMs
    );
    if (answer === 'proceed') log.info(`${question} ${answer}: ${why}.`);
    else log.error(`${question} ${answer}: ${why}.`);
    // Who answered, for the record's next transition and the summary.
    if (by)
      keepAnswered(d.io, log, { question, answer, by, at: new Date(d.clock.now()).toISOString() });
    return answer === 'proceed';
  };
  const classes = new Map(turn.stacks.map((s) => [s.name, classifyStatus(s.status).class]));
  const verdict = await goNoGo(
    {
      environment: config.environment,
      findings,
      warnings: config.warnings,
      onActiveFailure: config.onActiveFailure,
      activeFailed: activeFailed({
        lockBefore: turn.lockBefore,
        waitedFor: turn.waitedFor,
        busyStacks: turn.busy.map((a) => a.stack.name),
        classes
      })
    },
    askPerson
  );
  if (verdict.say) log[verdict.say.level](verdict.say.message, { title: verdict.say.title });
  return verdict.result;
}

/**
 * In the status channel: this run is not deploying, and (when it found the environment busy) who
 * holds it and how long it waited. The 'queued' notice of a run that waited is updated in place,
 * so no 'queued' is left behind.
 */
export async function notDeployingNotice(
  d: Deps,
  arrival: Arrival,
  turn: TurnOutcome,
  reason: NotDeployingReason,
  queued: ThreadRef | undefined
): Promise<void> {
  const slack = statusChannel(d);
  if (!slack) return;
  const busyEnded = reason === 'no-wait' || reason === 'timeout' || reason === 'cancelled';
  const frozen = reason === 'frozen' ? turn.freeze?.endedBy : undefined;
  // The latest holder it waited for (it may have waited through several), else a busy stack.
  const holder = busyEnded ? turn.waitedFor.at(-1) : undefined;
  const busy = busyEnded ? turn.busy.at(-1) : undefined;
  const since = holder ? new Date(holder.acquiredAt) : busy?.startedAt;
  const elapsedMs = since ? d.clock.now() - since.getTime() : undefined;
  const message = notDeployingMessage(arrival.info, {
    reason,
    waitedMs: turn.waitedMs,
    activeCorrelationId:
      holder?.correlationId ?? (busy ? activeCorrelationId(busy.stack) : undefined),
    activeSince: since,
    holderRunUrl: holder?.run.runUrl,
    remainingMs:
      elapsedMs === undefined
        ? undefined
        : Math.max(0, arrival.expected.estimate.expectedMs - elapsedMs),
    freeze: frozen && freezeDetails(frozen)
  });
  if (queued) await slack.notifier.update('not deploying', queued, message);
  else if (busyEnded || frozen) await slack.notifier.post('not deploying', slack.channel, message);
}

/** The table answered with an item this run cannot read: REGISTRY_CORRUPT, said and returned. */
export function corruptTurn(d: Pick<Deps, 'config' | 'log'>, item: Unreadable): Finding {
  const finding = registryCorruptFinding(
    d.config.registryTable ?? '',
    item,
    describeUnreadable(item),
    REPAIR_COMMAND
  );
  reportFindings(d.log, [finding]);
  return finding;
}

/** No lock: the wait ended otherwise (busy, cancelled, superseded, or a table that cannot be used). */
export async function notAcquired(
  d: Deps,
  arrival: Arrival,
  turn: TurnOutcome,
  kind: Exclude<TurnOutcome['kind'], 'acquired'>,
  /** The 'queued' notice it posted on arrival, closed in place. */
  queued?: ThreadRef
): Promise<{ result: CoordinationResult; findings: readonly Finding[] }> {
  const { config, log } = d;
  if (kind === 'misconfigured') {
    const finding = registryMisconfiguredFinding(
      config.registryTable ?? '',
      turn.registryError ?? ''
    );
    reportFindings(log, [finding]);
    return { result: 'blocked', findings: [finding] };
  }
  if (kind === 'corrupt')
    return { result: 'blocked', findings: [corruptTurn(d, turn.unreadable!)] };
  const { result, transition } = NOT_ACQUIRED[kind];
  const frozen = kind === 'frozen' ? turn.freeze?.endedBy : undefined;
  if (frozen)
    log.error(
      `${describeFrozen(frozen, config.environment, d.clock.now())}. The freeze outlasted this run's wait (${formatDuration(turn.waitedMs)}, wait-timeout-minutes): not deploying. Set override-freeze (a reason) to go through a freeze.`,
      { title: 'Deploy freeze' }
    );
  else if (kind !== 'superseded') {
    const { expectedMs, basis } = arrival.expected.estimate;
    const who = turn.waitedFor.map((h) => `Lock held by ${describeHolder(h)}.`);
    const details = turn.busy.map((a) => describeActivity(a, d.clock.now(), expectedMs, basis));
    const why =
      kind === 'cancelled'
        ? `Cancelled after waiting ${formatDuration(turn.waitedMs)}.`
        : config.waitTimeoutMs > 0
          ? `Gave up after waiting ${formatDuration(turn.waitedMs)} (wait-timeout-minutes).`
          : 'Not waiting (wait-timeout-minutes is 0).';
    log.error([why, ...who, ...details].join('\n'), { title: 'Another deployment is active' });
  }
  // On the record first: a cancelled run has only the runner's grace period left.
  await record(d, turn.registry, transition, frozen && untilIso(frozen));
  // Then in the channel, where it said it was queued (a superseded run: only there).
  const reason: NotDeployingReason =
    kind === 'frozen'
      ? 'frozen'
      : kind === 'superseded'
        ? 'superseded'
        : kind === 'cancelled'
          ? 'cancelled'
          : config.waitTimeoutMs > 0
            ? 'timeout'
            : 'no-wait';
  await notDeployingNotice(d, arrival, turn, reason, queued);
  return { result, findings: activeDeploymentFindings(turn.stacks) };
}
