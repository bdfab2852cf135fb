import * as core from '@actions/core';
import { newCorrelationId, isValidCorrelationId } from '../domain/correlation-id.js';
import { ConfigError, type Config } from '../config/config.js';
import { readConfig, readCorrelationIdInput } from '../config/read.js';
import { createLogger, type LogSink } from '../report/logger.js';
import { State } from '../config/state.js';
import type { ActionIO, Logger } from '../ports/runtime.js';
import { processEnv } from './env.js';
import { DeploymentLog } from '../logs/deployment-log.js';
import type { LogStage } from '../logs/events.js';
import { startDeploymentLog } from './logs.js';

/** The runner's log: workflow commands through @actions/core. */
export const coreSink: LogSink = core;

export const coreIO: ActionIO = {
  setOutput: (name, value) => core.setOutput(name, value),
  saveState: (name, value) => core.saveState(name, value),
  getState: (name) => core.getState(name),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  appendSummary: async (markdown) => {
    if (!processEnv['GITHUB_STEP_SUMMARY']) return;
    await core.summary.addRaw(markdown, true).write();
  }
};

// Time and the environment, from the light modules the detached monitor uses too.
export { sleep, systemClock } from './clock.js';
export { envValue } from './env.js';

/**
 * The deployment's correlation ID: the one pre saved, else the input, else a new
 * one (a stage that runs without pre, such as a sub-action, still has one).
 */
export function stageCorrelationId(io: ActionIO): string {
  const saved = io.getState(State.CorrelationId);
  if (saved) return saved;
  const input = readCorrelationIdInput();
  return input && isValidCorrelationId(input) ? input : newCorrelationId();
}

/** Aborts on the signals the runner sends on cancel: SIGINT, then SIGTERM. */
export function cancellationSignal(onSignal?: (signal: NodeJS.Signals) => void): AbortSignal {
  const controller = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      onSignal?.(sig);
      controller.abort(sig);
    });
  }
  return controller.signal;
}

/** Runs a stage: any unexpected error fails the step with a message that carries the correlation ID. */
export async function runStage(correlationId: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const e = err as Error;
    core.error(`[${correlationId}] ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`, {
      title: 'Deployment Coordinator failed'
    });
    if (e?.stack) core.debug(e.stack);
    process.exitCode = 1;
  }
}

/** Every stage validates the inputs (a sub-action may run without pre); bad input fails the step here. */
export function loadConfig(log: Logger, io: ActionIO): Config | undefined {
  try {
    return readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.error(err.message, { title: 'Invalid input' });
    io.setExitCode(1);
    return undefined;
  }
}

/**
 * What the inputs accepted with a warning, as warning annotations: once a job, in its first stage
 * (pre, or the main step when there is no pre, as in the split sub-actions).
 */
export function sayInputWarnings(log: Logger, io: ActionIO, config: Config): void {
  if (io.getState(State.PreRan) === 'true') return;
  for (const w of config.inputWarnings) log.warning(w, { title: 'Input warning' });
}

export interface StageContext {
  readonly io: ActionIO;
  readonly log: Logger;
  readonly config: Config;
  readonly correlationId: string;
  /** The stage's lines as the deployment's CloudWatch Logs events (with log-group). */
  readonly logs: DeploymentLog;
}

/**
 * A stage's prologue and epilogue: its correlation ID, its logger, its inputs checked (bad input
 * fails the step), its log sent to the deployment's stream (with log-group) until its end.
 */
export async function actionStage(
  stage: LogStage,
  body: (stage: StageContext) => Promise<void>
): Promise<void> {
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const logs = new DeploymentLog(coreSink);
  const log = createLogger(correlationId, logs);
  await runStage(correlationId, async () => {
    const config = loadConfig(log, io);
    if (!config) return logs.off();
    await startDeploymentLog(logs, config, stage, log, io).catch(() => logs.off());
    try {
      await body({ io, log, config, correlationId, logs });
    } finally {
      await logs.close();
    }
  });
}
