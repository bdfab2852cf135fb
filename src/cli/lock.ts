import { ExitCode } from '../config/state.js';
import { shown } from '../domain/display.js';
import { REASON_ACCEPTED, REASON_MAX, reasonProblem } from '../domain/operator-input.js';
import { numberAccepted } from '../domain/numbers.js';
import { emit, registryFor, str, withoutOwner, type Command } from './command.js';
import { isProblem, numberFlag, type FlagRule } from './flags.js';
import { displayText, holderText } from './stored-text.js';

// The commands that free a lock: release (one acquisition) and unlock (whoever holds it).

const NO_LOCK = 'without a registry there is no lock, queue or history.';
const OUTCOMES = ['succeeded', 'failed', 'no-change', 'cancelled'];
/** A fencing token: the lock's count of acquisitions, from 1. */
const FENCE: FlagRule = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };

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
    const fence = numberFlag('fence', str(ctx, 'fence'), FENCE);
    if (!id || fence === undefined) {
      ctx.err(
        `release needs --correlation-id and --fence (${numberAccepted(FENCE)}), got ${shown(id ?? '')} and ${shown(str(ctx, 'fence') ?? '')}.`
      );
      return ExitCode.Failed;
    }
    if (isProblem(fence)) {
      ctx.err(fence.problem);
      return ExitCode.Failed;
    }
    const outcome = str(ctx, 'outcome') ?? 'succeeded';
    if (!OUTCOMES.includes(outcome)) {
      ctx.err(
        `--outcome is ${shown(outcome)}: expected succeeded, failed, no-change or cancelled.`
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
  help: `  --reason TEXT  why (required): recorded on the holder's record; one line of 1 to ${REASON_MAX} characters,
                 no control characters, bidirectional controls or zero-width characters`,
  options: { force: { type: 'boolean' }, reason: { type: 'string' } },
  needsTable: NO_LOCK,
  async run(ctx) {
    const { config, operator: by } = ctx;
    const reasonText = str(ctx, 'reason');
    const reason = reasonText?.trim();
    if (!ctx.options['force'] || !reason) {
      ctx.err('unlock needs --force and --reason TEXT: it takes the lock from whoever holds it.');
      return ExitCode.Failed;
    }
    // As freeze's --reason: it is kept on the holder's record and read by people.
    const problem = reasonProblem(reason);
    if (problem) {
      ctx.err(`--reason ${shown(reasonText ?? '')}: expected ${REASON_ACCEPTED}; that ${problem}.`);
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
        ? `Unlocked ${config.environment}: was held by ${holderText(previous)}. Recorded: by ${displayText(by)}: ${reason}`
        : `${config.environment} was not locked.`
    );
    return ExitCode.Ok;
  }
};
