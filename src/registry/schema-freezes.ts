import { shown } from '../domain/display.js';
import { MAX_DURATION_MS, MIN_DURATION_MS, type Freeze } from '../domain/freeze.js';
import { decode, fail, fields, instant, integer, optional, text, type Decoded } from './schema.js';

/** Deploy freezes and the index of environments (see schema.ts). */

const freezeFields = fields<Freeze>({
  id: text({ nonEmpty: true }),
  environment: text({ nonEmpty: true }),
  reason: text(),
  by: text(),
  createdAt: instant,
  from: optional(instant),
  until: optional(instant),
  cron: optional(text({ nonEmpty: true })),
  durationMs: optional(integer(MIN_DURATION_MS, MAX_DURATION_MS)),
  timeZone: optional(text({ nonEmpty: true })),
  thawedAt: optional(instant),
  thawedBy: optional(text())
});

/** An entry of the index of environments: it names the environment its key names. */
export function decodeIndexEntry(item: Record<string, unknown>): Decoded<{ environment: string }> {
  return decode(item, (v, at) => {
    const e = fields<{ environment: string }>({ environment: text({ nonEmpty: true }) })(v, at);
    if (`ENV#${e.environment}` !== item['sk'])
      fail('environment', `the environment its key names`, e.environment);
    return e;
  });
}

/** A freeze: one window (`until`, maybe `from`) or a recurring one (`cron` and `durationMs`), as its key says. */
export function decodeFreeze(item: Record<string, unknown>): Decoded<Freeze> {
  return decode(item, (v, at) => {
    const f = freezeFields(v, at);
    const sk = String(item['sk']);
    if (sk !== `FREEZE#${f.environment}#${f.id}`)
      fail(
        'environment',
        `the environment and id its key names (${shown(sk)})`,
        `${shown(f.environment)} / ${shown(f.id)}`
      );
    if (f.cron === undefined && f.until === undefined)
      fail('until', 'an end (until), or a cron with a durationMs', undefined);
    if (f.cron !== undefined && f.durationMs === undefined)
      fail('durationMs', 'present with a cron', undefined);
    if (f.from !== undefined && f.until !== undefined && Date.parse(f.until) <= Date.parse(f.from))
      fail('until', `after from (${f.from})`, f.until);
    return f;
  });
}
