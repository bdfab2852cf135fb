import { DEFAULT_EXPECTED_DURATION_MS } from '../config/config.js';
import { ExitCode } from '../config/state.js';
import { formatDuration } from '../domain/durations.js';
import { historyEstimate } from '../domain/expectation.js';
import { pastOperationKind } from '../domain/past-operations.js';
import type { HistoryEntry } from '../ports/registry.js';
import { emit, registryFor, str, type Command } from './command.js';
import { isProblem, numberFlag, type FlagRule } from './flags.js';
import { displayText, unreadableJson, unreadableLines } from './stored-text.js';

// The commands that read finished deployments: history and estimate.

const NO_HISTORY = 'without a registry there is no lock, queue or history.';
/** --limit: how many finished deployments history lists (a DynamoDB query's Limit). */
const LIMIT: FlagRule = { min: 1, max: 1000, integer: true, default: 20 };
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
    const limit = numberFlag('limit', str(ctx, 'limit'), LIMIT) ?? LIMIT.default!;
    if (isProblem(limit)) {
      ctx.err(limit.problem);
      return ExitCode.Failed;
    }
    const { history } = await registryFor(config);
    const { items: entries, unreadable } = await history.recent(config.environment, limit);
    emit(
      ctx,
      [...entries, ...unreadable.map(unreadableJson)],
      [
        ...(entries.length === 0 && unreadable.length === 0
          ? [`${displayText(config.environment)}: no history yet.`]
          : entries.map(historyLine)),
        ...unreadableLines(unreadable, config.registryTable)
      ].join('\n')
    );
    return ExitCode.Ok;
  }
};

/** A finished deployment on one line, its stored texts escaped. */
function historyLine(e: HistoryEntry): string {
  const stacks = e.stacks.map((s) => displayText(s));
  const past = pastOperationKind(e.correlationId) ? "  (from CloudFormation's event history)" : '';
  return `${displayText(e.endedAt)}  ${displayText(e.outcome).padEnd(13)} ${formatDuration(e.durationMs).padStart(8)}  ${displayText(e.correlationId)}  ${stacks.join(',')}${past}`;
}

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
        ? `Expected ${formatDuration(found.expectedMs)} (${displayText(found.basis, 2000)}).`
        : `Expected ${formatDuration(fallback)}: no history yet.`
    );
    return ExitCode.Ok;
  }
};
