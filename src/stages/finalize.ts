import { ConfigError, DEFAULT_EXPECTED_DURATION_MS, type Config } from '../config/config.js';
import { readConfig } from '../config/read.js';
import { State } from '../config/state.js';
import type { StackReader, StackRecovery } from '../ports/cloudformation.js';
import { recoverStacks, type RecoveryResult } from '../coordination/recover.js';
import { formatDuration } from '../domain/durations.js';
import { resourceTypeSeconds } from '../domain/estimate.js';
import { decideOutcome, type Outcome } from '../domain/outcome.js';
import type { StackEvent, StackSnapshot } from '../domain/stack.js';
import type { Lease } from '../coordination/lease.js';
import type { DeploymentInfo } from '../notify/messages.js';
import { runContext } from '../runtime/run-context.js';
import { monitorDir } from '../monitor/files.js';
import { monitorFiles, readSettings } from '../monitor/files.js';
import { monitorPid, readObservations, stopMonitor, type StopResult } from '../monitor/stop.js';
import { failedMessage, startedMessage, succeededMessage } from '../notify/messages.js';
import { deploymentInfo, formatThread, openNotifier, parseThread } from '../notify/thread.js';
import { isRootCauseFailure } from '../domain/watch.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { HistoryEntry, LockKey, Registry, Transition } from '../ports/registry.js';
import type { SlackNotifier, ThreadRef } from '../notify/slack.js';
import { confirmed, holdLease, type Holding } from './holder.js';
import { createLogger } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from '../runtime/clients.js';
import { historyFile } from '../registry/history-file.js';
import {
  coreIO,
  loadConfig,
  runStage,
  sleep,
  stageCorrelationId,
  systemClock
} from '../runtime/stage.js';
import type { ActionIO, Clock, Logger, Sleep } from '../ports/runtime.js';

export interface FinalizeDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly io: ActionIO;
  readonly reader: StackReader;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly sleep: Sleep;
  /** Repairs stacks a failed deployment left needing it (auto-rollback, cleanup). */
  readonly recovery?: StackRecovery;
  /** Slack; by default opened from the inputs when they configure it. */
  readonly notifier?: SlackNotifier;
  /** The deployment's monitor; by default the detached process named in state or its folder. */
  readonly monitor?: MonitorHandle;
}

/** What finalize does with the monitor: stop it, then read what it observed. */
export interface MonitorHandle {
  readonly pid?: number;
  stop(): Promise<StopResult>;
  observations(): Record<string, unknown>[];
}

/** The detached monitor process of this deployment, if it was started. */
function monitorProcess(d: FinalizeDeps, dir: string): MonitorHandle | undefined {
  const pid = monitorPid(d.io.getState(State.MonitorPid), dir);
  return pid === undefined
    ? undefined
    : { pid, stop: () => stopMonitor(pid, d.sleep), observations: () => readObservations(dir) };
}

interface Row {
  readonly name: string;
  readonly status: string;
  readonly url: string;
}

const TRANSITION: Record<Outcome, Transition> = {
  succeeded: 'completed',
  'no-change': 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  'still-running': 'completed'
};

/** This run's acquisition, as coordinate saved it (or, for the finalize/ sub-action, as the lock names it). */
interface Acquisition {
  readonly key: LockKey;
  readonly acquiredAt?: string;
}

/**
 * finalize (post): runs whatever happened before it, as often as it is run. Takes the lease back
 * from the monitor before stopping it, finds out what happened to the stacks, repairs under the
 * lease, and releases in a `finally` (a no-op when already released or taken over); then records
 * and reports.
 */
