import { State } from '../config/state.js';
import { historyFile } from '../registry/history-file.js';
import { createLogger } from '../report/logger.js';
import { coreSink, loadConfig, sayInputWarnings, stageCorrelationId } from '../runtime/stage.js';
import type { ActionIO, Logger } from '../ports/runtime.js';
import type { Config } from '../config/config.js';
import { DeploymentLog } from '../logs/deployment-log.js';
import { startDeploymentLog } from '../runtime/logs.js';

/**
 * pre: validate every input before anything is touched, and fix the correlation
 * ID for the whole job.
 */
export async function preStage(io: ActionIO): Promise<void> {
  const logs = new DeploymentLog(coreSink);
  const log = createLogger(stageCorrelationId(io), logs);
  const config = loadConfig(log, io);
  if (!config) return logs.off();
  await startDeploymentLog(logs, config, 'pre', log, io).catch(() => logs.off());
  try {
    await prepare(io, log, config);
  } finally {
    await logs.close();
  }
}

async function prepare(io: ActionIO, log: Logger, config: Config): Promise<void> {
  sayInputWarnings(log, io, config);
  io.saveState(State.CorrelationId, log.correlationId);
  io.saveState(State.PreRan, 'true');
  if (!config.registryTable) {
    const { restoreHistory } = await import('../github/history-cache.js');
    await restoreHistory(historyFile(config.environment), config.environment, log);
  }
  log.info(
    `Deployment Coordinator: environment ${config.environment}, stacks ${config.stackNames.join(', ')}, region ${config.region}, registry ${config.registryTable ?? 'none (CloudFormation only)'}.`
  );
}
