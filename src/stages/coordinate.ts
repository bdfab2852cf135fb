import type { Config } from '../config/config.js';
import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { ExitCode, Outputs, State, type CoordinationResult } from '../config/state.js';
import { activeCorrelationId, describeActivity, type Activity } from '../domain/activity.js';
import { formatDuration } from '../domain/durations.js';
import {
  activeDeploymentFindings,
  blocking,
  otherFindings,
  warningsOf,
  type Finding
} from '../domain/findings.js';
import { CORRELATION_TAG, type StackSnapshot } from '../domain/stack.js';
import type { Clock, Sleep, StackReader } from '../coordination/ports.js';
import { reportFindings } from '../coordination/report-findings.js';
import { waitForStacks } from '../coordination/wait-for-stacks.js';
import { createLogger, type Logger } from '../report/logger.js';
import {
  cancellationSignal,
  coreIO,
  loadConfig,
  runStage,
  sleep,
  stageCorrelationId,
  systemClock,
  type ActionIO
} from './runtime.js';
import { cloudFormationReader } from './clients.js';

export interface CoordinateDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly io: ActionIO;
  readonly reader: StackReader;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly signal?: AbortSignal;
}

export interface CoordinateReport {
  readonly result: CoordinationResult;
  readonly stacks: readonly StackSnapshot[];
  readonly findings: readonly Finding[];
  readonly waitedMs: number;
  readonly queuePosition: number;
  readonly busy: readonly Activity[];
  readonly expectedMs: number;
}

/**
 * coordinate: the active-deployment check first; wait while a covered stack is
 * busy (up to wait-timeout-minutes); then the other checks; go or stop.
 */
export async function coordinate(d: CoordinateDeps): Promise<CoordinateReport> {
  const { config, log, reader } = d;
  const expectedMs = config.expectedDurationMs ?? DEFAULT_EXPECTED_DURATION_MS;
  const estimateBasis = config.expectedDurationMs
    ? 'from expected-duration-minutes'
    : 'no history yet';

  const arrival = await reader.describeStacks(config.stackNames);
  log.info(`Stacks on arrival: ${arrival.map((s) => `${s.name}=${s.status}`).join(', ')}`);
  const active = activeDeploymentFindings(arrival);
  const queuePosition = active.length > 0 ? 1 : 0;
  let stacks = arrival;
  let waitedMs = 0;
  let busy: Activity[] = [];

  if (active.length > 0) {
    reportFindings(log, active, false);
    log.info(
      config.waitTimeoutMs > 0
        ? `Waiting up to ${formatDuration(config.waitTimeoutMs)} for the active deployment, checking every ${formatDuration(config.pollIntervalMs)}.`
        : 'wait-timeout-minutes is 0: not waiting.'
    );
    const outcome = await waitForStacks(d, {
      stacks: config.stackNames,
      timeoutMs: config.waitTimeoutMs,
      pollIntervalMs: config.pollIntervalMs,
      expectedMs,
      estimateBasis,
      signal: d.signal
    });
    waitedMs = outcome.waitedMs;
    stacks = outcome.stacks;
    if (outcome.kind !== 'settled') {
      const result = outcome.kind === 'cancelled' ? 'aborted' : 'concurrent';
      const details = outcome.busy
        .map((a) => describeActivity(a, d.clock.now(), expectedMs, estimateBasis))
        .join('\n');
      const why =
        outcome.kind === 'cancelled'
          ? `Cancelled after waiting ${formatDuration(waitedMs)}.`
          : config.waitTimeoutMs > 0
            ? `Gave up after waiting ${formatDuration(waitedMs)} (wait-timeout-minutes).`
            : 'Not waiting (wait-timeout-minutes is 0).';
      log.error(`${why}\n${details}`, { title: 'Another deployment is active' });
      return {
        result,
        stacks,
        findings: activeDeploymentFindings(stacks),
        waitedMs,
        queuePosition,
        busy: outcome.busy,
        expectedMs
      };
    }
    busy = outcome.wasBusy;
    log.info(
      `The active deployment finished after ${formatDuration(waitedMs)}: ${stacks.map((s) => `${s.name}=${s.status}`).join(', ')}`
    );
  }

  const findings = [
    ...activeDeploymentFindings(stacks),
    ...otherFindings(stacks, { registryConfigured: Boolean(config.registryTable) })
  ];
  reportFindings(log, findings);
  let result: CoordinationResult = 'acquired';
  if (blocking(findings).length > 0) {
    log.error(
      `Blocked: ${blocking(findings)
        .map((f) => f.code)
        .join(', ')}. Nothing was deployed.`,
      { title: 'Deployment blocked' }
    );
    result = 'blocked';
  } else if (warningsOf(findings).length > 0 && config.warnings !== 'proceed') {
    // 'ask' needs an answer from a person; without one the safe default is to stop.
    log.error(
      `warnings is '${config.warnings}' and validation found ${warningsOf(findings).length} warning(s): not deploying.`,
      { title: 'Deployment blocked by warnings' }
    );
    result = 'blocked';
  }
  return { result, stacks, findings, waitedMs, queuePosition, busy, expectedMs };
}

/** Publishes what coordinate found as the step's outputs and state, and sets the exit status. */
export function publish(d: CoordinateDeps, report: CoordinateReport): void {
  const { io, log, config, reader } = d;
  const first = report.stacks[0];
  const activeId = report.busy.map((a) => activeCorrelationId(a.stack)).find(Boolean);
  const outputs: Record<string, string> = {
    [Outputs.CorrelationId]: log.correlationId,
    [Outputs.Result]: report.result,
    [Outputs.Registry]: 'cloudformation-only',
    [Outputs.WaitedSeconds]: String(Math.round(report.waitedMs / 1000)),
    [Outputs.QueuePosition]: String(report.queuePosition),
    [Outputs.ActiveCorrelationId]: activeId ?? '',
    [Outputs.StackStatus]: JSON.stringify(
      Object.fromEntries(report.stacks.map((s) => [s.name, s.status]))
    ),
    [Outputs.ConsoleUrl]: first ? reader.consoleUrl(first) : '',
    [Outputs.EstimatedMinutes]: String(Math.round((report.expectedMs / 60_000) * 10) / 10),
    [Outputs.CfnTags]: JSON.stringify([{ Key: CORRELATION_TAG, Value: log.correlationId }]),
    [Outputs.Validation]: JSON.stringify(report.findings)
  };
  for (const [name, value] of Object.entries(outputs)) io.setOutput(name, value);
  io.saveState(State.Result, report.result);
  if (report.result === 'acquired')
    io.saveState(State.AcquiredAt, new Date(d.clock.now()).toISOString());

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
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const log = createLogger(correlationId);
  await runStage(correlationId, async () => {
    const config = loadConfig(log, io);
    if (!config) return;
    const signal = cancellationSignal((sig) => log.warning(`Received ${sig}: stopping the wait.`));
    const reader = await cloudFormationReader(config.region);
    const deps: CoordinateDeps = { config, log, io, reader, clock: systemClock, sleep, signal };
    publish(deps, await coordinate(deps));
  });
}
