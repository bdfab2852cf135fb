import { ExitCode } from '../config/state.js';
import { shown } from '../domain/display.js';
import { ALL_ENVIRONMENTS, ended, holds, windowAt, type Freeze } from '../domain/freeze.js';
import { emit, registryFor, str, type Command } from './command.js';
import { NO_FREEZES, SCOPE, freezeLine, invalidCron, thawCommand } from './freeze.js';
import { concerns } from '../ports/registry-errors.js';
import { displayText, unreadableJson, unreadableLines } from './stored-text.js';

// The thaw command: it ends freezes (set with freeze, in freeze.ts).

export const thaw: Command = {
  summary:
    'End freezes: by --id, or the freezes of an environment (--environment), or those of all environments (--all).',
  usage: `(--id ID | ${SCOPE}) --registry-table TABLE`,
  help: [
    '  --id ID             the freeze with this id (fz-1a2b3c4d), whatever its scope',
    '  --environment NAME  the freezes set for this environment; not those of all environments that',
    '                      hold it too (the answer names them)',
    '  --all               the freezes set for all environments (freeze --all) only; not those of one environment',
    'Exit 0 when at least one freeze was thawed; exit 1 when nothing was, whatever the scope (no such',
    'freeze, thawed already, or ended), saying why.',
    'Freezes that have ended (their window is over, not recurring) are left as they are.',
    'A thawed freeze stays in the table for a week, for the record, then expires.'
  ].join('\n'),
  options: { all: { type: 'boolean' }, id: { type: 'string' } },
  needsTable: NO_FREEZES,
  stackNameOptional: true,
  async run(ctx) {
    const id = str(ctx, 'id');
    const environment = str(ctx, 'environment');
    const all = Boolean(ctx.options['all']);
    if ([id !== undefined, environment !== undefined, all].filter(Boolean).length !== 1) {
      ctx.err(`thaw needs exactly one of --id ID, --environment NAME or --all.`);
      return ExitCode.Failed;
    }
    const scope = all ? ALL_ENVIRONMENTS : environment;
    const { freezes } = await registryFor(ctx.config);
    const read = await freezes.list();
    const kept = read.items;
    const now = Date.now();
    // In force or to come: a freeze whose window is over is left alone (its TTL too). One with an
    // invalid cron holds nothing but has no end either: it can be thawed.
    const live = kept.filter((f) => !f.thawedAt && (!ended(f, now) || invalidCron(f)));
    const chosen = live.filter((f) => (id !== undefined ? f.id === id : f.environment === scope));
    const thawed: Freeze[] = [];
    for (const f of chosen) if (await freezes.thaw(f, ctx.operator)) thawed.push(f);
    const thawedIds = new Set(thawed.map((f) => f.id));
    // What still holds the scope: of an environment, the freezes of all environments; of --all,
    // those of single environments (which --all does not thaw).
    const remaining =
      id !== undefined
        ? []
        : live.filter(
            (f) =>
              !thawedIds.has(f.id) &&
              (all
                ? f.environment !== ALL_ENVIRONMENTS
                : f.environment === ALL_ENVIRONMENTS && holds(f, scope ?? ''))
          );
    const stillFrozen = remaining.filter((f) => windowAt(f, now));
    const lines = thawed.map((f) => `Thawed ${freezeLine(f, now)}`);
    if (thawed.length === 0) lines.push(nothingToThaw(kept, id, scope, now));
    if (remaining.length > 0)
      lines.push(
        all
          ? `Not thawed by --all (freezes of one environment; thaw each with --id, or with --environment NAME):`
          : `${scope} is ${stillFrozen.length > 0 ? 'still frozen' : 'to be frozen'} by ${remaining.length === 1 ? 'a freeze' : 'freezes'} of all environments, not thawed by --environment:`,
        ...remaining.map(
          (f) =>
            `  ${windowAt(f, now) ? 'now ' : 'later'} ${freezeLine(f, now)}\n        thaw it with: ${thawCommand(ctx, `--id ${displayText(f.id)}`)}`
        ),
        ...(all ? [] : [`  or every freeze of all environments with: ${thawCommand(ctx, '--all')}`])
      );
    // A freeze item that does not decode cannot be thawed: it holds runs of what its key names
    // (they end blocked, REGISTRY_CORRUPT) until doctor repairs it.
    const unreadable = read.unreadable.filter(
      (u) => all || (id !== undefined ? u.sk.endsWith(`#${id}`) : concerns(u, scope ?? ''))
    );
    lines.push(...unreadableLines(unreadable, ctx.config.registryTable));
    emit(
      ctx,
      {
        ...(unreadable.length > 0 ? { unreadable: unreadable.map(unreadableJson) } : {}),
        thawed: thawed.map((f) => f.id),
        notThawed: remaining.map((f) => ({
          id: f.id,
          environment: f.environment,
          active: Boolean(windowAt(f, now))
        }))
      },
      lines.join('\n')
    );
    // Nothing thawed, whatever the scope: what was asked for did not happen.
    return thawed.length > 0 ? ExitCode.Ok : ExitCode.Failed;
  }
};

/** Why nothing was thawed: no such freeze, or it was thawed already, or it has ended. */
function nothingToThaw(
  kept: readonly Freeze[],
  id: string | undefined,
  scope: string | undefined,
  now: number
): string {
  if (id === undefined)
    return `Nothing to thaw: no freeze set for ${scope === ALL_ENVIRONMENTS ? 'all environments' : scope} is in force or to come.`;
  const f = kept.find((k) => k.id === id);
  if (!f) return `Nothing to thaw: no freeze with id ${shown(id)} is in the table.`;
  if (f.thawedAt)
    return `Nothing to thaw: freeze ${displayText(id)} was thawed ${displayText(f.thawedAt)} by ${f.thawedBy === undefined ? 'unknown' : displayText(f.thawedBy)}.`;
  return `Nothing to thaw: freeze ${displayText(id)} has ended (${freezeLine(f, now)}).`;
}
