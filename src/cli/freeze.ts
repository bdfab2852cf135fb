import { randomBytes } from 'node:crypto';
import { ExitCode } from '../config/state.js';
import { formatDuration } from '../domain/durations.js';
import {
  ALL_ENVIRONMENTS,
  cronProblem,
  describeFreeze,
  formatInZone,
  holds,
  isTimeZone,
  nextWindow,
  parseDuration,
  parseInstant,
  type Freeze
} from '../domain/freeze.js';
import { emit, registryFor, str, type CommandContext, type Command } from './command.js';

// The commands of deploy freezes: freeze, thaw, and the list (freezes).

const NO_FREEZES = 'without a registry there are no freezes.';
const SCOPE = '--environment NAME | --all';

/** The environment a command names (`*` for --all), or why it names none. */
function scopeOf(ctx: CommandContext): string | undefined {
  if (ctx.options['all']) return ALL_ENVIRONMENTS;
  return str(ctx, 'environment');
}

/** `fz-` and 8 hex digits: short enough to type in `thaw --id`. */
const newFreezeId = (): string => `fz-${randomBytes(4).toString('hex')}`;

export const freeze: Command = {
  summary:
    'Freeze deployments to an environment (or all): until a time, for a duration, or in a recurring window.',
  usage: `${SCOPE} --registry-table TABLE (--until TIME | --for DURATION | --cron EXPR --duration DURATION [--time-zone ZONE]) --reason TEXT`,
  help: [
    'A run that arrives or waits during a freeze keeps its place in the queue and waits; if the freeze',
    'outlasts its wait-timeout-minutes it ends with result frozen (exit 1). override-freeze lets a run through.',
    '  --until TIME        an ISO time with Z or an offset (2026-12-24T18:00:00+01:00), or a wall time with --time-zone',
    '  --for DURATION      from now: 30m, 2h, 1h30m, 1d',
    '  --cron EXPR         a recurring window opening at each occurrence (cron-parser syntax, e.g. "0 14 * * 5")',
    '  --duration DURATION how long each recurring window lasts',
    '  --time-zone ZONE    IANA time zone of --cron and of a wall-clock --until (default UTC)',
    '  --reason TEXT       why (required): every held run says it'
  ].join('\n'),
  options: {
    all: { type: 'boolean' },
    until: { type: 'string' },
    for: { type: 'string' },
    cron: { type: 'string' },
    duration: { type: 'string' },
    'time-zone': { type: 'string' },
    reason: { type: 'string' }
  },
  needsTable: NO_FREEZES,
  stackNameOptional: true,
  async run(ctx) {
    const scope = scopeOf(ctx);
    const reason = str(ctx, 'reason')?.trim();
    const zone = str(ctx, 'time-zone');
    const [until, forText, cron] = [str(ctx, 'until'), str(ctx, 'for'), str(ctx, 'cron')];
    const problems: string[] = [];
    if (!scope || (ctx.options['all'] && str(ctx, 'environment')))
      problems.push(`freeze needs one of ${SCOPE}.`);
    if (!reason) problems.push('freeze needs --reason TEXT: every run it holds says why.');
    if ([until, forText, cron].filter(Boolean).length !== 1)
      problems.push('freeze needs exactly one of --until TIME, --for DURATION or --cron EXPR.');
    if (zone !== undefined && !isTimeZone(zone))
      problems.push(
        `--time-zone ${JSON.stringify(zone)} is not a time zone this runtime knows (IANA names such as Europe/Berlin).`
      );
    const now = Date.now();
    const base = {
      id: newFreezeId(),
      environment: scope ?? '',
      reason: reason ?? '',
      by: ctx.operator,
      createdAt: new Date(now).toISOString()
    };
    let f: Freeze | undefined;
    if (until !== undefined) {
      const end = parseInstant(until, zone);
      if (end === undefined)
        problems.push(
          `--until ${JSON.stringify(until)}: expected an ISO time with Z or an offset (2026-12-24T18:00:00Z), or YYYY-MM-DDTHH:MM with --time-zone.`
        );
      else if (end <= now) problems.push(`--until ${until} is not in the future.`);
      else f = { ...base, from: base.createdAt, until: new Date(end).toISOString() };
    } else if (forText !== undefined) {
      const ms = parseDuration(forText);
      if (ms === undefined)
        problems.push(
          `--for ${JSON.stringify(forText)}: expected a duration such as 30m, 2h, 1h30m or 1d.`
        );
      else f = { ...base, from: base.createdAt, until: new Date(now + ms).toISOString() };
    } else if (cron !== undefined) {
      const durationText = str(ctx, 'duration');
      const ms = durationText === undefined ? undefined : parseDuration(durationText);
      const problem = cronProblem(cron, zone ?? 'UTC');
      if (problem) problems.push(`--cron ${JSON.stringify(cron)}: ${problem}.`);
      if (ms === undefined)
        problems.push(
          '--cron needs --duration DURATION (how long each window lasts), such as 3h or 30m.'
        );
      if (!problem && ms !== undefined)
        f = { ...base, cron, durationMs: ms, timeZone: zone ?? 'UTC' };
    }
    if (problems.length > 0 || !f) {
      for (const p of problems) ctx.err(p);
      return ExitCode.Failed;
    }
    const { freezes } = await registryFor(ctx.config);
    await freezes.add(f);
    const where = scope === ALL_ENVIRONMENTS ? 'all environments' : scope;
    const window = nextWindow(f, now);
    const when = f.cron
      ? `every "${f.cron}" (${f.timeZone}) for ${formatDuration(f.durationMs ?? 0)}${window ? `; ${window.start <= now ? 'now, until' : 'next from'} ${formatInZone(window.start <= now ? window.end : window.start, f.timeZone)}` : ''}`
      : `until ${formatInZone(Date.parse(f.until!), zone)}`;
    emit(
      ctx,
      f,
      `Froze ${where} ${when}: ${f.reason}\nFreeze ${f.id}; thaw it with: deploy-coordinator thaw --registry-table ${ctx.config.registryTable} --id ${f.id}`
    );
    return ExitCode.Ok;
  }
};

