import { fileURLToPath } from 'node:url';
import { State } from '../config/state.js';
import {
  heartbeatInterval,
  monitorDir,
  readSettings,
  type MonitorSettings
} from '../monitor/files.js';
import { launchMonitor } from '../monitor/launch.js';
import { runMonitor } from '../monitor/run.js';
import { createLogger } from '../report/logger.js';
import { cloudFormationReader, openRegistry } from './clients.js';
import { coreIO, loadConfig, runStage, sleep, stageCorrelationId } from './runtime.js';

/**
 * One bundle, two roles: with a settings file as its argument it is the
 * detached monitor itself; as the monitor/ sub-action's step it launches one
 * for the deployment named by correlation-id.
 */
export async function main(): Promise<void> {
  const settingsFile = process.argv[2];
  if (settingsFile) await detached(readSettings(settingsFile));
  else await launchForSubAction();
}

async function detached(settings: MonitorSettings): Promise<void> {
  const controller = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => controller.abort());
  const reader = await cloudFormationReader(settings.region);
  const registry = settings.registryTable
    ? await openRegistry(settings.registryTable, settings.region)
    : undefined;
  await runMonitor({
    settings,
    registry,
    reader,
    now: Date.now,
    sleep,
    signal: controller.signal,
    write: (o) => process.stdout.write(`${JSON.stringify(o)}\n`)
  });
  process.exit(0);
}

async function launchForSubAction(): Promise<void> {
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const log = createLogger(correlationId);
  await runStage(correlationId, async () => {
    const config = loadConfig(log, io);
    if (!config) return;
    let fence = 0;
    if (config.registryTable) {
      const registry = await openRegistry(config.registryTable, config.region);
      const { lock } = await registry.view(config.environment);
      if (lock.holder?.correlationId !== correlationId) {
        log.warning(
          `${correlationId} does not hold the ${config.environment} lock (holder: ${lock.holder?.correlationId ?? 'none'}): watching without heartbeats.`
        );
      } else fence = lock.fence;
    }
    const launched = launchMonitor(fileURLToPath(import.meta.url), monitorDir(correlationId), {
      correlationId,
      environment: config.environment,
      stacks: config.stackNames,
      region: config.region,
      registryTable: fence > 0 ? config.registryTable : undefined,
      fence,
      leaseMs: config.leaseMs,
      heartbeatMs: heartbeatInterval(config.leaseMs),
      monitorIntervalMs: config.monitorIntervalMs,
      watchEvents: config.monitor,
      acquiredAt: new Date().toISOString()
    });
    io.saveState(State.MonitorPid, String(launched.pid));
    io.saveState(State.MonitorDir, launched.dir);
    log.info(`Monitor started (pid ${launched.pid}), observations in ${launched.log}.`);
  });
}
