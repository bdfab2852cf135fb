import { ExitCode } from '../config/state.js';
import { describeHolder } from '../coordination/wait-for-turn.js';
import { emit, registryFor, str, withoutOwner, type Command } from './command.js';

// The commands that free a lock: release (one acquisition) and unlock (whoever holds it).

const NO_LOCK = 'without a registry there is no lock, queue or history.';
const OUTCOMES = ['succeeded', 'failed', 'no-change', 'cancelled'];

export const release: Command = {
  summary:
    'Release a lock by correlation ID and fencing token (a no-op, exit 1, when it is not held by them).',
  usage:
    '--stack-name NAMES --registry-table TABLE --correlation-id ID --fence N [--outcome succeeded|failed]',
  options: { fence: { type: 'string' }, outcome: { type: 'string' } },
  needsTable: NO_LOCK,
  async run(ctx) {
    const { config } = ctx;
    const id = config.correlationId;
    const fence = Number(str(ctx, 'fence'));
    if (!id || !Number.isInteger(fence) || fence < 1) {
      ctx.err(
        `release needs --correlation-id and --fence (a whole number from 1), got ${JSON.stringify(id ?? '')} and ${JSON.stringify(str(ctx, 'fence') ?? '')}.`
      );
      return ExitCode.Failed;
    }
    const outcome = str(ctx, 'outcome') ?? 'succeeded';
    if (!OUTCOMES.includes(outcome)) {
      ctx.err(
        `--outcome is ${JSON.stringify(outcome)}: expected succeeded, failed, no-change or cancelled.`
      );
      return ExitCode.Failed;
    }
    const { lock, records } = await registryFor(config);
    const released = await lock.release(config.environment, { correlationId: id, fence }, outcome);
    if (released)
      await records.addTransition(
        id,
        {
          state: 'released',
          at: new Date().toISOString(),
          note: `from the command line (${outcome})`
        },
        { outcome }
      );
    emit(
      ctx,
      { released },
      released
        ? `Released ${config.environment} (${id}, fencing token ${fence}).`
        : `Not released: ${config.environment} is not held by ${id} with fencing token ${fence}.`
    );
    return released ? ExitCode.Ok : ExitCode.Failed;
  }
};

export const unlock: Command = {
  summary:
    "Clear the lock whoever holds it. Needs --force and --reason; recorded on the holder's record.",
  usage: '--stack-name NAMES --registry-table TABLE --force --reason TEXT',
  options: { force: { type: 'boolean' }, reason: { type: 'string' } },
  needsTable: NO_LOCK,
  async run(ctx) {
    const { config, operator: by } = ctx;
    const reason = str(ctx, 'reason')?.trim();
    if (!ctx.options['force'] || !reason) {
      ctx.err('unlock needs --force and --reason TEXT: it takes the lock from whoever holds it.');
      return ExitCode.Failed;
    }
    const { lock, records } = await registryFor(config);
    const previous = await lock.forceUnlock(config.environment, reason, by);
    if (previous) {
      await records.addTransition(previous.correlationId, {
        state: 'force-unlocked',
        at: new Date().toISOString(),
        note: `by ${by}: ${reason}`
      });
    }
    emit(
      ctx,
      { unlocked: Boolean(previous), previous: previous && withoutOwner(previous) },
      previous
        ? `Unlocked ${config.environment}: was held by ${describeHolder(previous)}. Recorded: by ${by}: ${reason}`
        : `${config.environment} was not locked.`
    );
    return ExitCode.Ok;
  }
};
