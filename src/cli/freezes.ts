import { ExitCode } from '../config/state.js';
import { holds, nextWindow } from '../domain/freeze.js';
import { emit, registryFor, str, type Command } from './command.js';
import { NO_FREEZES, freezeLine, invalidCron, thawCommand } from './freeze.js';
import { concerns } from '../ports/registry-errors.js';
import { displayText, unreadableJson, unreadableLines } from './stored-text.js';

// The freezes command: the list of the freezes in force or to come (set with freeze, in freeze.ts).

export const freezes: Command = {
  summary:
    'List the freezes in force or to come (of an environment: its own and those of all environments).',
  usage: '--registry-table TABLE [--environment NAME] [--json]',
  options: {},
  needsTable: NO_FREEZES,
  stackNameOptional: true,
  async run(ctx) {
    const env = str(ctx, 'environment');
    const { freezes: store } = await registryFor(ctx.config);
    const now = Date.now();
    const read = await store.list();
    const kept = read.items.filter((f) => !f.thawedAt && (!env || holds(f, env)));
    // Items that do not decode, shown where they could hold what was asked about.
    const unreadable = read.unreadable.filter((u) => !env || concerns(u, env));
    const listed = kept
      .filter((f) => nextWindow(f, now))
      .map((f) => ({ freeze: f, window: nextWindow(f, now)! }))
      .sort((a, b) => a.window.start - b.window.start);
    // Never in force, but never over: listed last, to be thawed.
    const invalid = kept.filter(invalidCron);
    emit(
      ctx,
      [
        ...listed.map(({ freeze: f, window: w }) => ({
          ...f,
          active: w.start <= now,
          windowStart: Number.isFinite(w.start) ? new Date(w.start).toISOString() : f.createdAt,
          windowEnd: new Date(w.end).toISOString()
        })),
        ...invalid.map((f) => ({ ...f, active: false, invalid: true })),
        ...unreadable.map(unreadableJson)
      ],
      listed.length + invalid.length + unreadable.length === 0
        ? `No freeze${env ? ` holds ${displayText(env)}` : ''} now or later.`
        : [
            ...listed.map(
              ({ freeze: f, window: w }) =>
                `${w.start <= now ? 'now ' : 'later'} ${freezeLine(f, now)}`
            ),
            ...invalid.map(
              (f) =>
                `bad   ${freezeLine(f, now)}\n      thaw it with: ${thawCommand(ctx, `--id ${displayText(f.id)}`)}`
            ),
            ...unreadableLines(unreadable, ctx.config.registryTable)
          ].join('\n')
    );
    return ExitCode.Ok;
  }
};