export async function finalize(d: FinalizeDeps): Promise<void> {
  const { io, log, registry } = d;
  const acquisition = await acquired(d);
  const result = io.getState(State.Result) || (acquisition ? 'acquired' : '');
  const dir = io.getState(State.MonitorDir) || monitorDir(log.correlationId);
  if (result !== 'acquired') {
    await stopTheMonitor(d, dir);
    await notAcquired(d, result, acquisition, dir);
    return;
  }
  const holding =
    acquisition && registry.kind === 'dynamodb' ? takeBack(d, acquisition, dir) : undefined;
  let deployment: Deployment | undefined;
  let released: boolean | undefined;
  try {
    if (holding) await holdFromHere(d, holding);
    await stopTheMonitor(d, dir);
    deployment = await assess(
      d,
      acquisition?.acquiredAt ?? (io.getState(State.AcquiredAt) || undefined)
    );
    deployment.recoveries = await repair(d, deployment, holding);
  } finally {
    released = await release(d, holding?.lease, deployment?.outcome ?? 'unknown');
  }
  await recordOutcome(d, deployment, released);
  await report(d, dir, deployment, holding ? lockLine(holding) : undefined);
}

interface Deployment {
  outcome: Outcome;
  readonly sinceMs: number;
  readonly acquiredAt: string;
  readonly stacks: readonly StackSnapshot[];
  readonly events: readonly StackEvent[];
  recoveries: RecoveryResult[];
}

/**
 * The lease, taken back from the monitor: it counts as current only once a heartbeat from here
 * has landed, and it heartbeats from before the monitor is stopped, through the repair, to the
 * release.
 */
function takeBack(d: FinalizeDeps, acquisition: Acquisition, dir: string): Holding {
  const thread = threadOf(d, dir);
  const slack = d.config.slack && thread ? { channel: thread.channel, ts: thread.ts } : undefined;
  let info: DeploymentInfo | undefined;
  try {
    const file = monitorFiles(dir).settings;
    info = existsSync(file) ? readSettings(file).info : undefined;
  } catch {
    info = undefined; // a torn settings file: the loss alert then goes without the details
  }
  return holdLease(
    {
      ...d,
      info,
      slack: slack && d.notifier ? { notifier: d.notifier, ...slack } : undefined
    },
    d.config.environment,
    acquisition.key,
    d.config.leaseMs,
    'finalize',
    -Infinity
  );
}

async function holdFromHere(d: FinalizeDeps, holding: Holding): Promise<void> {
  const landed = await holding.lease.beat();
  holding.lease.start();
  if (landed === undefined)
    d.log.warning(
      'Could not heartbeat the lock on taking it back (the registry did not answer); still trying while finalize works.',
      { title: 'Registry unavailable' }
    );
  await holding.reported();
}

async function stopTheMonitor(d: FinalizeDeps, dir: string): Promise<void> {
  const monitor = d.monitor ?? monitorProcess(d, dir);
  if (!monitor) return;
  const stopped = await monitor.stop();
  const observations = monitor.observations();
  const count = (type: string): number => observations.filter((o) => o['type'] === type).length;
  d.log.info(
    `Monitor${monitor.pid ? ` (pid ${monitor.pid})` : ''}: ${stopped === 'not-running' ? 'was no longer running' : stopped}; ${count('heartbeat')} heartbeats, ${count('event')} events, ${count('error') + count('heartbeat-error')} errors recorded.`
  );
  const lost = observations.find((o) => o['type'] === 'lock-lost');
  if (lost)
    d.log.info(
      `The monitor found the lock no longer this deployment's at ${String(lost['at'])}${lost['nowHeldBy'] ? ` (now held by ${String(lost['nowHeldBy'])})` : ''} and stopped.`
    );
}

/** coordinate did not take the lock (or gave it back): remove a ticket it may have left, and report. */
async function notAcquired(
  d: FinalizeDeps,
  result: string,
  acquisition: Acquisition | undefined,
  dir: string
): Promise<void> {
  const { io, log, config, registry } = d;
  const ticket = io.getState(State.TicketSeq);
  if (ticket && registry.kind === 'dynamodb') {
    // coordinate normally removes its ticket; it may have been killed while waiting.
    await registry.removeTicket(config.environment, Number(ticket)).catch(() => undefined);
  }
  // coordinate gives the lock back itself when it does not deploy; if the registry failed it then, try again.
  if (acquisition && registry.kind === 'dynamodb')
    await registry.release(config.environment, acquisition.key, result).catch(() => undefined);
  log.info(
    result
      ? `coordinate result: ${result}; no lock was held.`
      : 'coordinate did not run (or did not finish): nothing was acquired, nothing to release.'
  );
  await closeAnnouncements(d, dir, result);
  const rows = result ? await stackRows(d) : [];
  const slack = await slackReport(d, dir, undefined);
  await io.appendSummary(
    summary(log.correlationId, config, result || 'not coordinated', undefined, rows, []) + slack
  );
}

