import { ConfigError, type Config } from '../config/config.js';
import { readConfig } from '../config/read.js';
import { State } from '../config/state.js';
import type { StackReader } from '../coordination/ports.js';
import { runContext } from '../github/context.js';
import { createLogger, type Logger } from '../report/logger.js';
import { coreIO, loadConfig, runStage, stageCorrelationId, type ActionIO } from './runtime.js';
import { cloudFormationReader } from './clients.js';

export interface FinalizeDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly io: ActionIO;
  readonly reader: StackReader;
}

/**
 * finalize (post): runs whatever happened before it. Says what coordinate
 * decided, reads the stacks' final state, and writes the job summary.
 */
export async function finalize(d: FinalizeDeps): Promise<void> {
  const { io, log, config } = d;
  const result = io.getState(State.Result);
  if (!result) {
    log.info(
      'coordinate did not run (or did not finish): nothing was acquired, nothing to release.'
    );
    await io.appendSummary(summary(log.correlationId, config, 'not coordinated', []));
    return;
  }
  const stacks = await d.reader.describeStacks(config.stackNames);
  const rows = stacks.map((s) => ({ name: s.name, status: s.status, url: d.reader.consoleUrl(s) }));
  log.info(
    `coordinate result: ${result}. Stacks now: ${rows.map((r) => `${r.name}=${r.status}`).join(', ')}`
  );
  if (result === 'acquired')
    log.info('CloudFormation-only coordination holds no lock: nothing to release.');
  await io.appendSummary(summary(log.correlationId, config, result, rows));
}

function summary(
  correlationId: string,
  config: Config,
  result: string,
  rows: ReadonlyArray<{ name: string; status: string; url: string }>
): string {
  const run = runContext();
  const lines = [
    `## Deployment Coordinator: ${config.environment}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Correlation ID | \`${correlationId}\` |`,
    `| Coordination | ${result} |`,
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
    await finalize({ config, log, io, reader });
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
