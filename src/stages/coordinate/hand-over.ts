import { State } from '../../config/state.js';
import { activeCorrelationId } from '../../domain/activity.js';
import type { Lease } from '../../coordination/lease.js';
import { describeHolder, type TurnOutcome } from '../../coordination/wait-for-turn.js';
import { formatDuration } from '../../domain/durations.js';
import { typeDurations } from '../../domain/estimate.js';
import { classifyStatus } from '../../domain/stack-status.js';
import { leased } from '../../domain/turn-result.js';
import type { Unreadable } from '../../ports/registry.js';
import { RegistryCorruptError } from '../../ports/registry-errors.js';
import type { GitHubDeployments } from '../../github/deployments.js';
import type { MonitorDeployment } from '../../monitor/files.js';
import type { HandoverResult, LaunchedMonitor } from '../../monitor/launch.js';
import { startedMessage } from '../../notify/messages.js';
import type { ThreadRef } from '../../notify/slack.js';
import { THREAD_PARENT, formatThread } from '../../notify/thread.js';
import type { StageDeps } from '../deps.js';
import { confirmed } from '../holder.js';
import type { Arrival } from './arrive.js';

export type MonitorStart = Omit<MonitorDeployment, 'correlationId'> & { readonly owner: string };

/** What the hand-over needs besides the stage's own dependencies. */
export interface HandOverDeps extends StageDeps {
  readonly owner: string;
  /** Keeps the thread where later steps (sub-actions) find it. */
  readonly recordThread?: (thread: string) => void;
  /** A GitHub Deployment for this deployment (github-deployment: true). */
  readonly deployments?: GitHubDeployments;
  readonly recordDeployment?: (id: number) => void;
  /** Starts the detached monitor once the lock is held. */
  readonly startMonitor?: (m: MonitorStart) => LaunchedMonitor;
  /** Resolves once the started monitor holds the lease (its first heartbeat landed), or not within `timeoutMs`. */
  readonly monitorHolds?: (m: LaunchedMonitor, timeoutMs: number) => Promise<HandoverResult>;
}

/** Slack 'started' (the thread) and the GitHub Deployment, under the lease. */
export async function announce(
  d: HandOverDeps,
  arrival: Arrival,
  turn: TurnOutcome
): Promise<ThreadRef | undefined> {
  const { config, log } = d;
  const startedAt = new Date(turn.holder!.acquiredAt);
  const thread =
    d.notifier && config.slack
      ? await d.notifier.post(
          THREAD_PARENT,
          config.slack.channel,
          startedMessage(arrival.info, { state: 'deploying', startedAt })
        )
      : undefined;
  if (thread) {
    d.io.saveState(State.SlackThread, formatThread(thread));
    d.recordThread?.(formatThread(thread));
  }
  const deploymentId = await d.deployments?.create(config.environment, log.correlationId);
  if (deploymentId !== undefined) {
    d.io.saveState(State.DeploymentId, String(deploymentId));
    d.recordDeployment?.(deploymentId);
    const set = await d.deployments?.status(
      deploymentId,
      'in_progress',
      `Deploying ${config.stackNames.join(', ')} (${log.correlationId})`
    );
    if (set) log.info(`GitHub Deployment ${deploymentId} is in progress.`);
  }
  return thread;
}

/**
 * Starts the monitor and hands it the lease: this process heartbeats until the monitor's first
 * heartbeat has landed (at most a lease), so the lock is never without a heartbeat in between.
 * True when the deploy step may start: on a lease known to be current, with the stacks still clear;
 * the unreadable item a table that answers again gave instead of its lock (not deploying either).
 */
