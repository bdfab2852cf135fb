import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../config/config.js';
import type { DeploymentLog } from '../logs/deployment-log.js';
import { streamName, type LogStage } from '../logs/events.js';
import { LogShipper } from '../logs/shipper.js';
import { monitorDir, monitorFiles } from '../monitor/files.js';
import type { ActionIO, Logger } from '../ports/runtime.js';
import { State } from '../config/state.js';
import { runContext } from './run-context.js';

/** The warning's title when the stream cannot be written (once a step). */
export const LOGS_WARNING_TITLE = 'CloudWatch Logs unavailable';

/**
 * The deployment's stream for this step, when `log-group` is set (the Logs client is loaded only
 * then). Steps before the post keep what they cannot send in the deployment's folder; the post step
 * is the last, and counts what it cannot send.
 */
export async function openLogShipper(
  config: Pick<Config, 'logGroup' | 'region' | 'environment'>,
  correlationId: string,
  log: Logger,
  last: boolean,
  /** The job's record that a step could not write the stream (one warning a job). */
  failed?: { readonly reason: string; record(reason: string): void }
): Promise<LogShipper | undefined> {
  if (!config.logGroup) return undefined;
  const { cloudWatchLogs, describeLogsError } = await import('../aws/logs.js');
  const dir = monitorDir(correlationId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return new LogShipper(
    cloudWatchLogs(config.region),
    config.logGroup,
    streamName(config.environment, correlationId),
    (message) => {
      log.warning(message, { title: LOGS_WARNING_TITLE });
      failed?.record(message);
    },
    describeLogsError,
    last ? undefined : monitorFiles(dir).logsSpool,
    failed?.reason || undefined
  );
}

/** Starts sending a stage's log to the deployment's stream (or lets go of what it kept). */
export async function startDeploymentLog(
  logs: DeploymentLog,
  config: Config,
  stage: LogStage,
  log: Logger,
  io: ActionIO
): Promise<void> {
  // In state for the job's later steps, and in the deployment's folder for split sub-actions.
  const marker = monitorFiles(monitorDir(log.correlationId)).logsFailed;
  const shipper = await openLogShipper(config, log.correlationId, log, stage === 'finalize', {
    reason:
      io.getState(State.LogsFailed) || (existsSync(marker) ? readFileSync(marker, 'utf8') : ''),
    record: (reason) => {
      io.saveState(State.LogsFailed, reason);
      try {
        writeFileSync(marker, reason, { mode: 0o600 });
      } catch {
        // The state is enough where there is no folder.
      }
    }
  });
  if (!shipper) return logs.off();
  logs.start(shipper, {
    correlationId: log.correlationId,
    environment: config.environment,
    stage,
    stacks: config.stackNames,
    ...(runContext().runUrl ? { runUrl: runContext().runUrl } : {})
  });
}
