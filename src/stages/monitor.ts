import type { Config } from '../config/config.js';
import { formatEvent } from '../domain/activity.js';
import { isInProgress } from '../domain/stack-status.js';
import type { Sleep, StackReader } from '../coordination/ports.js';
import { createLogger, type Logger } from '../report/logger.js';
import {
  cancellationSignal,
  coreIO,
  loadConfig,
  runStage,
  sleep,
  stageCorrelationId
} from './runtime.js';
import { cloudFormationReader } from './clients.js';

export interface MonitorDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly reader: StackReader;
  readonly sleep: Sleep;
  readonly signal?: AbortSignal;
}

/**
 * Watches the covered stacks' events every monitor-interval-seconds and reports
 * each new one, until no stack is in progress or the signal aborts.
 */
export async function watchStacks(d: MonitorDeps): Promise<void> {
  const { config, log, reader } = d;
  const cursor = new Map<string, string | undefined>();
  for (const name of config.stackNames)
    cursor.set(name, (await reader.eventsSince(name)).at(-1)?.id);
  log.info(`Watching ${config.stackNames.join(', ')} every ${config.monitorIntervalMs / 1000}s.`);
  while (!d.signal?.aborted) {
    await d.sleep(config.monitorIntervalMs, d.signal);
    for (const name of config.stackNames) {
      const fresh = await reader.eventsSince(name, cursor.get(name));
      for (const e of fresh) log.info(formatEvent(e));
      if (fresh.length > 0) cursor.set(name, fresh.at(-1)?.id);
    }
    const stacks = await reader.describeStacks(config.stackNames);
    if (!stacks.some((s) => isInProgress(s.status))) {
      log.info(
        `No covered stack is in progress: ${stacks.map((s) => `${s.name}=${s.status}`).join(', ')}.`
      );
      return;
    }
  }
}

export async function main(): Promise<void> {
  const io = coreIO;
  const correlationId = stageCorrelationId(io);
  const log = createLogger(correlationId);
  await runStage(correlationId, async () => {
    const config = loadConfig(log, io);
    if (!config) return;
    const reader = await cloudFormationReader(config.region);
    const signal = cancellationSignal();
    await watchStacks({
      config,
      log,
      reader,
      sleep,
      signal
    });
  });
}
