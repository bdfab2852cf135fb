// Instants and time zones: a time as an operator types it, and an instant as a person reads it.

/** Whether the runtime knows the IANA time zone (through Intl, no zone data of our own). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The formats offsetAt reads a zone's wall time with, by zone (making one costs more than using it). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `t`, in ms (Intl's wall-clock parts for that instant). */
export function offsetAt(zone: string, t: number): number {
  let format = formats.get(zone);
  if (!format) {
    if (formats.size >= 64) formats.clear();
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(t));
  const n = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** Whether the day is on the calendar (no 30 February, no month 13). */
function isDate(y: number, month: number, day: number): boolean {
  const t = new Date(Date.UTC(y, month - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * An instant from what an operator typed: an ISO time with `Z` or an offset, or a wall-clock
 * time without one in `timeZone` (then required). A wall time that a DST change skips is read
 * with the offset from before the change.
 */
export function parseInstant(text: string, timeZone?: string): number | undefined {
  const s = text.trim();
  const wall = WALL_TIME.exec(s);
  if (!wall) {
    // Only an instant that names its offset: Date.parse would read a bare time in the machine's zone.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return undefined;
    // Date.parse reads 2026-02-30 as 2 March.
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)?.slice(1).map(Number);
    if (date && !isDate(date[0]!, date[1]!, date[2]!)) return undefined;
    const t = Date.parse(s);
    return Number.isFinite(t) ? t : undefined;
  }
  if (!timeZone) return undefined;
  const [, y, mo, d, h, mi, se] = wall.map(Number);
  if (!isDate(y!, mo!, d!) || h! > 23 || mi! > 59 || (se ?? 0) > 59) return undefined;
  const asUtc = Date.UTC(y!, mo! - 1, d, h, mi, se || 0);
  let t = asUtc - offsetAt(timeZone, asUtc);
  t = asUtc - offsetAt(timeZone, t);
  return t;
}

/**
 * `2026-12-24 18:00 Europe/Berlin (17:00 UTC)`, `2026-12-24 00:00 Europe/Berlin (2026-12-23 23:00
 * UTC)`: an instant as a person in `zone` reads it.
 */
export function formatInZone(t: number, zone = 'UTC'): string {
  const iso = new Date(t).toISOString();
  if (zone === 'UTC') return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const local = new Date(t + offsetAt(zone, t)).toISOString().slice(0, 16).replace('T', ' ');
  // The UTC day too when it is not the zone's.
  const utc =
    iso.slice(0, 10) === local.slice(0, 10)
      ? iso.slice(11, 16)
      : iso.slice(0, 16).replace('T', ' ');
  return `${local} ${zone} (${utc} UTC)`;
}
