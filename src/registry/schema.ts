import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { MAX_DURATION_MS, MIN_DURATION_MS, type Freeze } from '../domain/freeze.js';
import { shown } from '../domain/freeze.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import {
  RegistryCorruptError,
  type DeploymentRecord,
  type Holder,
  type HistoryEntry,
  type LockView,
  type Ticket,
  type TransitionEntry,
  type Unreadable
} from '../ports/registry.js';
import type { RunContext } from '../ports/run.js';

/**
 * Every item the registry reads is decoded here, against the schema below, before any code acts on
 * it. The table is shared by every repository, every release of the action, scripts and hands: an
 * item that does not decode (a number JavaScript cannot hold exactly, a missing or mistyped
 * attribute, an impossible value) is an `Unreadable` answer that names the item's key, the
 * attribute and what was expected; it is never taken for silence. Unknown extra attributes are
 * kept (the table is never rewritten by a read) and ignored, unless they hold a number the SDK
 * cannot convert: then the item is one that this and older releases cannot read at all.
 *
 * Numbers come from the document client's `wrapNumbers` hook (`readNumber`): a JavaScript number
 * when it is exact, else a `NumberValue` holding DynamoDB's own text, which every check refuses.
 */

/** The largest lease any release accepts (lease-minutes 1440): a longer one never dies. */
export const MAX_LEASE_MS = 86_400_000;
/** The longest deployment history keeps: a longer one is an impossible value, not a slow stack. */
export const MAX_HISTORY_DURATION_MS = 30 * 86_400_000;
/** The largest fence or queue number: far beyond any table's life, far below 2^53. */
const MAX_COUNTER = 1e12;
/** A stored text longer than this is not one the action wrote. */
const MAX_TEXT = 10_000;

/** The document client's number hook: exact numbers as numbers, the rest as DynamoDB's text. */
export function readNumber(text: string): number | NumberValue {
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : NumberValue.from(text);
}

class Mismatch extends Error {
  constructor(
    readonly attribute: string,
    readonly expected: string,
    readonly found: string
  ) {
    super(`${attribute}: expected ${expected}, found ${found}`);
  }
}

/** What a value is, in a few words, for a decoding failure (shown safely). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (v instanceof NumberValue)
    return `the number ${shown(v.value)}, which JavaScript cannot hold exactly`;
  if (typeof v === 'string') return `the string ${shown(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v instanceof Set) return `a set of ${v.size}`;
  if (v instanceof Uint8Array) return `binary data of ${v.length} bytes`;
  if (typeof v === 'object') return 'a map';
  return typeof v;
}

type Check<T> = (v: unknown, at: string) => T;

const fail = (at: string, expected: string, v: unknown): never => {
  throw new Mismatch(at, expected, describeValue(v));
};

const text =
  (opts: { nonEmpty?: boolean } = {}): Check<string> =>
  (v, at) => {
    if (typeof v !== 'string' || (opts.nonEmpty && v === '') || v.length > MAX_TEXT)
      fail(
        at,
        `${opts.nonEmpty ? 'a non-empty string' : 'a string'} of at most ${MAX_TEXT} characters`,
        v
      );
    return v as string;
  };

const instant: Check<string> = (v, at) =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v))
    ? v
    : fail(at, 'an ISO 8601 instant (such as 2026-12-07T10:00:00.000Z)', v);

const integer =
  (min: number, max: number): Check<number> =>
  (v, at) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? v
      : fail(at, `a whole number from ${min} to ${max}`, v);

const number =
  (min: number, max: number, what = `a number from ${min} to ${max}`): Check<number> =>
  (v, at) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(at, what, v);

const bool: Check<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'a boolean', v));

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, at) =>
    (values as readonly unknown[]).includes(v)
      ? (v as T)
      : fail(at, `one of ${values.join(', ')}`, v);

const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, at) =>
    v === undefined ? undefined : check(v, at);

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof NumberValue) &&
  !(v instanceof Set) &&
  !(v instanceof Uint8Array);

const map = (v: unknown, at: string): Record<string, unknown> =>
  isMap(v) ? v : fail(at, 'a map', v);

const list =
  <T>(of: Check<T>): Check<T[]> =>
  (v, at) => {
    if (!Array.isArray(v)) return fail(at, 'a list', v);
    return v.map((x, i) => of(x, `${at}[${i}]`));
  };

const join = (at: string, name: string): string => (at ? `${at}.${name}` : name);

/** A map whose declared attributes are checked; the others are kept and ignored. */
const fields =
  <T>(shape: { readonly [K in keyof T]-?: Check<T[K]> }): Check<T> =>
  (v, at) => {
    const m = map(v, at);
    const out: Record<string, unknown> = {};
    for (const [name, check] of Object.entries<Check<unknown>>(shape)) {
      const value = check(m[name], join(at, name));
      if (value !== undefined) out[name] = value;
    }
    return out as T;
  };

