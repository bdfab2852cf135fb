import { MAX_DURATION_MS, MIN_DURATION_MS } from './freeze.js';

// What an operator types: durations and reasons (times and time zones: instants.ts; cron
// expressions: cron-schedule.ts).

/** What a duration may be, for the messages. */
export const DURATIONS_ACCEPTED = 'a duration such as 30m, 2h, 1h30m or 1d, from 1s to 366d';

/**
 * `2h`, `30m`, `1h30m`, `90s`, `1d`, `1.5h`: a duration with its unit(s), in whole ms, from
 * MIN_DURATION_MS to MAX_DURATION_MS; or why not ("is shorter than 1s").
 */
export function readDuration(text: string): { ms: number } | { problem: string } {
  const s = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[dhms])+$/.test(s)) return { problem: 'is not a duration' };
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
  let ms = 0;
  for (const [, n, , u] of s.matchAll(/(\d+(\.\d+)?)([dhms])/g))
    ms += Number(n) * unit[u as keyof typeof unit];
  ms = Math.round(ms);
  if (ms < MIN_DURATION_MS) return { problem: 'is shorter than 1s' };
  if (!(ms <= MAX_DURATION_MS)) return { problem: 'is longer than 366d' };
  return { ms };
}

/** The duration in ms (see readDuration); undefined if not one an operator may give. */
export function parseDuration(text: string): number | undefined {
  const d = readDuration(text);
  return 'ms' in d ? d.ms : undefined;
}

/** The longest reason (as the action's reason inputs): people read it in every held run. */
export const REASON_MAX = 500;
export const REASON_ACCEPTED = `one line of 1 to ${REASON_MAX} characters without control characters (such as "holiday freeze")`;

/** `U+202E`: a character as the messages name it. */
const codePoint = (c: string): string =>
  `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a reason (trimmed) cannot be used ("is empty"), or undefined when it can: one line, no control
 * characters (C0, DEL, C1: no terminal escapes), no line or paragraph separators, no bidirectional
 * controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069: they reorder what Slack and the
 * logs show) and no zero-width characters (U+200B to U+200D, U+FEFF), 1 to 500 characters.
 */
export function reasonProblem(reason: string): string | undefined {
  if (reason.length === 0) return 'is empty';
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.exec(reason)?.[0];
  if (bad !== undefined)
    return /[\n\r\u2028\u2029]/.test(bad)
      ? 'is more than one line'
      : `contains a control character (${codePoint(bad)})`;
  const bidi = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(reason)?.[0];
  if (bidi !== undefined) return `contains a bidirectional control character (${codePoint(bidi)})`;
  const hidden = /[\u200b-\u200d\ufeff]/.exec(reason)?.[0];
  if (hidden !== undefined) return `contains a zero-width character (${codePoint(hidden)})`;
  if (reason.length > REASON_MAX) return `is ${reason.length} characters long`;
  return undefined;
}