/** What happened to the stacks since the lock was taken: the outcome. */
async function assess(d: FinalizeDeps, acquiredAtState: string | undefined): Promise<Deployment> {
  const { config } = d;
  const acquiredAt = acquiredAtState || new Date(d.clock.now()).toISOString();
  const sinceMs = Date.parse(acquiredAt);
  const stacks = await d.reader.describeStacks(config.stackNames);
  const events: StackEvent[] = [];
  for (const s of config.stackNames) {
    const op = await d.reader.currentOperation(s);
    events.push(...op.events.filter((e) => e.timestamp.getTime() >= sinceMs));
  }
  let outcome = decideOutcome(stacks, events, sinceMs);
  // No stack operation, and a step of this job was cancelled: the deployment was cancelled before it began.
  if (outcome === 'no-change' && config.githubToken) {
    const { stepCancelled } = await import('../github/job-status.js');
    if (await stepCancelled(config.githubToken, runContext())) outcome = 'cancelled';
  }
  return { outcome, sinceMs, acquiredAt, stacks, events, recoveries: [] };
}

/** Repair before letting the next run in, so it finds a stack it can deploy; only while this run holds the lock. */
async function repair(
  d: FinalizeDeps,
  deployment: Deployment,
  holding: Holding | undefined
): Promise<RecoveryResult[]> {
  const { config, log } = d;
  const lease = holding?.lease;
  const recoveries = d.recovery
    ? await recoverStacks(
        {
          reader: d.reader,
          recovery: d.recovery,
          clock: d.clock,
          sleep: d.sleep,
          log,
          holding: () => !lease?.lost,
          mayRepair: () => (lease ? confirmed(d, lease) : Promise.resolve(true))
        },
        deployment.stacks,
        { autoRollback: config.autoRollback, cleanup: config.cleanup },
        config.waitTimeoutMs > 0 ? config.waitTimeoutMs : DEFAULT_EXPECTED_DURATION_MS,
        config.pollIntervalMs
      )
    : [];
  const after =
    recoveries.length > 0 ? await d.reader.describeStacks(config.stackNames) : deployment.stacks;
  logOutcome(d, deployment, after);
  return recoveries;
}

function logOutcome(
  d: FinalizeDeps,
  deployment: Deployment,
  stacks: readonly StackSnapshot[]
): void {
  d.log.info(
    `Outcome: ${deployment.outcome}. Stacks now: ${stacks.map((r) => `${r.name}=${r.status}`).join(', ')}`
  );
  if (deployment.outcome === 'still-running') {
    d.log.warning(
      'The job ended while CloudFormation is still working: releasing the lock; the next run is still held back by the in-progress check.',
      { title: 'Deployment still running' }
    );
  }
}

/** The release, whatever failed before it: true released, false not this run's (said already), undefined no lock or no answer. */
async function release(
  d: FinalizeDeps,
  lease: Lease | undefined,
  outcome: string
): Promise<boolean | undefined> {
  const { log, config, registry } = d;
  const env = config.environment;
  if (registry.kind !== 'dynamodb') {
    log.info('CloudFormation-only coordination holds no lock: nothing to release.');
    return undefined;
  }
  if (!lease) {
    log.info(
      `No acquisition of ${env} by this run was found (in state or the lock): nothing to release.`
    );
    return undefined;
  }
  if (lease.lost) return false;
  const released = await lease.release(outcome, Math.min(config.leaseMs, 30_000));
  if (released) log.info(`Released ${env} (fencing token ${lease.key.fence}), outcome ${outcome}.`);
  else if (released === undefined)
    log.warning(
      `Could not release ${env} (the registry did not answer): the lock expires after lease-minutes.`,
      { title: 'Registry unavailable' }
    );
  else
    log.info(
      `Nothing to release: ${env} is no longer held under fencing token ${lease.key.fence}.`
    );
  return released;
}