/** Every number anywhere in the item is one JavaScript holds exactly (extra attributes too). */
function exactNumbers(v: unknown, at: string): void {
  if (v instanceof NumberValue) fail(at, 'a number JavaScript can hold exactly', v);
  else if (Array.isArray(v)) v.forEach((x, i) => exactNumbers(x, `${at}[${i}]`));
  else if (v instanceof Set) for (const x of v) exactNumbers(x, at);
  else if (isMap(v)) for (const [k, x] of Object.entries(v)) exactNumbers(x, join(at, k));
}

const RUN_FIELDS = [
  'runId',
  'runAttempt',
  'runUrl',
  'repository',
  'workflow',
  'job',
  'actor',
  'sha',
  'ref'
] as const satisfies readonly (keyof RunContext)[];

const run: Check<RunContext> = (v, at) => {
  const m = map(v, at);
  const out: Record<string, string> = {};
  for (const name of RUN_FIELDS) {
    const value = optional(text())(m[name], join(at, name));
    if (value !== undefined) out[name] = value;
  }
  return out;
};

const lease = number(1, MAX_LEASE_MS, `a lease in milliseconds, from 1 to ${MAX_LEASE_MS} (a day)`);
const counter = (min: number): Check<number> => integer(min, MAX_COUNTER);
const stackNames = list(text({ nonEmpty: true }));
const priority: Check<Priority | undefined> = optional(oneOf(PRIORITIES));

/** The key of an item, as people and `doctor` name it: `ENV#production / LOCK`. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export const keyText = (k: ItemKey): string => `${k.pk} / ${k.sk}`;

/** The result of decoding one item: its value, or what makes it unreadable. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly unreadable: Unreadable };

function decode<T>(item: unknown, check: Check<T>, where?: ItemKey): Decoded<T> {
  const m = isMap(item) ? item : {};
  const keyPart = (v: unknown): string => (typeof v === 'string' ? v : '?');
  const key = where ?? { pk: keyPart(m['pk']), sk: keyPart(m['sk']) };
  const scope = key.pk.startsWith('ENV#') ? key.pk.slice(4) : freezeKeyEnvironment(key.sk);
  try {
    exactNumbers(item, '');
    return { ok: true, value: check(item, '') };
  } catch (err) {
    if (!(err instanceof Mismatch)) throw err;
    return {
      ok: false,
      unreadable: {
        ...key,
        ...(scope !== undefined ? { scope } : {}),
        attribute: err.attribute,
        expected: err.expected,
        found: err.found
      }
    };
  }
}

// --- The items -------------------------------------------------------------------------------

interface LockItem {
  fence?: number;
  holder?: string;
  owner?: string;
  heartbeat?: string;
  acquiredAt?: string;
  leaseMs?: number;
  run?: RunContext;
  stacks?: string[];
  lastHolder?: string;
  lastOutcome?: string;
  releasedAt?: string;
}

const lockItem = fields<LockItem>({
  fence: optional(counter(0)),
  holder: optional(text({ nonEmpty: true })),
  owner: optional(text()),
  heartbeat: optional(text()),
  acquiredAt: optional(instant),
  leaseMs: optional(lease),
  run: optional(run),
  stacks: optional(stackNames),
  lastHolder: optional(text()),
  lastOutcome: optional(text()),
  releasedAt: optional(instant)
});

/** What a held lock must have besides its holder's name. */
/** (No `owner`: releases before owner tokens wrote none; such a holding is nobody's but its own.) */
const HELD: readonly (keyof LockItem)[] = ['fence', 'heartbeat', 'acquiredAt', 'leaseMs'];

/** The LOCK item of an environment (none: never held). */
export function decodeLock(
  environment: string,
  item: Record<string, unknown> | undefined
): Decoded<LockView> {
  if (!item) return { ok: true, value: { environment, fence: 0 } };
  return decode(item, (v, at) => {
    const l = lockItem(v, at);
    if (l.holder !== undefined) {
      for (const name of HELD)
        if (l[name] === undefined) fail(name, 'present while the lock has a holder', undefined);
      if (l.fence === 0) fail('fence', 'at least 1 while the lock has a holder', 0);
    }
    const holder: Holder | undefined =
      l.holder === undefined
        ? undefined
        : {
            correlationId: l.holder,
            owner: l.owner ?? '',
            fence: l.fence!,
            heartbeat: l.heartbeat!,
            acquiredAt: l.acquiredAt!,
            leaseMs: l.leaseMs!,
            run: l.run ?? {},
            stacks: l.stacks ?? []
          };
    return {
      environment,
      fence: l.fence ?? 0,
      holder,
      lastHolder: l.lastHolder,
      lastOutcome: l.lastOutcome,
      releasedAt: l.releasedAt
    };
  });
}

/** A ticket's key in the QUEUE item's map: its number, zero-padded so the map reads in order. */
export const ticketKey = (seq: number): string => String(seq).padStart(12, '0');

/** A ticket's attributes (`owner` is missing on those of releases before owner tokens). */
export const TICKET_ATTRIBUTES = [
  'seq',
  'correlationId',
  'owner',
  'heartbeat',
  'enqueuedAt',
  'leaseMs',
  'run',
  'priority',
  'overridesFreeze'
] as const;

