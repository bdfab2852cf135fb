import {
  cronProblem,
  cronRuleProblem,
  earliestOccurrence,
  latestOccurrence
} from '../../src/domain/cron-schedule.js';
import { shown } from '../../src/domain/display.js';
import {
  ALL_ENVIRONMENTS,
  FROZEN_HORIZON_MS,
  FROZEN_MAX_WINDOWS,
  describeFreeze,
  describeFrozen,
  ended,
  frozenAt,
  nextWindow,
  windowAt,
  type Freeze
} from '../../src/domain/freeze.js';
import { formatInZone, isTimeZone, parseInstant } from '../../src/domain/instants.js';
import { parseDuration, readDuration, reasonProblem } from '../../src/domain/operator-input.js';

const at = (iso: string): number => Date.parse(iso);
const freeze = (f: Partial<Freeze>): Freeze => ({
  id: 'fz-1',
  environment: 'production',
  reason: 'holidays',
  by: 'oncall',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...f
});
const H = 3_600_000;

describe('freeze windows: until and for', () => {
  const f = freeze({ from: '2026-01-14T12:00:00.000Z', until: '2026-01-14T14:00:00.000Z' });

  it('holds from its start (inclusive) to its end (exclusive)', () => {
    expect(windowAt(f, at('2026-01-14T11:59:59.999Z'))).toBeUndefined();
    expect(windowAt(f, at('2026-01-14T12:00:00.000Z'))).toMatchObject({
      start: at('2026-01-14T12:00:00.000Z'),
      end: at('2026-01-14T14:00:00.000Z')
    });
    expect(windowAt(f, at('2026-01-14T13:59:59.999Z'))).toBeDefined();
    expect(windowAt(f, at('2026-01-14T14:00:00.000Z'))).toBeUndefined();
  });

  it('a thawed freeze holds nothing', () => {
    expect(
      windowAt({ ...f, thawedAt: '2026-01-14T12:30:00.000Z' }, at('2026-01-14T13:00:00Z'))
    ).toBe(undefined);
  });

  it('holds its own environment and, with *, every environment', () => {
    const now = at('2026-01-14T13:00:00Z');
    expect(frozenAt([f], 'production', now)?.until).toBe(at('2026-01-14T14:00:00Z'));
    expect(frozenAt([f], 'staging', now)).toBeUndefined();
    expect(frozenAt([{ ...f, environment: ALL_ENVIRONMENTS }], 'staging', now)).toBeDefined();
  });

  it('freezes that touch or overlap make one stretch: until is where the last of them ends', () => {
    const second = freeze({
      id: 'fz-2',
      reason: 'incident',
      from: '2026-01-14T14:00:00.000Z',
      until: '2026-01-14T16:00:00.000Z'
    });
    const third = freeze({
      id: 'fz-3',
      from: '2026-01-14T17:00:00.000Z',
      until: '2026-01-14T18:00:00.000Z'
    });
    const frozen = frozenAt([f, second, third], 'production', at('2026-01-14T13:00:00Z'));
    expect(frozen?.until).toBe(at('2026-01-14T16:00:00Z'));
    expect(frozen?.windows.map((w) => w.freeze.id)).toEqual(['fz-1']);
    expect(describeFrozen(frozen!, 'production', at('2026-01-14T13:00:00Z'))).toBe(
      'production is frozen until 2026-01-14T16:00:00.000Z (in 3h 00m): "holidays" (freeze fz-1 by oncall)'
    );
  });
});