async function recordOutcome(
  d: FinalizeDeps,
  deployment: Deployment | undefined,
  released: boolean | undefined
): Promise<void> {
  const { log, config, registry } = d;
  if (!deployment) return;
  const { outcome, events, sinceMs } = deployment;
  const history = (): HistoryEntry =>
    historyEntry(log.correlationId, config, outcome, events, sinceMs, d.clock.now());
  if (registry.kind === 'dynamodb') {
    if (!released) return;
    const now = new Date(d.clock.now()).toISOString();
    await guard(log, async () => {
      await registry.addTransition(
        log.correlationId,
        { state: TRANSITION[outcome], at: now, note: outcome },
        { outcome }
      );
      await registry.addTransition(log.correlationId, { state: 'released', at: now });
      if (outcome !== 'no-change') await registry.addHistory(history());
    });
  } else if (outcome !== 'no-change') {
    await registry.addHistory(history());
    if (!config.registryTable) {
      const { saveHistory } = await import('../github/history-cache.js');
      await saveHistory(historyFile(config.environment), config.environment, log);
    }
  }
}

async function report(
  d: FinalizeDeps,
  dir: string,
  deployment: Deployment | undefined,
  lock: string | undefined
): Promise<void> {
  const { io, log, config } = d;
  if (!deployment) return;
  const { outcome, events, sinceMs, acquiredAt, recoveries } = deployment;
  const after = await d.reader.describeStacks(config.stackNames).catch(() => deployment.stacks);
  const rows = after.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }));
  const waited = Date.parse(acquiredAt) - Date.parse(io.getState(State.QueuedAt) || acquiredAt);
  const first = events[0]?.timestamp.getTime() ?? sinceMs;
  const last = events.at(-1)?.timestamp.getTime() ?? d.clock.now();
  const appUrl = config.urlOutput
    ? after.map((st) => st.outputs[config.urlOutput!]).find(Boolean)
    : undefined;
  await deploymentStatus(d, dir, outcome, appUrl);
  const slack = await slackReport(d, dir, {
    outcome,
    startedAt: new Date(first),
    endedAt: new Date(last),
    events,
    recoveries,
    appUrl
  });
  const thread = threadOf(d, dir);
  await io.appendSummary(
    summary(
      log.correlationId,
      config,
      'acquired',
      {
        outcome,
        waitedMs: waited,
        deployMs: last - first,
        expectedMs: existsSync(monitorFiles(dir).settings)
          ? readSettings(monitorFiles(dir).settings).info.estimate.expectedMs
          : undefined,
        thread: thread ? formatThread(thread) : undefined,
        lock
      },
      rows,
      events
    ) +
      recoverySection(recoveries) +
      slack
  );
}

/** The summary's lock line: held to the release, or how it was lost. */
function lockLine(holding: Holding): string {
  const { fence } = holding.lease.key;
  const loss = holding.loss();
  if (!holding.lease.lost) return `held from acquire to release (fencing token ${fence})`;
  if (loss?.kind === 'released') return `already released (fencing token ${fence})`;
  return `**lost** (fencing token ${fence}): ${loss?.text ?? "no longer this deployment's"}; this run stopped acting as the holder`;
}

function threadOf(d: FinalizeDeps, dir: string): ThreadRef | undefined {
  const file = monitorFiles(dir).thread;
  return parseThread(
    d.io.getState(State.SlackThread) || (existsSync(file) ? readFileSync(file, 'utf8') : '')
  );
}

/** The GitHub Deployment follows the outcome: success, or failure (with the app URL and the run's log). */
async function deploymentStatus(
  d: FinalizeDeps,
  dir: string,
  outcome: Outcome,
  appUrl?: string
): Promise<void> {
  const state =
    outcome === 'failed' ? 'failure' : outcome === 'still-running' ? 'in_progress' : 'success';
  await setDeploymentStatus(d, dir, state, outcome, appUrl);
}

