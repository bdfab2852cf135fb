import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXPECTED_DURATION_MS, type Config } from '../config/config.js';
import { ExitCode, Outputs, State, type CoordinationResult } from '../config/state.js';
import type { Lease } from '../coordination/lease.js';
import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import { recoverStacks } from '../coordination/recover.js';
import { reportFindings } from '../coordination/report-findings.js';
import {
  describeHolder,
  waitForTurn,
  type TurnOptions,
  type TurnOutcome
} from '../coordination/wait-for-turn.js';
import { activeCorrelationId, describeActivity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import { estimateFromHistory, typeDurations } from '../domain/estimate.js';
import {
  activeDeploymentFindings,
  blocking,
  otherFindings,
  registryMisconfiguredFinding,
  warningsOf,
  type Finding
} from '../domain/findings.js';
import { recoveryAction } from '../domain/recovery.js';
import { classifyStatus } from '../domain/stack-status.js';
import { CORRELATION_TAG, type StackSnapshot } from '../domain/stack.js';
import { runContext } from '../runtime/run-context.js';
import type { GitHubDeployments } from '../github/deployments.js';
import {
  monitorDir,
  monitorEnv,
  monitorFiles,
  monitorSettings,
  type MonitorDeployment
} from '../monitor/files.js';
import {
  launchMonitor,
  monitorHolds,
  type HandoverResult,
  type LaunchedMonitor
} from '../monitor/launch.js';
import { readObservations } from '../monitor/stop.js';
import { ask } from '../notify/ask.js';
import { queuedMessage, startedMessage, type DeploymentInfo } from '../notify/messages.js';
import type { SlackNotifier, ThreadRef } from '../notify/slack.js';
import {
  commitMessage,
  deploymentInfo,
  expectation,
  formatThread,
  openNotifier,
  type Expectation
} from '../notify/thread.js';
import { CloudFormationOnlyRegistry } from '../registry/cloudformation-only.js';
import { historyFile } from '../registry/history-file.js';
import type { HistoryEntry, Participant, Registry, Transition } from '../ports/registry.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { confirmed, holdLease, type Holding } from './holder.js';
import { actionStage, cancellationSignal, sleep, systemClock } from '../runtime/stage.js';
import type { ActionIO, Clock, Logger, Sleep } from '../ports/runtime.js';
import type { RunLiveness } from '../ports/run.js';

export interface CoordinateDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly io: ActionIO;
  readonly reader: StackReader;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly liveness?: RunLiveness;
  readonly signal?: AbortSignal;
  /** This run attempt's owner token (random; saved in state, never logged). */
  readonly owner: string;
  /** Slack, when configured. */
  readonly notifier?: SlackNotifier;
  /** Repairs a stack found needing it before deploying (auto-rollback, cleanup). */
  readonly recovery?: StackRecovery;
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

export type MonitorStart = Omit<MonitorDeployment, 'correlationId'> & { readonly owner: string };

export interface CoordinateReport {
  readonly result: CoordinationResult;
  readonly turn: TurnOutcome;
  readonly findings: readonly Finding[];
  readonly expectedMs: number;
}

/** What coordinate knows on arrival: who this run is and what it expects. */
interface Arrival {
  readonly me: Participant;
  readonly stacks: readonly StackSnapshot[];
  readonly info: DeploymentInfo;
  readonly expected: Expectation;
  readonly history: readonly HistoryEntry[];
}

/**
 * coordinate: CloudFormation first (the active-deployment check), then the queue: wait for this
 * run's turn up to wait-timeout-minutes and take the lease; under it, repair and decide; then
 * announce, start the monitor and hand the lease over to it.
 */
export async function coordinate(d: CoordinateDeps): Promise<CoordinateReport> {
  const arrival = await arrive(d);
  const expectedMs = arrival.expected.estimate.expectedMs;
  let holding: Holding | undefined;
  try {
    const turn = await waitForTurn(
      { ...d, fallback: () => new CloudFormationOnlyRegistry() },
      turnOptions(d, arrival, (holder, registry, sentAt) => {
        // The instant the lock is taken: on the record for finalize, and heartbeating from here on.
        d.io.saveState(State.Registry, registry.kind);
        if (registry.kind === 'dynamodb') d.io.saveState(State.Fence, String(holder.fence));
        d.io.saveState(State.AcquiredAt, holder.acquiredAt);
        holding = holdLease(
          { ...d, registry, info: arrival.info, slack: statusChannel(d) },
          d.config.environment,
          { owner: d.owner, fence: holder.fence, correlationId: d.log.correlationId },
          d.config.leaseMs,
          'coordinate',
          sentAt
        );
        holding.lease.start();
      })
    );
    if (turn.kind !== 'acquired' || !holding) return await notAcquired(d, arrival, turn);

    const { lease, signal: lost } = holding;
    await recordAcquisition(d, turn);
    const stacks = await repair(d, turn, lease);
    const findings = [
      ...activeDeploymentFindings(stacks),
      ...otherFindings(stacks, {
        registryConfigured: Boolean(d.config.registryTable),
        registryUnavailable: turn.fallbackReason
      })
    ];
    reportFindings(d.log, findings);
    let result = await decide(
      d,
      arrival,
      turn,
      findings,
      d.signal ? AbortSignal.any([d.signal, lost]) : lost
    );
    // Act as the holder only on a lease known to be current: no one can have taken it over.
    if (result === 'acquired' && !(await confirmed(d, lease))) result = 'aborted';
    if (lease.lost) result = 'aborted';
    if (result !== 'acquired') {
      if (await lease.release(result, releaseBudget(d.config)))
        await record(d, turn.registry, 'released', `not deploying: ${result}`);
      return { result, turn, findings, expectedMs };
    }
    const thread = await announce(d, arrival, turn);
    const holds = await handOver(d, arrival, turn, thread, lease);
    return { result: holds ? 'acquired' : 'aborted', turn, findings, expectedMs };
  } finally {
    // Whatever happened, this process heartbeats no more: the monitor holds the lease now, or
    // finalize releases it (owner and fence are in state).
    await holding?.lease.stop();
    await holding?.reported();
  }
}

async function arrive(d: CoordinateDeps): Promise<Arrival> {
  const { config, log, reader } = d;
  const history = await d.registry.history(config.environment, 50).catch(() => []);
  const expected = expectation(
    config,
    estimateFromHistory(history, config.stackNames),
    DEFAULT_EXPECTED_DURATION_MS
  );
  const me: Participant = {
    correlationId: log.correlationId,
    owner: d.owner,
    environment: config.environment,
    stacks: config.stackNames,
    run: runContext(),
    leaseMs: config.leaseMs
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
    commitMessage()
  );
  reportFindings(log, activeDeploymentFindings(stacks), false);
  return { me, stacks, info, expected, history };
}

function turnOptions(
  d: CoordinateDeps,
  arrival: Arrival,
  onAcquired: NonNullable<TurnOptions['onAcquired']>
): TurnOptions {
  const { config, log } = d;
  const { expectedMs, basis } = arrival.expected.estimate;
  return {
    me: arrival.me,
    arrival: arrival.stacks,
    timeoutMs: config.waitTimeoutMs,
    pollIntervalMs: config.pollIntervalMs,
    expectedMs,
    estimateBasis: basis,
    skipSuperseded: config.skipSuperseded,
    signal: d.signal,
    onQueued: (ticket) => d.io.saveState(State.TicketSeq, String(ticket.seq)),
    onAcquired,
    onArrival: async ({ registry, position, holder, ahead, busy }) => {
      if (position > 0 && d.notifier && config.slack) {
        const since = holder ? new Date(holder.acquiredAt) : busy[0]?.startedAt;
        const elapsedMs = since ? d.clock.now() - since.getTime() : undefined;
        await d.notifier.post(
          'queued',
          config.slack.channel,
          queuedMessage(arrival.info, {
            activeCorrelationId:
              holder?.correlationId ?? (busy[0] ? activeCorrelationId(busy[0].stack) : undefined),
            activeSince: since,
            elapsedMs,
            remainingMs: elapsedMs === undefined ? undefined : Math.max(0, expectedMs - elapsedMs),
            position,
            holderRunUrl: holder?.run.runUrl
          })
        );
      }
      const note = [
        `position ${position}`,
        holder ? `lock held by ${describeHolder(holder)}` : 'lock free',
        ...(ahead.length > 0 ? [`ahead: ${ahead.map((t) => t.correlationId).join(', ')}`] : [])
      ].join('; ');
      await safely(log, () =>
        registry.putRecord(
          {
            correlationId: log.correlationId,
            environment: config.environment,
            stacks: config.stackNames,
            run: arrival.me.run
          },
          { state: 'queued', at: new Date(d.clock.now()).toISOString(), note }
        )
      );
    }
  };
}

/** No lock: the wait ended otherwise (busy, cancelled, superseded, or a table that cannot be used). */
async function notAcquired(
  d: CoordinateDeps,
  arrival: Arrival,
  turn: TurnOutcome
): Promise<CoordinateReport> {
  const { config, log } = d;
  const { expectedMs, basis } = arrival.expected.estimate;
  if (turn.kind === 'misconfigured') {
    const finding = registryMisconfiguredFinding(
      config.registryTable ?? '',
      turn.registryError ?? ''
    );
    reportFindings(log, [finding]);
    return { result: 'blocked', turn, findings: [finding], expectedMs };
  }
  const result: CoordinationResult =
    turn.kind === 'cancelled'
      ? 'aborted'
      : turn.kind === 'superseded'
        ? 'superseded'
        : 'concurrent';
  if (turn.kind !== 'superseded') {
    const who = turn.waitedFor.map((h) => `Lock held by ${describeHolder(h)}.`);
    const details = turn.busy.map((a) => describeActivity(a, d.clock.now(), expectedMs, basis));
    const why =
      turn.kind === 'cancelled'
        ? `Cancelled after waiting ${formatDuration(turn.waitedMs)}.`
        : config.waitTimeoutMs > 0
          ? `Gave up after waiting ${formatDuration(turn.waitedMs)} (wait-timeout-minutes).`
          : 'Not waiting (wait-timeout-minutes is 0).';
    log.error([why, ...who, ...details].join('\n'), { title: 'Another deployment is active' });
  }
  await record(
    d,
    turn.registry,
    turn.kind === 'timeout' ? 'timed-out' : turn.kind === 'cancelled' ? 'cancelled' : 'superseded'
  );
  return { result, turn, findings: activeDeploymentFindings(turn.stacks), expectedMs };
}

async function recordAcquisition(d: CoordinateDeps, turn: TurnOutcome): Promise<void> {
  const { config, log } = d;
  const registry = turn.registry;
  const holder = turn.holder!;
  if (turn.waitedMs > 0 && turn.queuePosition > 0)
    log.info(`This run's turn came after ${formatDuration(turn.waitedMs)}.`);
  log.info(
    `Acquired ${config.environment}${registry.kind === 'dynamodb' ? ` (fencing token ${holder.fence})` : ' (CloudFormation only)'}: ${statuses(turn.stacks)}`
  );
  if (turn.tookOver) {
    await record(
      d,
      registry,
      'took-over',
      `from ${turn.tookOver.from.correlationId}: ${turn.tookOver.reason}`
    );
    await safely(log, () =>
      registry.addTransition(turn.tookOver!.from.correlationId, {
        state: 'taken-over',
        at: new Date(d.clock.now()).toISOString(),
        note: `by ${log.correlationId}: ${turn.tookOver!.reason}`
      })
    );
  }
  await record(d, registry, 'acquired', undefined, holder.fence);
}

/** A stack a failed deployment left needing repair is repaired first, under the lease, with finalize's policy. */
async function repair(
  d: CoordinateDeps,
  turn: TurnOutcome,
  lease: Lease
): Promise<readonly StackSnapshot[]> {
  const { config, reader } = d;
  if (!d.recovery || !turn.stacks.some((st) => recoveryAction(st.status, config)))
    return turn.stacks;
  await recoverStacks(
    {
      reader,
      recovery: d.recovery,
      clock: d.clock,
      sleep: d.sleep,
      log: d.log,
      holding: () => !lease.lost,
      mayRepair: () => confirmed(d, lease)
    },
    turn.stacks,
    config,
    config.waitTimeoutMs > 0 ? config.waitTimeoutMs : DEFAULT_EXPECTED_DURATION_MS,
    config.pollIntervalMs
  );
  return reader.describeStacks(config.stackNames);
}

/** Go or no-go, under the lease: blocking findings, warnings (fail or ask), the awaited deployment's failure. */
async function decide(
  d: CoordinateDeps,
  arrival: Arrival,
  turn: TurnOutcome,
  findings: readonly Finding[],
  signal: AbortSignal
): Promise<CoordinationResult> {
  const { config, log } = d;
  const warnings = warningsOf(findings);
  const askPerson = async (question: string): Promise<boolean> => {
    if (!d.notifier || !config.slack) return false;
    const { answer, why } = await ask(
      { notifier: d.notifier, log, clock: d.clock, sleep: d.sleep, signal },
      config.slack.interactChannel,
      arrival.info,
      question,
      config.askTimeoutMs,
      config.pollIntervalMs
    );
    (answer === 'proceed' ? log.info : log.error)(`${question} ${answer}: ${why}.`);
    return answer === 'proceed';
  };
  if (blocking(findings).length > 0) {
    log.error(
      `Blocked: ${blocking(findings)
        .map((f) => f.code)
        .join(', ')}. Nothing was deployed.`,
      { title: 'Deployment blocked' }
    );
    return 'blocked';
  }
  if (warnings.length > 0 && config.warnings === 'fail') {
    log.error(
      `warnings is 'fail' and validation found ${warnings.length} warning(s): not deploying.`,
      { title: 'Deployment blocked by warnings' }
    );
    return 'blocked';
  }
  if (
    warnings.length > 0 &&
    config.warnings === 'ask' &&
    !(await askPerson(
      `Deploy ${config.environment} despite ${warnings.length} warning(s) (${warnings.map((w) => w.code).join(', ')})?`
    ))
  )
    return 'aborted';
  if (!activeFailed(turn)) return 'acquired';
  if (config.onActiveFailure === 'abort') {
    log.error(
      `The deployment this run waited for failed and on-active-failure is 'abort': not deploying.`,
      { title: 'Active deployment failed' }
    );
    return 'aborted';
  }
  if (config.onActiveFailure === 'ask')
    return (await askPerson(
      `The deployment this run waited for failed. Deploy ${config.environment} anyway?`
    ))
      ? 'acquired'
      : 'aborted';
  log.warning(
    `The deployment this run waited for failed; proceeding (on-active-failure: ${config.onActiveFailure}).`,
    { title: 'Active deployment failed' }
  );
  return 'acquired';
}

/** Slack 'started' (the thread) and the GitHub Deployment, under the lease. */
async function announce(
  d: CoordinateDeps,
  arrival: Arrival,
  turn: TurnOutcome
): Promise<ThreadRef | undefined> {
  const { config, log } = d;
  const holder = turn.holder!;
  const thread =
    d.notifier && config.slack
      ? await d.notifier.post(
          'started',
          config.slack.channel,
          startedMessage(arrival.info, {
            state: 'deploying',
            startedAt: new Date(holder.acquiredAt)
          })
        )
      : undefined;
  if (thread) d.io.saveState(State.SlackThread, formatThread(thread));
  if (thread) d.recordThread?.(formatThread(thread));
  const deploymentId = await d.deployments?.create(config.environment, log.correlationId);
  if (deploymentId !== undefined) {
    d.io.saveState(State.DeploymentId, String(deploymentId));
    d.recordDeployment?.(deploymentId);
    await d.deployments?.status(
      deploymentId,
      'in_progress',
      `Deploying ${config.stackNames.join(', ')} (${log.correlationId})`
    );
    log.info(`GitHub Deployment ${deploymentId} is in progress.`);
  }
  return thread;
}

/**
 * Starts the monitor and hands it the lease: this process heartbeats until the monitor's first
 * heartbeat has landed (at most a lease), so the lock is never without a heartbeat in between.
 */
async function handOver(
  d: CoordinateDeps,
  arrival: Arrival,
  turn: TurnOutcome,
  thread: ThreadRef | undefined,
  lease: Lease
): Promise<boolean> {
  const { config, log } = d;
  const holder = turn.holder!;
  const heartbeats = turn.registry.kind === 'dynamodb';
  const monitor =
    heartbeats || config.monitor
      ? d.startMonitor?.({
          owner: d.owner,
          fence: holder.fence,
          acquiredAt: holder.acquiredAt,
          registryTable: heartbeats ? config.registryTable : undefined,
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
      `Monitor started (pid ${monitor.pid}): ${heartbeats ? 'heartbeats the lock, ' : ''}${config.monitor ? 'follows the stack events' : 'events not watched (monitor: false)'}.`
    );
  }
  const handover =
    monitor && heartbeats && d.monitorHolds
      ? await d.monitorHolds(monitor, config.leaseMs)
      : undefined;
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
  if (!heartbeats) return stillClear(d, turn);
  // The deploy step starts on a lease known to be current: the monitor's first heartbeat, or one more here.
  return handover === 'holding' || (handover === undefined && (await confirmed(d, lease)));
}

/**
 * CloudFormation alone holds no lease: just before the deploy step, look once more. A stack in
 * progress, or a table that answers again with the lock held by another run, means not now.
 */
async function stillClear(d: CoordinateDeps, turn: TurnOutcome): Promise<boolean> {
  const { config, log } = d;
  const stacks = await d.reader.describeStacks(config.stackNames);
  const busy = stacks.filter((s) => classifyStatus(s.status).class === 'in-progress');
  const view = turn.fallbackReason
    ? await d.registry.view(config.environment).catch(() => undefined)
    : undefined;
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

const releaseBudget = (config: Config): number => Math.min(config.leaseMs, 30_000);

const statusChannel = (
  d: CoordinateDeps
): { notifier: SlackNotifier; channel: string } | undefined =>
  d.notifier && d.config.slack
    ? { notifier: d.notifier, channel: d.config.slack.channel }
    : undefined;

/** The deployment this run waited for failed: the last holder's outcome, or a stack it saw busy ended in failure. */
function activeFailed(turn: TurnOutcome): boolean {
  const last = turn.lockBefore;
  if (last?.lastHolder && turn.waitedFor.some((h) => h.correlationId === last.lastHolder))
    return last.lastOutcome === 'failed';
  const busyNames = new Set(turn.busy.map((a) => a.stack.name));
  return turn.stacks.some(
    (s) =>
      busyNames.has(s.name) &&
      ['stable-after-failure', 'blocked'].includes(classifyStatus(s.status).class)
  );
}

const statuses = (stacks: readonly StackSnapshot[]): string =>
  stacks.map((s) => `${s.name}=${s.status}`).join(', ');

/** Registry trouble after the lock decision never fails the run: a warning, and on. */
async function safely<T>(log: Logger, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    log.warning(`Registry write failed: ${(err as Error).message}`, {
      title: 'Registry write failed'
    });
    return undefined;
  }
}

async function record(
  d: CoordinateDeps,
  registry: Registry,
  state: Transition,
  note?: string,
  fence?: number
): Promise<void> {
  const entry = { state, at: new Date(d.clock.now()).toISOString(), ...(note ? { note } : {}) };
  await safely(d.log, () =>
    registry.addTransition(d.log.correlationId, entry, fence === undefined ? {} : { fence })
  );
}

/** Publishes what coordinate found as the step's outputs and state, and sets the exit status. */
export function publish(d: CoordinateDeps, report: CoordinateReport): void {
  const { io, log, config, reader } = d;
  const { turn } = report;
  const first = turn.stacks[0];
  const activeId =
    turn.waitedFor[0]?.correlationId ??
    turn.busy.map((a) => activeCorrelationId(a.stack)).find(Boolean);
  const outputs: Record<string, string> = {
    [Outputs.CorrelationId]: log.correlationId,
    [Outputs.Result]: report.result,
    [Outputs.Registry]: turn.registry.kind,
    [Outputs.WaitedSeconds]: String(Math.round(turn.waitedMs / 1000)),
    [Outputs.QueuePosition]: String(turn.queuePosition),
    [Outputs.ActiveCorrelationId]: activeId ?? '',
    [Outputs.StackStatus]: JSON.stringify(
      Object.fromEntries(turn.stacks.map((s) => [s.name, s.status]))
    ),
    [Outputs.ConsoleUrl]: first ? reader.consoleUrl(first) : '',
    [Outputs.EstimatedMinutes]: String(Math.round((report.expectedMs / 60_000) * 10) / 10),
    [Outputs.CfnTags]: JSON.stringify([{ Key: CORRELATION_TAG, Value: log.correlationId }]),
    [Outputs.Validation]: JSON.stringify(report.findings),
    [Outputs.FencingToken]:
      report.result === 'acquired' && turn.holder && turn.holder.fence > 0
        ? String(turn.holder.fence)
        : ''
  };
  for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);
  io.saveState(State.Result, report.result);
  io.saveState(State.Registry, turn.registry.kind);

  const code =
    report.result === 'acquired'
      ? ExitCode.Ok
      : report.result === 'concurrent'
        ? ExitCode.Concurrent
        : ExitCode.Failed;
  log.info(`Result: ${report.result} (exit ${code}) for ${config.environment}.`);
  io.setExitCode(code);
}