describe('freeze windows: recurring (cron, a duration, a time zone)', () => {
  // Fridays from 14:00 Berlin time, for 6 hours.
  const friday = freeze({ cron: '0 14 * * 5', durationMs: 6 * H, timeZone: 'Europe/Berlin' });

  it('opens at the occurrence in the zone (winter: UTC+1) and closes after the duration', () => {
    // Friday 16 January 2026: 14:00 in Berlin is 13:00 UTC.
    expect(windowAt(friday, at('2026-01-16T12:59:59Z'))).toBeUndefined();
    expect(windowAt(friday, at('2026-01-16T13:00:00Z'))).toMatchObject({
      start: at('2026-01-16T13:00:00Z'),
      end: at('2026-01-16T19:00:00Z')
    });
    expect(windowAt(friday, at('2026-01-16T18:59:59Z'))).toBeDefined();
    expect(windowAt(friday, at('2026-01-16T19:00:00Z'))).toBeUndefined();
    expect(windowAt(friday, at('2026-01-15T13:30:00Z'))).toBeUndefined();
  });

  it('follows daylight saving time: in summer (UTC+2) it opens at 12:00 UTC', () => {
    // Friday 3 July 2026.
    expect(windowAt(friday, at('2026-07-03T11:59:00Z'))).toBeUndefined();
    expect(windowAt(friday, at('2026-07-03T12:00:00Z'))?.end).toBe(at('2026-07-03T18:00:00Z'));
  });

  it('a window that spans the spring change lasts its duration in real time', () => {
    // Saturdays from 22:00 Berlin for 6 h: on 28 March 2026 the clocks go forward at 02:00.
    const overnight = freeze({ cron: '0 22 * * 6', durationMs: 6 * H, timeZone: 'Europe/Berlin' });
    const w = windowAt(overnight, at('2026-03-29T01:30:00Z'));
    expect(w).toMatchObject({ start: at('2026-03-28T21:00:00Z'), end: at('2026-03-29T03:00:00Z') });
  });

  it('a wall time that the autumn change repeats is frozen both times it happens', () => {
    // 02:30 Berlin happens twice on 25 October 2026 (00:30 and 01:30 UTC): a freeze errs towards frozen.
    const daily = freeze({ cron: '30 2 * * *', durationMs: 0.5 * H, timeZone: 'Europe/Berlin' });
    const opened = [at('2026-10-25T00:30:00Z'), at('2026-10-25T01:30:00Z')].filter(
      (t) => windowAt(daily, t + 60_000)?.start === t
    );
    expect(opened).toHaveLength(2);
    expect(windowAt(daily, at('2026-10-25T01:10:00Z'))).toBeUndefined();
  });

  it('windows that run into each other are one freeze until the last ends', () => {
    // Every hour, for 90 minutes, from 09:00 to 17:00 UTC: frozen until 18:30.
    const hourly = freeze({ cron: '0 9-17 * * *', durationMs: 1.5 * H, timeZone: 'UTC' });
    expect(frozenAt([hourly], 'production', at('2026-01-14T10:15:00Z'))?.until).toBe(
      at('2026-01-14T18:30:00Z')
    );
  });

  it('the spring change skips the occurrence (02:00 Berlin): the window opens when the clocks jump, held and listed alike', () => {
    // 29 March 2026: 02:00 CET does not happen; cron's next() moves it to 03:00 CEST (01:00 UTC).
    const nightly = freeze({ cron: '0 2 * * *', durationMs: 3 * H, timeZone: 'Europe/Berlin' });
    const window = { start: at('2026-03-29T01:00:00Z'), end: at('2026-03-29T04:00:00Z') };
    expect(nextWindow(nightly, at('2026-03-28T12:00:00Z'))).toMatchObject(window);
    expect(windowAt(nightly, at('2026-03-29T00:59:59.999Z'))).toBeUndefined();
    for (const t of ['2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z', '2026-03-29T03:59:59.999Z']) {
      expect([t, windowAt(nightly, at(t))]).toEqual([t, expect.objectContaining(window)]);
      expect([t, nextWindow(nightly, at(t))]).toEqual([t, expect.objectContaining(window)]);
    }
    expect(frozenAt([nightly], 'production', at('2026-03-29T02:00:00Z'))?.until).toBe(window.end);
    expect(windowAt(nightly, at('2026-03-29T04:00:00Z'))).toBeUndefined();
    // The days around it, as usual: 02:00 CET (01:00 UTC) before, 02:00 CEST (00:00 UTC) after.
    expect(windowAt(nightly, at('2026-03-28T01:00:00Z'))?.end).toBe(at('2026-03-28T04:00:00Z'));
    expect(nextWindow(nightly, at('2026-03-29T04:00:00Z'))).toMatchObject({
      start: at('2026-03-30T00:00:00Z')
    });
  });

  it('the spring change in New York (02:30 on 8 March 2026) alike', () => {
    const nightly = freeze({
      cron: '30 2 * * *',
      durationMs: 3 * H,
      timeZone: 'America/New_York'
    });
    // 02:30 EST does not happen; the window opens at 03:30 EDT, 07:30 UTC.
    const window = { start: at('2026-03-08T07:30:00Z'), end: at('2026-03-08T10:30:00Z') };
    expect(nextWindow(nightly, at('2026-03-08T05:00:00Z'))).toMatchObject(window);
    expect(windowAt(nightly, at('2026-03-08T08:00:00Z'))).toMatchObject(window);
    expect(nextWindow(nightly, at('2026-03-08T08:00:00Z'))).toMatchObject(window);
    expect(frozenAt([nightly], 'production', at('2026-03-08T08:00:00Z'))?.until).toBe(window.end);
    expect(windowAt(nightly, at('2026-03-08T10:30:00Z'))).toBeUndefined();
  });

  it('the autumn repeat is listed as it is held: the second 02:30 is the next window after the first', () => {
    // 02:30 Berlin on 25 October 2026 is 00:30 and 01:30 UTC; next() alone knows only the first.
    const daily = freeze({ cron: '30 2 * * *', durationMs: 0.5 * H, timeZone: 'Europe/Berlin' });
    expect(nextWindow(daily, at('2026-10-24T12:00:00Z'))).toMatchObject({
      start: at('2026-10-25T00:30:00Z'),
      end: at('2026-10-25T01:00:00Z')
    });
    const second = { start: at('2026-10-25T01:30:00Z'), end: at('2026-10-25T02:00:00Z') };
    expect(nextWindow(daily, at('2026-10-25T01:00:00Z'))).toMatchObject(second);
    expect(nextWindow(daily, at('2026-10-25T01:10:00Z'))).toMatchObject(second);
    expect(windowAt(daily, at('2026-10-25T01:30:00Z'))).toMatchObject(second);
    expect(nextWindow(daily, at('2026-10-25T01:45:00Z'))).toMatchObject(second);
    expect(nextWindow(daily, at('2026-10-25T02:00:00Z'))).toMatchObject({
      start: at('2026-10-26T01:30:00Z')
    });
    // From the first, next() alone goes to the next day; the occurrences are those of either.
    expect(earliestOccurrence(daily.cron!, daily.timeZone, at('2026-10-25T00:30:00Z'))).toBe(
      at('2026-10-25T01:30:00Z')
    );
    expect(latestOccurrence(daily.cron!, daily.timeZone, at('2026-10-25T01:30:00Z'))).toBe(
      at('2026-10-25T01:30:00Z')
    );
    // New York repeats 01:30 (5:30 and 6:30 UTC on 1 November 2026).
    const early = freeze({ cron: '30 1 * * *', durationMs: 0.5 * H, timeZone: 'America/New_York' });
    expect(nextWindow(early, at('2026-11-01T06:00:00Z'))?.start).toBe(at('2026-11-01T06:30:00Z'));
    expect(windowAt(early, at('2026-11-01T06:45:00Z'))?.start).toBe(at('2026-11-01T06:30:00Z'));
  });

  it('a recurring freeze never ends until thawed; a one-off ends at its until', () => {
    expect(ended(friday, at('2030-01-01T00:00:00Z'))).toBe(false);
    expect(
      ended({ ...friday, thawedAt: '2026-01-02T00:00:00.000Z' }, at('2026-01-03T00:00:00Z'))
    ).toBe(true);
    const once = freeze({ from: '2026-01-14T12:00:00.000Z', until: '2026-01-14T14:00:00.000Z' });
    expect(ended(once, at('2026-01-14T11:00:00Z'))).toBe(false);
    expect(ended(once, at('2026-01-14T13:59:59.999Z'))).toBe(false);
    expect(ended(once, at('2026-01-14T14:00:00Z'))).toBe(true);
  });

  it('windows that run into each other for longer than the search looks: open-ended, frozen until thawed, and the work bounded', () => {
    const now = at('2026-01-14T10:15:30Z');
    // Every minute for a minute: followed for FROZEN_MAX_WINDOWS windows, no further.
    const everyMinute = freeze({ cron: '* * * * *', durationMs: 60_000, timeZone: 'UTC' });
    let lookups = 0;
    const counted = {
      windowAt: (f: Freeze, t: number) => {
        lookups++;
        return windowAt(f, t);
      }
    };
    const minutes = frozenAt([everyMinute], 'production', now, counted);
    expect(minutes?.openEnded).toBe(true);
    expect(lookups).toBeLessThanOrEqual(FROZEN_MAX_WINDOWS + 2);
    // Still frozen where it stopped: `until` is as far as it looked.
    expect(windowAt(everyMinute, minutes!.until)).toBeDefined();
    expect(describeFrozen(minutes!, 'production', now)).toBe(
      'production is frozen until thawed (no end within 3h 20m): "holidays" (freeze fz-1 by oncall)'
    );
    // Every hour for an hour: followed for FROZEN_HORIZON_MS (a week), no further.
    lookups = 0;
    const everyHour = freeze({ cron: '0 * * * *', durationMs: H, timeZone: 'UTC' });
    const hours = frozenAt([everyHour], 'production', now, counted);
    expect(hours?.openEnded).toBe(true);
    expect(hours!.until - now).toBeGreaterThanOrEqual(FROZEN_HORIZON_MS);
    expect(hours!.until - now).toBeLessThan(FROZEN_HORIZON_MS + H);
    expect(lookups).toBeLessThanOrEqual(FROZEN_HORIZON_MS / H + 2);
    expect(describeFrozen(hours!, 'production', now)).toMatch(
      /^production is frozen until thawed \(no end within 7 days\): /
    );
    // Two of them: a lookup of each per window, no more.
    lookups = 0;
    frozenAt([everyMinute, { ...everyMinute, id: 'fz-2' }], 'production', now, counted);
    expect(lookups).toBeLessThanOrEqual(2 * (FROZEN_MAX_WINDOWS + 2));
  });

  it('a stretch that ends within the bounds is not open-ended, however long a one-off window is', () => {
    const now = at('2026-01-14T10:00:00Z');
    const month = freeze({ from: '2026-01-14T00:00:00.000Z', until: '2026-02-14T00:00:00.000Z' });
    const frozen = frozenAt([month], 'production', now);
    expect(frozen).toMatchObject({ until: at('2026-02-14T00:00:00Z') });
    expect(frozen?.openEnded).toBeUndefined();
    const hourly = freeze({ cron: '0 9-17 * * *', durationMs: 1.5 * H, timeZone: 'UTC' });
    expect(frozenAt([hourly], 'production', now)?.openEnded).toBeUndefined();
  });

  it('a stored freeze whose cron breaks the rules holds nothing, and says it is invalid', () => {
    const now = at('2026-01-16T13:30:00Z');
    for (const cron of ['', '   ', 'H 14 * * 5', '0 14 * *', '0', '0 0 14 * * 5']) {
      const bad = freeze({ cron, durationMs: 6 * H, timeZone: 'UTC' });
      expect([cron, windowAt(bad, now)]).toEqual([cron, undefined]);
      expect([cron, nextWindow(bad, now)]).toEqual([cron, undefined]);
      expect([cron, frozenAt([bad], 'production', now)]).toEqual([cron, undefined]);
      expect(describeFreeze(bad, now)).toContain(
        `fz-1: production, every ${JSON.stringify(cron)}: invalid, holds nothing (the cron `
      );
    }
    expect(describeFreeze(freeze({ cron: '0 14 * *', durationMs: H }), now)).toBe(
      'fz-1: production, every "0 14 * *": invalid, holds nothing (the cron has 4 fields; expected five fields: minute hour day-of-month month day-of-week, such as "0 14 * * 5"): "holidays" (by oncall)'
    );
  });

  it('the next window, when none is in force', () => {
    expect(nextWindow(friday, at('2026-01-14T12:00:00Z'))).toMatchObject({
      start: at('2026-01-16T13:00:00Z'),
      end: at('2026-01-16T19:00:00Z')
    });
  });
});