async function setDeploymentStatus(
  d: FinalizeDeps,
  dir: string,
  state: 'success' | 'failure' | 'in_progress' | 'error',
  what: string,
  appUrl?: string
): Promise<void> {
  const { config, io, log } = d;
  const file = monitorFiles(dir).deployment;
  const id = Number(
    io.getState(State.DeploymentId) || (existsSync(file) ? readFileSync(file, 'utf8') : '')
  );
  if (!config.githubDeployment || !config.githubToken || !Number.isInteger(id) || id <= 0) return;
  const { GitHubDeployments } = await import('../github/deployments.js');
  const deployments = new GitHubDeployments(config.githubToken, runContext(), log);
  await deployments.status(id, state, `${what} (${log.correlationId})`, appUrl);
  log.info(`GitHub Deployment ${id}: ${state}.`);
}

/**
 * A run that announced its deployment (Slack thread, GitHub Deployment) and then did not deploy
 * (it lost the lock, or its handover failed) closes what it announced.
 */
async function closeAnnouncements(d: FinalizeDeps, dir: string, result: string): Promise<void> {
  if (!result) return;
  await setDeploymentStatus(d, dir, 'error', `not deployed: ${result}`);
  const files = monitorFiles(dir);
  const thread = threadOf(d, dir);
  if (!d.notifier || !thread || existsSync(files.finalSent) || !existsSync(files.settings)) return;
  let info: DeploymentInfo;
  try {
    info = readSettings(files.settings).info;
  } catch {
    return;
  }
  const now = new Date(d.clock.now());
  const startedAt = new Date(d.io.getState(State.AcquiredAt) || now.toISOString());
  await d.notifier.update(
    'parent',
    thread,
    startedMessage(info, { state: 'cancelled', startedAt, endedAt: now })
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(files.finalSent, now.toISOString(), { mode: 0o600 });
}

function recoverySection(recoveries: readonly RecoveryResult[]): string {
  if (recoveries.length === 0) return '';
  const lines = ['### Recovery', ''];
  for (const r of recoveries) {
    lines.push(`- ${r.stack}: ${r.action} → ${r.finalStatus} (${r.ok ? 'done' : 'failed'})`);
    if (r.instructions.length > 0) lines.push('', '```', ...r.instructions, '```', '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The final Slack notice (a reply broadcast to the channel) and the parent
 * updated in place; messages spooled by coordinate and the monitor are retried
 * first, so the thread stays in order. Returns the summary's Slack section.
 */
async function slackReport(
  d: FinalizeDeps,
  dir: string,
  end:
    | {
        outcome: Outcome;
        startedAt: Date;
        endedAt: Date;
        events: readonly StackEvent[];
        recoveries: readonly RecoveryResult[];
        appUrl?: string;
      }
    | undefined
): Promise<string> {
  const { config, log, io } = d;
  const files = monitorFiles(dir);
  const notifier = d.notifier ?? (await openNotifier(config.slack, log));
  if (!notifier || !config.slack) return '';
  const lost = await notifier.flush([files.stageSpool, files.spool]);
  const thread = parseThread(
    io.getState(State.SlackThread) ||
      (existsSync(files.thread) ? readFileSync(files.thread, 'utf8') : '')
  );
  if (end && thread && !existsSync(files.finalSent)) {
    const info = existsSync(files.settings)
      ? readSettings(files.settings).info
      : deploymentInfo(config, log.correlationId, runContext(), {
          expectedMs: DEFAULT_EXPECTED_DURATION_MS,
          basis: 'no history yet'
        });
    const durationMs = end.endedAt.getTime() - end.startedAt.getTime();
    if (end.outcome === 'succeeded' || end.outcome === 'failed') {
      const message =
        end.outcome === 'succeeded'
          ? succeededMessage(info, {
              durationMs,
              expectedMs: info.estimate.expectedMs,
              appUrl: end.appUrl
            })
          : failedMessage(info, {
              durationMs,
              rootCause: end.events.find(isRootCauseFailure),
              rollback: end.recoveries[0]
                ? {
                    action: end.recoveries.map((r) => `${r.action} ${r.stack}`).join(', '),
                    result: end.recoveries
                      .map(
                        (r) =>
                          `${r.stack} ${r.ok ? 'is' : 'still'} ${r.finalStatus}${r.ok ? '' : ': needs a person (see the job summary)'}`
                      )
                      .join('; ')
                  }
                : undefined,
              troubleshooting: troubleshooting(config.stackNames)
            });
      await notifier.post(end.outcome, thread.channel, message, { ts: thread.ts, broadcast: true });
    }
    const state =
      end.outcome === 'succeeded' ||
      end.outcome === 'failed' ||
      end.outcome === 'no-change' ||
      end.outcome === 'still-running'
        ? end.outcome
        : 'cancelled';
    await notifier.update(
      'parent',
      thread,
      startedMessage(info, { state, startedAt: end.startedAt, endedAt: end.endedAt })
    );
    // A finalize in a job of its own has no folder yet.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(files.finalSent, new Date().toISOString(), { mode: 0o600 });
  }
  lost.push(...notifier.failed);
  if (lost.length > 0) {
    log.warning(
      `Slack: ${lost.length} message(s) could not be delivered: ${lost.map((l) => l.label).join(', ')}.`,
      { title: 'Slack messages lost' }
    );
  }
  const lines = [
    '### Slack',
    '',
    `Delivered: ${notifier.delivered.length > 0 ? notifier.delivered.join(', ') : 'nothing'} (by finalize).`
  ];
  if (lost.length > 0) {
    lines.push(
      '',
      '| not delivered | why | when |',
      '|---|---|---|',
      ...lost.map((l) => `| ${l.label} | ${l.error} | ${l.at} |`)
    );
  }
  return `${lines.join('\n')}\n`;
}

function historyEntry(
  correlationId: string,
  config: Config,
  outcome: Outcome,
  events: readonly StackEvent[],
  sinceMs: number,
  now: number
): HistoryEntry {
  const first = events[0]?.timestamp.getTime() ?? sinceMs;
  const last = events.at(-1)?.timestamp.getTime() ?? now;
  return {
    correlationId,
    environment: config.environment,
    stacks: config.stackNames,
    outcome,
    startedAt: new Date(first).toISOString(),
    endedAt: new Date(last).toISOString(),
    durationMs: last - first,
    resourceTypeSeconds: resourceTypeSeconds(events)
  };
}

const troubleshooting = (stacks: readonly string[]): string[] => [
  ...stacks.map((s) => `aws cloudformation describe-stack-events --stack-name ${s} --max-items 30`),
  'Check the failing resource above, fix the template or parameters, and push again.',
  'A stack left in UPDATE_FAILED or UPDATE_ROLLBACK_FAILED needs a rollback before the next deployment.'
];

/**
 * This run's acquisition: the owner token and fence coordinate saved the moment it took the lock.
 * The finalize/ sub-action runs in a step of its own, without coordinate's state: the lock held
 * under its correlation-id input is this deployment's.
 */
async function acquired(d: FinalizeDeps): Promise<Acquisition | undefined> {
  const { io, log, config } = d;
  const owner = io.getState(State.Owner);
  const fence = io.getState(State.Fence);
  const acquiredAt = io.getState(State.AcquiredAt) || undefined;
  if (owner && fence !== '' && Number.isInteger(Number(fence)))
    return { key: { owner, fence: Number(fence), correlationId: log.correlationId }, acquiredAt };
  if (d.registry.kind !== 'dynamodb' || (!owner && !config.correlationId)) return undefined;
  const view = await guard(log, () => d.registry.view(config.environment));
  const holder = view?.lock.holder;
  if (!holder) return undefined;
  const run = runContext();
  // This run's own token (an acquire whose answer was lost), or, for a finalize step of its own
  // with no state, the lock held under this correlation ID by this very run attempt.
  const mine = owner
    ? holder.owner === owner
    : holder.correlationId === config.correlationId &&
      holder.run.runId === run.runId &&
      (holder.run.runAttempt ?? '') === (run.runAttempt ?? '');
  return mine
    ? {
        key: { owner: holder.owner, fence: holder.fence, correlationId: holder.correlationId },
        acquiredAt: holder.acquiredAt
      }
    : undefined;
}

async function stackRows(d: FinalizeDeps): Promise<Row[]> {
  const stacks = await d.reader.describeStacks(d.config.stackNames).catch(() => []);
  return stacks.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }));
}

/** Registry trouble in finalize is reported, never fatal: the lease expires on its own. */
async function guard<T>(log: Logger, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    log.warning(
      `Registry unavailable in finalize (${(err as Error).message}); the lock, if held, expires after lease-minutes.`,
      { title: 'Registry unavailable' }
    );
    return undefined;
  }
}