const ticketFields = fields<
  Omit<Ticket, 'priority' | 'owner'> & { priority?: Priority; owner?: string }
>({
  seq: counter(1),
  correlationId: text({ nonEmpty: true }),
  owner: optional(text()),
  heartbeat: text({ nonEmpty: true }),
  enqueuedAt: instant,
  leaseMs: lease,
  run,
  priority,
  overridesFreeze: optional(bool)
});

/** The QUEUE item: its counter and its live tickets, in arrival order (none: nobody queued yet). */
export function decodeQueue(
  item: Record<string, unknown> | undefined
): Decoded<{ seq: number; tickets: Ticket[] }> {
  if (!item) return { ok: true, value: { seq: 0, tickets: [] } };
  return decode(item, (v) => {
    const m = map(v, '');
    const seq = counter(0)(m['seq'], 'seq');
    // Every write keeps the map (a removal leaves it empty): without it no ticket can be added.
    const entries = map(m['tickets'], 'tickets');
    const tickets = Object.entries(entries).map(([k, raw]) => {
      const at = `tickets.${k}`;
      const t = ticketFields(raw, at);
      if (k !== ticketKey(t.seq))
        fail(`${at}.seq`, `${Number(k)} (the number its key says)`, t.seq);
      if (t.seq > seq) fail(`${at}.seq`, `at most the queue's counter seq (${seq})`, t.seq);
      const ticket: Ticket = { ...t, owner: t.owner ?? '', priority: t.priority ?? 'normal' };
      return ticket;
    });
    return { seq, tickets: tickets.sort((a, b) => a.seq - b.seq) };
  });
}

const transition = fields<TransitionEntry>({
  state: text({ nonEmpty: true }) as Check<TransitionEntry['state']>,
  at: instant,
  note: optional(text()),
  by: optional(
    fields<{ id: string; name?: string }>({ id: text({ nonEmpty: true }), name: optional(text()) })
  )
});

/**
 * A record: the transitions alone when it was started by a transition (a predecessor's
 * `taken-over`, an unlock, a lock lost) rather than by its run's arrival.
 */
const recordFields = fields<
  Omit<DeploymentRecord, 'correlationId' | 'environment' | 'stacks' | 'run'> &
    Partial<Pick<DeploymentRecord, 'correlationId' | 'environment' | 'stacks' | 'run'>>
>({
  correlationId: optional(text({ nonEmpty: true })),
  environment: optional(text({ nonEmpty: true })),
  stacks: optional(stackNames),
  run: optional(run),
  priority,
  fence: optional(counter(0)),
  transitions: list(transition),
  outcome: optional(text()),
  rootCause: optional(text())
});

export function decodeRecord(item: Record<string, unknown>): Decoded<DeploymentRecord> {
  return decode(item, (v, at) => {
    const r = recordFields(v, at);
    const pk = typeof item['pk'] === 'string' ? item['pk'] : '';
    return {
      ...r,
      correlationId: r.correlationId ?? pk.slice('DEPLOY#'.length),
      environment: r.environment ?? '',
      stacks: r.stacks ?? [],
      run: r.run ?? {}
    };
  });
}

const historyFields = fields<HistoryEntry>({
  correlationId: text({ nonEmpty: true }),
  environment: text({ nonEmpty: true }),
  stacks: stackNames,
  outcome: text({ nonEmpty: true }),
  startedAt: instant,
  endedAt: instant,
  durationMs: integer(0, MAX_HISTORY_DURATION_MS),
  resourceTypeSeconds: optional((v, at) => {
    const m = map(v, at);
    const seconds = number(0, MAX_HISTORY_DURATION_MS / 1000);
    return Object.fromEntries(Object.entries(m).map(([k, x]) => [k, seconds(x, join(at, k))]));
  })
});

/** A finished deployment; its end is not before its start. */
export function decodeHistory(item: unknown, where?: ItemKey): Decoded<HistoryEntry> {
  return decode(
    item,
    (v, at) => {
      const h = historyFields(v, at);
      if (Date.parse(h.endedAt) < Date.parse(h.startedAt))
        fail('endedAt', `not before startedAt (${h.startedAt})`, h.endedAt);
      return h;
    },
    where
  );
}

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

/** The environment a freeze item's key names (`FREEZE#<env>#<id>`; `*` for all), if it names one. */
export function freezeKeyEnvironment(sk: string): string | undefined {
  const m = /^FREEZE#(.*)#[^#]*$/.exec(sk);
  return m?.[1];
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

/** A decoded item's value; an unreadable one is an answer the caller cannot do without. */
export function decoded<T>(d: Decoded<T>): T {
  if (!d.ok) throw new RegistryCorruptError(d.unreadable);
  return d.value;
}

/** Items read together: those that decode, and those that do not (named, never dropped silently). */
export function sorted<T>(decodedItems: readonly Decoded<T>[]): {
  items: T[];
  unreadable: Unreadable[];
} {
  const items: T[] = [];
  const unreadable: Unreadable[] = [];
  for (const d of decodedItems) {
    if (d.ok) items.push(d.value);
    else unreadable.push(d.unreadable);
  }
  return { items, unreadable };
}