export async function handOver(
  d: HandOverDeps,
  arrival: Arrival,
  turn: TurnOutcome,
  thread: ThreadRef | undefined,
  lease: Lease,
  /** When this deployment's own stack operation can begin: after coordinate's repairs. */
  deployFrom?: string
): Promise<boolean | Unreadable> {
  const { config, log } = d;
  const holder = turn.holder!;
  // A lease in the table needs someone heartbeating it; CloudFormation's own lock does not.
  const keeps = leased(holder);
  const monitor =
    keeps || config.monitor
      ? d.startMonitor?.({
          owner: d.owner,
          fence: holder.fence,
          acquiredAt: deployFrom ?? holder.acquiredAt,
          registryTable: keeps ? config.registryTable : undefined,
          info: arrival.info,
          overdueMs: arrival.expected.overdueMs,
          thread,
          typeSeconds: typeDurations(arrival.history)
        })
      : undefined;
  if (monitor) {
    d.io.saveState(State.MonitorPid, String(monitor.pid));
    d.io.saveState(State.MonitorDir, monitor.dir);
    log.info(
      `Monitor started (pid ${monitor.pid}): ${keeps ? 'heartbeats the lock, ' : ''}${config.monitor ? 'follows the stack events' : 'events not watched (monitor: false)'}.`
    );
  }
  const handover =
    monitor && keeps && d.monitorHolds ? await d.monitorHolds(monitor, config.leaseMs) : undefined;
  if (handover === 'holding')
    log.info('The monitor holds the lease now (its first heartbeat landed).');
  else if (handover === 'timeout')
    log.error(
      `The monitor's first heartbeat has not landed within a lease (${formatDuration(config.leaseMs)}): nobody would heartbeat the lock during the deployment, so this run does not deploy.`,
      { title: 'Lock handover incomplete' }
    );
  // Only now does this process stop heartbeating: the monitor holds the lease (or nobody can).
  await lease.stop();
  if (handover === 'lost' && !lease.lost)
    log.error(
      `The monitor found the ${config.environment} lock no longer this deployment's (fencing token ${holder.fence}): not deploying.`,
      { title: 'Lock lost' }
    );
  // The deploy step starts on a lease known to be current: the monitor's first heartbeat, or one more here.
  const current = handover === 'holding' || (handover === undefined && (await confirmed(d, lease)));
  return current && (await stillClear(d, turn));
}

/**
 * Just before the deploy step, CloudFormation is looked at once more: a stack in progress
 * (a change from outside, or another run while coordinating on CloudFormation alone), or a
 * table that answers again with the lock held by another run, means not now.
 */
async function stillClear(d: HandOverDeps, turn: TurnOutcome): Promise<boolean | Unreadable> {
  const { config, log } = d;
  const stacks = await d.reader.describeStacks(config.stackNames).catch((err: unknown) => {
    log.error(
      `Could not look at the stacks once more before the deploy step (${(err as Error).message}): not deploying.`,
      { title: 'Stacks not confirmed' }
    );
    return undefined;
  });
  if (!stacks) return false;
  // The tags the deploy step starts from: an operation that brings another one is not its own.
  d.io.saveState(
    State.TagsBefore,
    JSON.stringify(Object.fromEntries(stacks.map((s) => [s.name, activeCorrelationId(s) ?? ''])))
  );
  const busy = stacks.filter((s) => classifyStatus(s.status).class === 'in-progress');
  const view = turn.fallbackReason
    ? await d.registry.lock.view(config.environment).catch((err: unknown) =>
        // The table answers again, with a lock nobody can read: who holds it is not known.
        err instanceof RegistryCorruptError ? err : undefined
      )
    : undefined;
  // The table answers again, with a lock nobody can read: who holds it cannot be told.
  if (view instanceof RegistryCorruptError) return view.item;
  const other =
    view?.lock.holder && view.lock.holder.owner !== d.owner ? view.lock.holder : undefined;
  if (busy.length === 0 && !other) return true;
  log.error(
    other
      ? `The registry answers again and ${config.environment} is held by ${describeHolder(other)}: not deploying.`
      : `${busy.map((s) => `${s.name} is ${s.status}`).join(', ')}: another deployment began meanwhile; not deploying.`,
    { title: 'Another deployment is active' }
  );
  return false;
}