function summary(
  correlationId: string,
  config: Config,
  result: string,
  deployment:
    | {
        outcome: Outcome;
        waitedMs: number;
        deployMs: number;
        expectedMs?: number;
        thread?: string;
        lock?: string;
      }
    | undefined,
  rows: readonly Row[],
  events: readonly StackEvent[]
): string {
  const run = runContext();
  const lines = [
    `## Deployment Coordinator: ${config.environment}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Correlation ID | \`${correlationId}\` |`,
    `| Coordination | ${result} |`,
    ...(deployment
      ? [
          `| Outcome | ${deployment.outcome} |`,
          `| Waited | ${formatDuration(deployment.waitedMs)} |`,
          `| Deploying | ${formatDuration(deployment.deployMs)}${deployment.expectedMs !== undefined ? ` (estimate ${formatDuration(deployment.expectedMs)})` : ''} |`,
          ...(deployment.thread
            ? [
                `| Slack thread | channel ${deployment.thread.split(':')[0]}, message ${deployment.thread.split(':')[1]} |`
              ]
            : [])
        ]
      : []),
    ...(deployment?.lock ? [`| Lock | ${deployment.lock} |`] : []),
    `| Registry | ${config.registryTable ?? 'none (CloudFormation only)'} |`,
    ...(run.runUrl ? [`| Run | ${run.runUrl} |`] : []),
    ''
  ];
  if (rows.length > 0) {
    lines.push(
      '| Stack | Status |',
      '|---|---|',
      ...rows.map((r) => `| [${r.name}](${r.url}) | ${r.status} |`),
      ''
    );
  }
  if (events.length > 0) {
    lines.push(
      '<details><summary>Stack events</summary>',
      '',
      '| time | resource | status |',
      '|---|---|---|'
    );
    for (const e of events)
      lines.push(
        `| ${e.timestamp.toISOString()} | ${e.logicalId} (${e.resourceType}) | ${e.status} |`
      );
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}

export async function main(): Promise<void> {
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const log = createLogger(correlationId);
  await runStage(correlationId, async () => {
    // Bad inputs were already reported by pre or coordinate; finalize has nothing to undo then.
    const config = io.getState(State.Result) ? loadConfig(log, io) : tryReadConfig();
    if (!config) {
      log.info(
        'The inputs are invalid (see the earlier error): nothing was coordinated, nothing to finalize.'
      );
      return;
    }
    const reader = await cloudFormationReader(config.region);
    const kind = io.getState(State.Registry);
    const registry = await openRegistry(
      kind === 'cloudformation-only' ? undefined : config.registryTable,
      config.region,
      historyFile(config.environment)
    );
    await finalize({
      config,
      log,
      io,
      reader,
      registry,
      clock: systemClock,
      sleep,
      recovery: reader,
      notifier: await openNotifier(config.slack, log)
    });
  });
}

function tryReadConfig(): Config | undefined {
  try {
    return readConfig();
  } catch (err) {
    if (err instanceof ConfigError) return undefined;
    throw err;
  }
}