export const thaw: Command = {
  summary: 'End freezes: by --id, or every freeze of an environment (or of --all).',
  usage: `(--id ID | ${SCOPE}) --registry-table TABLE`,
  help: 'A thawed freeze stays in the table for a week, for the record, then expires.',
  options: { all: { type: 'boolean' }, id: { type: 'string' } },
  needsTable: NO_FREEZES,
  stackNameOptional: true,
  async run(ctx) {
    const id = str(ctx, 'id');
    const scope = scopeOf(ctx);
    if (!id && !scope) {
      ctx.err(`thaw needs --id ID or one of ${SCOPE}.`);
      return ExitCode.Failed;
    }
    const { freezes } = await registryFor(ctx.config);
    const chosen = (await freezes.list()).filter(
      (f) => !f.thawedAt && (id ? f.id === id : f.environment === scope)
    );
    const thawed: Freeze[] = [];
    for (const f of chosen) if (await freezes.thaw(f, ctx.operator)) thawed.push(f);
    const now = Date.now();
    emit(
      ctx,
      { thawed: thawed.map((f) => f.id) },
      thawed.length === 0
        ? `Nothing to thaw: no freeze ${id ? `with id ${id}` : `of ${scope === ALL_ENVIRONMENTS ? 'all environments' : scope}`} is in the table.`
        : thawed.map((f) => `Thawed ${describeFreeze(f, now)}`).join('\n')
    );
    return thawed.length > 0 || !id ? ExitCode.Ok : ExitCode.Failed;
  }
};

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
    const listed = (await store.list())
      .filter((f) => !f.thawedAt && nextWindow(f, now) && (!env || holds(f, env)))
      .map((f) => ({ freeze: f, window: nextWindow(f, now)! }))
      .sort((a, b) => a.window.start - b.window.start);
    emit(
      ctx,
      listed.map(({ freeze: f, window: w }) => ({
        ...f,
        active: w.start <= now,
        windowStart: Number.isFinite(w.start) ? new Date(w.start).toISOString() : f.createdAt,
        windowEnd: new Date(w.end).toISOString()
      })),
      listed.length === 0
        ? `No freeze${env ? ` holds ${env}` : ''} now or later.`
        : listed
            .map(
              ({ freeze: f, window: w }) =>
                `${w.start <= now ? 'now ' : 'later'} ${describeFreeze(f, now)}`
            )
            .join('\n')
    );
    return ExitCode.Ok;
  }
};