/** The step: real clients, real clock, the runner's signals. */
export async function main(): Promise<void> {
  await actionStage(async ({ io, log, config, correlationId }) => {
    io.saveState(State.CorrelationId, correlationId);
    io.saveState(State.QueuedAt, new Date().toISOString());
    // Saved before anything is queued or taken: finalize can always remove or release what this run holds.
    const owner = randomUUID();
    io.saveState(State.Owner, owner);
    const signal = cancellationSignal((sig) => log.warning(`Received ${sig}: stopping the wait.`));
    const reader = await cloudFormationReader(config.region);
    const registry = await openRegistry(
      config.registryTable,
      config.region,
      historyFile(config.environment)
    );
    const liveness =
      config.githubToken && config.registryTable
        ? await githubLiveness(config.githubToken, log)
        : undefined;
    // The sibling bundle, resolved at run time (a literal path would be pulled into this bundle by ncc).
    const dir = monitorDir(correlationId);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const notifier = await openNotifier(config.slack, log, monitorFiles(dir).stageSpool);
    const monitorBundle = join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      ['monitor', 'index.js'].join('/')
    );
    const deps: CoordinateDeps = {
      config,
      log,
      io,
      owner,
      reader,
      registry,
      liveness,
      clock: systemClock,
      sleep,
      signal,
      notifier,
      recovery: reader,
      deployments:
        config.githubDeployment && config.githubToken
          ? await githubDeployments(config.githubToken, log)
          : undefined,
      recordDeployment: (id) =>
        writeFileSync(monitorFiles(dir).deployment, String(id), { mode: 0o600 }),
      recordThread: (thread) => writeFileSync(monitorFiles(dir).thread, thread, { mode: 0o600 }),
      startMonitor: (m) =>
        launchMonitor(
          monitorBundle,
          dir,
          monitorSettings(config, { correlationId, ...m }),
          monitorEnv(config.slack)
        ),
      monitorHolds: (m, timeoutMs) =>
        monitorHolds(() => readObservations(m.dir, m.logOffset), systemClock, sleep, timeoutMs)
    };
    publish(deps, await coordinate(deps));
  });
}

async function githubLiveness(token: string, log: Logger): Promise<RunLiveness> {
  const { GitHubRunLiveness } = await import('../github/liveness.js');
  return new GitHubRunLiveness(token, log);
}

async function githubDeployments(token: string, log: Logger): Promise<GitHubDeployments> {
  const { GitHubDeployments } = await import('../github/deployments.js');
  return new GitHubDeployments(token, runContext(), log);
}
