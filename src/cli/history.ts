import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { ExitCode } from '../config/state.js';
import { formatDuration } from '../domain/durations.js';
import { historyEstimate } from '../domain/expectation.js';
import { pastOperationKind } from '../domain/past-operations.js';
import { emit, registryFor, str, type Command } from './command.js';

// The commands that read finished deployments: history and estimate.

const NO_HISTORY = 'without a registry there is no lock, queue or history.';
const DEFAULT_LIMIT = 20;
/** How many finished deployments an estimate looks at. */
const ESTIMATE_SAMPLE = 100;

export const history: Command = {
  summary: 'Recent deployments of an environment, all its stacks: outcome, duration, stacks.',
  usage: '--environment NAME --registry-table TABLE [--limit N] [--json]',
  help: 'The environment is --environment, else the first of --stack-name.',
  options: { limit: { type: 'string' } },
  needsTable: NO_HISTORY,
  stackNameOptional: true,
  async run(ctx) {
    const { config } = ctx;
    if (!config.environment) {
      ctx.err('history needs --environment NAME (or --stack-name, whose first stack names it).');
      return ExitCode.Failed;
    }
    const { history } = await registryFor(config);
    const limit = Number(str(ctx, 'limit') ?? String(DEFAULT_LIMIT));
    const { items: entries } = await history.recent(
      config.environment,
      Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_LIMIT
    );
    emit(
      ctx,
      entries,
      entries.length === 0
        ? `${config.environment}: no history yet.`
        : entries
            .map(
              (e) =>
                `${e.endedAt}  ${e.outcome.padEnd(13)} ${formatDuration(e.durationMs).padStart(8)}  ${e.correlationId}  ${e.stacks.join(',')}${pastOperationKind(e.correlationId) ? "  (from CloudFormation's event history)" : ''}`
            )
            .join('\n')
    );
    return ExitCode.Ok;
  }
};

export const estimate: Command = {
  summary: 'Expected duration of a deployment of these stacks, from history.',
  usage: '--stack-name NAMES --registry-table TABLE [--json]',
  options: {},
  needsTable: NO_HISTORY,
  async run(ctx) {
    const { config } = ctx;
    const { history } = await registryFor(config);
    const found = historyEstimate(
      (await history.recent(config.environment, ESTIMATE_SAMPLE)).items,
      config.stackNames
    );
    const fallback = config.expectedDurationMs ?? DEFAULT_EXPECTED_DURATION_MS;
    emit(
      ctx,
      found ?? { expectedMs: fallback, samples: 0 },
      found
        ? `Expected ${formatDuration(found.expectedMs)} (${found.basis}).`
        : `Expected ${formatDuration(fallback)}: no history yet.`
    );
    return ExitCode.Ok;
  }
};
