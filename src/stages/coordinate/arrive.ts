import { untilIso } from '../../domain/freeze.js';
import { State } from '../../config/state.js';
import { describeHolder, type TurnOptions } from '../../coordination/wait-for-turn.js';
import { reportFindings } from '../../coordination/report-findings.js';
import { activeCorrelationId } from '../../domain/activity.js';
import { formatDuration } from '../../domain/durations.js';
import { activeDeploymentFindings } from '../../domain/findings.js';
import type { StackSnapshot } from '../../domain/stack.js';
import { queuedMessage, type DeploymentInfo, type QueuedDetails } from '../../notify/messages.js';
import type { ThreadRef } from '../../notify/slack.js';
import { deploymentInfo } from '../../notify/thread.js';
import type { Expectation } from '../../domain/expectation.js';
import type { HistoryEntry, Participant } from '../../ports/registry.js';
import type { RunContext } from '../../ports/run.js';
import { safely, statuses, type StageDeps } from '../deps.js';
import { estimate, storeLearned } from './estimate.js';
import { freezeDetails } from './freeze.js';

/** What coordinate knows on arrival: who this run is and what it expects. */
export interface Arrival {
  readonly me: Participant;
  readonly stacks: readonly StackSnapshot[];
  readonly info: DeploymentInfo;
  readonly expected: Expectation;
  readonly history: readonly HistoryEntry[];
  /** What CloudFormation's event history taught the estimate: kept once the run has a place in the queue. */
  readonly learned: readonly HistoryEntry[];
}

/** Who this run is (its participant, run and owner token), the stacks as they are, and the estimate. */
export async function arrive(
  d: StageDeps & { readonly owner: string; readonly run: RunContext; readonly commit?: string }
): Promise<Arrival> {
  const { config, log, reader } = d;
  const { expected, history, learned } = await estimate(d, d.registry.history);
  const me: Participant = {
    correlationId: log.correlationId,
    owner: d.owner,
    environment: config.environment,
    stacks: config.stackNames,
    run: d.run,
    leaseMs: config.leaseMs,
    priority: config.priority,
    overridesFreeze: config.overrideFreeze !== undefined
  };
  const stacks = await reader.describeStacks(config.stackNames);
  log.info(`Stacks on arrival: ${statuses(stacks)}`);
  log.info(
    `Estimate: ${formatDuration(expected.estimate.expectedMs)} (${expected.estimate.basis}).`
  );
  const info = deploymentInfo(
    config,
    log.correlationId,
    me.run,
    expected.estimate,
    stacks[0] ? reader.consoleUrl(stacks[0]) : undefined,
    d.commit
  );
  reportFindings(log, activeDeploymentFindings(stacks), false);
  return { me, stacks, info, expected, history, learned };
}

/** The Slack notice a waiting run posted on arrival ('queued'), to close if it does not deploy. */
export interface ArrivalNotices {
  queued?: ThreadRef;
}

/**
 * How this run waits: its inputs, and what it says on arrival (the Slack 'queued' notice, only
 * for a run that waits, and the record's 'queued' transition, with who is ahead).
 */
export function turnOptions(
  d: StageDeps,
  arrival: Arrival,
  onAcquired: NonNullable<TurnOptions['onAcquired']>,
  signal: AbortSignal | undefined,
  notices: ArrivalNotices = {}
): TurnOptions {
  const { config, log } = d;
  const { expectedMs, basis } = arrival.expected.estimate;
  /** What the 'queued' notice said, for a freeze that holds the run back later. */
  let told: QueuedDetails | undefined;
  let arrivalPosted = false;
  return {
    me: arrival.me,
    arrival: arrival.stacks,
    timeoutMs: config.waitTimeoutMs,
    pollIntervalMs: config.pollIntervalMs,
    expectedMs,
    estimateBasis: basis,
    skipSuperseded: config.skipSuperseded,
    signal,
    onQueued: (ticket) => d.io.saveState(State.TicketSeq, String(ticket.seq)),
    onAcquired,
    overrideFreeze: config.overrideFreeze,
    onArrival: async ({ registry, position, holder, ahead, busy, frozen }) => {
      const since = holder ? new Date(holder.acquiredAt) : busy[0]?.startedAt;
      const elapsedMs = since ? d.clock.now() - since.getTime() : undefined;
      told = {
        activeCorrelationId:
          holder?.correlationId ?? (busy[0] ? activeCorrelationId(busy[0].stack) : undefined),
        activeSince: since,
        elapsedMs,
        remainingMs: elapsedMs === undefined ? undefined : Math.max(0, expectedMs - elapsedMs),
        position,
        holderRunUrl: holder?.run.runUrl,
        priority: config.priority,
        freeze: frozen && freezeDetails(frozen)
      };
      // A run that does not wait says so when it ends (notDeployingMessage), never 'queued'.
      if ((position > 0 || frozen) && config.waitTimeoutMs > 0 && d.notifier && config.slack) {
        arrivalPosted = true;
        notices.queued = await d.notifier.post(
          'queued',
          config.slack.channel,
          queuedMessage(arrival.info, told)
        );
      }
      const note = [
        `position ${position}`,
        ...(config.priority !== 'normal' ? [`priority ${config.priority}`] : []),
        ...(frozen
          ? [
              `frozen ${untilIso(frozen)} (${frozen.windows.map((w) => w.freeze.reason).join(', ')})`
            ]
          : []),
        holder ? `lock held by ${describeHolder(holder)}` : 'lock free',
        ...(ahead.length > 0 ? [`ahead: ${ahead.map((t) => t.correlationId).join(', ')}`] : [])
      ].join('; ');
      await safely(log, () =>
        registry.records.putRecord(
          {
            correlationId: log.correlationId,
            environment: config.environment,
            stacks: config.stackNames,
            run: arrival.me.run,
            priority: config.priority
          },
          { state: 'queued', at: new Date(d.clock.now()).toISOString(), note }
        )
      );
      // Its place in the queue is taken (and told): what CloudFormation's event history taught
      // the estimate is kept now, so later runs read it from the history.
      await storeLearned(d, registry.history, arrival.learned);
    },
    onFrozen: async (frozen) => {
      // A freeze that came after the arrival: the 'queued' notice says so (in place, if posted).
      if (!d.notifier || !config.slack || config.waitTimeoutMs === 0) return;
      const message = queuedMessage(arrival.info, {
        ...(told ?? { position: 0 }),
        freeze: freezeDetails(frozen)
      });
      if (notices.queued) await d.notifier.update('queued', notices.queued, message);
      // Posted on arrival but not delivered (spooled, sent later as it was): no second one.
      else if (!arrivalPosted)
        notices.queued = await d.notifier.post('queued', config.slack.channel, message);
    }
  };
}
