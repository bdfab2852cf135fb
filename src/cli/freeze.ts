import { randomBytes } from 'node:crypto';
import { ExitCode } from '../config/state.js';
import { CRON_ACCEPTED, cronProblem, cronRuleProblem } from '../domain/cron-schedule.js';
import { shown } from '../domain/display.js';
import { formatDuration } from '../domain/durations.js';
import { ALL_ENVIRONMENTS, describeFreeze, nextWindow, type Freeze } from '../domain/freeze.js';
import { formatInZone, isTimeZone, parseInstant } from '../domain/instants.js';
import {
  DURATIONS_ACCEPTED,
  REASON_ACCEPTED,
  readDuration,
  reasonProblem
} from '../domain/operator-input.js';
import { emit, registryFor, str, type CommandContext, type Command } from './command.js';
import { displayedFreeze } from './stored-text.js';

// The commands of deploy freezes: freeze (here), thaw (thaw.ts), and the list (freezes.ts); what
// they share is here too.

export const NO_FREEZES = 'without a registry there are no freezes.';
export const SCOPE = '--environment NAME | --all';

/** The environment a command names (`*` for --all), or why it names none. */
function scopeOf(ctx: CommandContext): string | undefined {
  if (ctx.options['all']) return ALL_ENVIRONMENTS;
  return str(ctx, 'environment');
}

/** A freeze as the lists say it (describeFreeze), its stored texts escaped. */
export const freezeLine = (f: Freeze, now: number): string =>
  describeFreeze(displayedFreeze(f), now);

/** The thaw command line an operator can paste. */
export const thawCommand = (ctx: CommandContext, what: string): string =>
  `deploy-coordinator thaw --registry-table ${ctx.config.registryTable} ${what}`;

/** A recurring freeze whose cron breaks the rules (stored by hand, or before them): holds nothing. */
export const invalidCron = (f: Freeze): boolean =>
  f.cron !== undefined && cronRuleProblem(f.cron) !== undefined;

/** `fz-` and 8 hex digits: short enough to type in `thaw --id`. */
const newFreezeId = (): string => `fz-${randomBytes(4).toString('hex')}`;

const TIME_ACCEPTED =
  'expected an ISO time with Z or an offset (2026-12-24T18:00:00Z), or YYYY-MM-DDTHH:MM with --time-zone';