describe('what an operator types', () => {
  it('durations carry their unit', () => {
    expect(parseDuration('2h')).toBe(2 * H);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(1.5 * H);
    expect(parseDuration('1.5h')).toBe(1.5 * H);
    expect(parseDuration('1d')).toBe(24 * H);
    expect(parseDuration('90s')).toBe(90_000);
    for (const bad of ['2', 'h', '-1h', '2 hours', '', '0m'])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('durations are from 1s (what rounds to less is refused) to 366 days', () => {
    expect(readDuration('1s')).toEqual({ ms: 1000 });
    expect(readDuration('366d')).toEqual({ ms: 366 * 24 * H });
    expect(readDuration('0.0001s')).toEqual({ problem: 'is shorter than 1s' });
    expect(readDuration('0.999s')).toEqual({ problem: 'is shorter than 1s' });
    expect(readDuration('366d1s')).toEqual({ problem: 'is longer than 366d' });
    expect(readDuration('100000000d')).toEqual({ problem: 'is longer than 366d' });
    expect(readDuration(`${'9'.repeat(400)}d`)).toEqual({ problem: 'is longer than 366d' });
    expect(readDuration('two hours')).toEqual({ problem: 'is not a duration' });
    expect(parseDuration('0.0001s')).toBeUndefined();
    expect(parseDuration('100000000d')).toBeUndefined();
  });

  it('a reason is one line of 1 to 500 characters without control characters', () => {
    expect(reasonProblem('holiday freeze')).toBeUndefined();
    expect(reasonProblem('Weihnachten – keine Deploys 🎄')).toBeUndefined();
    expect(reasonProblem('x'.repeat(500))).toBeUndefined();
    expect(reasonProblem('')).toBe('is empty');
    expect(reasonProblem('x'.repeat(501))).toBe('is 501 characters long');
    expect(reasonProblem('two\nlines')).toBe('is more than one line');
    expect(reasonProblem('two\u2028lines')).toBe('is more than one line');
    expect(reasonProblem('\u001b[31mred\u001b[0m')).toBe('contains a control character (U+001B)');
    expect(reasonProblem('tab\there')).toBe('contains a control character (U+0009)');
    expect(reasonProblem('del\u007f')).toBe('contains a control character (U+007F)');
    expect(reasonProblem('csi\u009b31m')).toBe('contains a control character (U+009B)');
  });

  it('a reason has no bidirectional controls and no zero-width characters (Slack and the logs show them as they are)', () => {
    for (const c of ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e'])
      expect(reasonProblem(`a${c}b`)).toBe(
        `contains a bidirectional control character (U+${c.charCodeAt(0).toString(16).toUpperCase()})`
      );
    for (const c of ['\u2066', '\u2067', '\u2068', '\u2069'])
      expect(reasonProblem(`a${c}b`)).toMatch(/^contains a bidirectional control character/);
    for (const c of ['\u200b', '\u200c', '\u200d', '\ufeff'])
      expect(reasonProblem(`a${c}b`)).toBe(
        `contains a zero-width character (U+${c.charCodeAt(0).toString(16).toUpperCase()})`
      );
    expect(shown('a\u200bb\ufeffc')).toBe('"a\\u200bb\\ufeffc"');
  });

  it('what an operator typed is shown quoted, escapes and all, and cut when long', () => {
    expect(shown('two hours')).toBe('"two hours"');
    expect(shown('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(shown('a\u009bb\u007fc\u202ed')).toBe('"a\\u009bb\\u007fc\\u202ed"');
    expect(shown('x'.repeat(600))).toBe(`"${'x'.repeat(80)}"… (600 characters)`);
  });

  it('an instant names its offset, or is a wall time in the time zone given', () => {
    expect(parseInstant('2026-12-24T18:00:00Z')).toBe(at('2026-12-24T18:00:00Z'));
    expect(parseInstant('2026-12-24T18:00:00+01:00')).toBe(at('2026-12-24T17:00:00Z'));
    expect(parseInstant('2026-12-24T18:00')).toBeUndefined();
    expect(parseInstant('2026-12-24T18:00', 'Europe/Berlin')).toBe(at('2026-12-24T17:00:00Z'));
    expect(parseInstant('2026-07-03 18:00', 'Europe/Berlin')).toBe(at('2026-07-03T16:00:00Z'));
    expect(parseInstant('2026-07-03 18:00', 'America/New_York')).toBe(at('2026-07-03T22:00:00Z'));
    expect(parseInstant('next friday')).toBeUndefined();
  });

  it('a day that is not on the calendar is no instant', () => {
    expect(parseInstant('2026-02-30T18:00:00Z')).toBeUndefined();
    expect(parseInstant('2026-02-30T18:00', 'Europe/Berlin')).toBeUndefined();
    expect(parseInstant('2026-13-01T18:00', 'Europe/Berlin')).toBeUndefined();
    expect(parseInstant('2026-12-24T25:00', 'Europe/Berlin')).toBeUndefined();
    expect(parseInstant('2028-02-29T18:00:00Z')).toBe(at('2028-02-29T18:00:00Z'));
  });

  it('time zones are what Intl knows; cron expressions what the parser accepts', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(cronProblem('0 14 * * 5', 'Europe/Berlin')).toBeUndefined();
    expect(cronProblem('0 25 * * *', 'UTC')).toMatch(/./);
    expect(cronProblem('every friday', 'UTC')).toMatch(/./);
  });

  it('a cron expression is five fields, without H: what every reader of it agrees on', () => {
    for (const ok of ['0 14 * * 5', '*/15 9-17 * * mon-fri', '0 14 * * THU', '30 2 1,15 jan,jul *'])
      expect([ok, cronProblem(ok)]).toEqual([ok, undefined]);
    expect(cronProblem('')).toBe('is empty');
    expect(cronProblem('  ')).toBe('is empty');
    expect(cronProblem('0')).toBe('has 1 field');
    expect(cronProblem('0 14 * *')).toBe('has 4 fields');
    expect(cronProblem('0 0 14 * * 5')).toBe('has 6 fields (a seconds field is not accepted)');
    expect(cronProblem('0 0 14 * * 5 2026')).toBe('has 7 fields');
    for (const hashed of ['H 14 * * 5', 'H/5 * * * *', '0 H(9-17) * * *', '0 14 * * 1,H'])
      expect([hashed, cronProblem(hashed)]).toEqual([
        hashed,
        'uses H (a hashed value: random at each reading)'
      ]);
    expect(cronProblem('0 99 * * *')).toMatch(/^is not valid \(.*99/);
    // The rules alone, without a parse, as the readers of stored freezes use them.
    expect(cronRuleProblem('0 14 * * 5')).toBeUndefined();
    expect(cronRuleProblem('0 14 * *')).toBe('has 4 fields');
  });

  it('an instant as a person in the zone reads it', () => {
    expect(formatInZone(at('2026-07-03T12:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-07-03 14:00 Europe/Berlin (12:00 UTC)'
    );
    expect(formatInZone(at('2026-07-03T12:00:00Z'))).toBe('2026-07-03 12:00 UTC');
    expect(formatInZone(at('2026-12-23T23:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-12-24 00:00 Europe/Berlin (2026-12-23 23:00 UTC)'
    );
  });
});