export const freeze: Command = {
  summary:
    'Freeze deployments to an environment (or all): until a time, for a duration, or in a recurring window.',
  usage: `${SCOPE} --registry-table TABLE (--until TIME [--from TIME] | --for DURATION | --cron EXPR --duration DURATION) [--time-zone ZONE] --reason TEXT`,
  help: [
    'A run that arrives or waits during a freeze keeps its place in the queue and waits; if the freeze',
    'outlasts its wait-timeout-minutes it ends with result frozen (exit 1). override-freeze lets a run through.',
    '  --until TIME        the end: an ISO time with Z or an offset (2026-12-24T18:00:00+01:00), or a wall time',
    '                      (2026-12-24T18:00) with --time-zone',
    '  --from TIME         with --until: the start (default now), in the same forms; before --until',
    '  --for DURATION      from now: 30m, 2h, 1h30m, 1d (1s to 366d)',
    '  --cron EXPR         a recurring window opening at each occurrence: five fields, minute hour',
    '                      day-of-month month day-of-week (e.g. "0 14 * * 5"; no seconds field, no H);',
    '                      it recurs until it is thawed',
    '  --duration DURATION with --cron: how long each window lasts (1s to 366d)',
    '  --time-zone ZONE    IANA time zone of --cron (default UTC) and of a wall time in --until or --from',
    '                      (required for one: a wall time has no default zone)',
    '  --reason TEXT       why (required): every held run says it; one line of 1 to 500 characters,',
    '                      no control characters, bidirectional controls or zero-width characters'
  ].join('\n'),
  options: {
    all: { type: 'boolean' },
    from: { type: 'string' },
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
    const reasonText = str(ctx, 'reason');
    const reason = reasonText?.trim();
    const zone = str(ctx, 'time-zone');
    const [until, from, forText, cron] = [
      str(ctx, 'until'),
      str(ctx, 'from'),
      str(ctx, 'for'),
      str(ctx, 'cron')
    ];
    const durationText = str(ctx, 'duration');
    const problems: string[] = [];
    if (!scope || (ctx.options['all'] && str(ctx, 'environment')))
      problems.push(`freeze needs one of ${SCOPE}.`);
    if (reasonText === undefined || reason === undefined)
      problems.push('freeze needs --reason TEXT: every run it holds says why.');
    else {
      const problem = reasonProblem(reason);
      if (problem)
        problems.push(
          `--reason ${shown(reasonText)}: expected ${REASON_ACCEPTED}; that ${problem}.`
        );
    }
    const modes = [until, forText, cron].filter((m) => m !== undefined).length;
    if (modes !== 1)
      problems.push('freeze needs exactly one of --until TIME, --for DURATION or --cron EXPR.');
    if (from !== undefined && until === undefined)
      problems.push(
        `--from ${shown(from)}: --from is the start of an --until freeze and needs --until TIME (--for starts now; --cron opens a window at each occurrence).`
      );
    if (durationText !== undefined && cron === undefined)
      problems.push(
        `--duration ${shown(durationText)}: --duration is how long each --cron window lasts and needs --cron EXPR${forText !== undefined ? '; --for DURATION already says how long' : until !== undefined ? '; --until TIME already says when it ends' : ''}: drop --duration.`
      );
    if (zone !== undefined && forText !== undefined)
      problems.push(
        `--time-zone ${shown(zone)}: --time-zone is the zone of --cron and of a wall time in --until or --from; --for counts from now: drop --time-zone.`
      );
    if (zone !== undefined && !isTimeZone(zone))
      problems.push(
        `--time-zone ${shown(zone)} is not a time zone this runtime knows (IANA names such as Europe/Berlin).`
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
    if (modes !== 1) {
      // Which window was meant is unclear: nothing more to check.
    } else if (until !== undefined && zone !== undefined && !isTimeZone(zone)) {
      // A zone already refused: the times in it cannot be read (said once, above).
    } else if (until !== undefined) {
      const end = parseInstant(until, zone);
      const start = from === undefined ? now : parseInstant(from, zone);
      if (end === undefined) problems.push(`--until ${shown(until)}: ${TIME_ACCEPTED}.`);
      else if (end <= now)
        problems.push(
          `--until ${shown(until)} is not in the future (it is ${new Date(end).toISOString()}).`
        );
      if (from !== undefined && start === undefined)
        problems.push(`--from ${shown(from)}: ${TIME_ACCEPTED} (the forms of --until).`);
      else if (from !== undefined && start !== undefined && end !== undefined && start >= end)
        problems.push(
          `--from ${shown(from)} is not before --until ${shown(until)} (${new Date(start).toISOString()} is not before ${new Date(end).toISOString()}).`
        );
      if (start !== undefined && end !== undefined && end > now && start < end)
        f = { ...base, from: new Date(start).toISOString(), until: new Date(end).toISOString() };
    } else if (forText !== undefined) {
      const d = readDuration(forText);
      if ('problem' in d)
        problems.push(
          `--for ${shown(forText)}: expected ${DURATIONS_ACCEPTED}; that ${d.problem}.`
        );
      else f = { ...base, from: base.createdAt, until: new Date(now + d.ms).toISOString() };
    } else if (cron !== undefined) {
      const d = durationText === undefined ? undefined : readDuration(durationText);
      // A zone already refused is not read again (luxon's message would say it twice).
      const problem = cronProblem(cron, zone !== undefined && isTimeZone(zone) ? zone : 'UTC');
      if (problem)
        problems.push(`--cron ${shown(cron)}: expected ${CRON_ACCEPTED}; that ${problem}.`);
      if (d === undefined)
        problems.push(
          '--cron needs --duration DURATION (how long each window lasts), such as 3h or 30m.'
        );
      else if ('problem' in d)
        problems.push(
          `--duration ${shown(durationText ?? '')}: expected ${DURATIONS_ACCEPTED}; that ${d.problem}.`
        );
      if (!problem && d && 'ms' in d)
        f = { ...base, cron, durationMs: d.ms, timeZone: zone ?? 'UTC' };
    }
    if (problems.length > 0 || !f) {
      for (const p of problems) ctx.err(p);
      return ExitCode.Failed;
    }
    const { freezes } = await registryFor(ctx.config);
    await freezes.add(f);
    const where = scope === ALL_ENVIRONMENTS ? 'all environments' : scope;
    const window = nextWindow(f, now);
    const start = f.from ? Date.parse(f.from) : now;
    const when = f.cron
      ? `every "${f.cron}" (${f.timeZone}) for ${formatDuration(f.durationMs ?? 0)}, until thawed${window ? `; ${window.start <= now ? 'now, until' : 'next from'} ${formatInZone(window.start <= now ? window.end : window.start, f.timeZone)}` : ''}`
      : `${start > now ? `from ${formatInZone(start, zone)} ` : ''}until ${formatInZone(Date.parse(f.until!), zone)}`;
    emit(
      ctx,
      f,
      `Froze ${where} ${when}: ${f.reason}\nFreeze ${f.id}; thaw it with: ${thawCommand(ctx, `--id ${f.id}`)}`
    );
    return ExitCode.Ok;
  }
};
