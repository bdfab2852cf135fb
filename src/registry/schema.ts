import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { shown } from '../domain/display.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { RegistryCorruptError } from '../ports/registry-errors.js';
import type { Unreadable } from '../ports/registry.js';
import type { RunContext } from '../ports/run.js';

/**
 * Every item the registry reads is decoded here, against its schema (the checks below, put together
 * in schema-lock.ts for the lock and the queue, schema-records.ts for records and history,
 * schema-freezes.ts for freezes and the index of environments), before any code acts on it. The
 * table is shared by every repository, every release of the action, scripts and hands: an item
 * that does not decode (a number JavaScript cannot hold exactly, a missing or mistyped
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

export type Check<T> = (v: unknown, at: string) => T;

export const fail = (at: string, expected: string, v: unknown): never => {
  throw new Mismatch(at, expected, describeValue(v));
};

export const text =
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

export const instant: Check<string> = (v, at) =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v))
    ? v
    : fail(at, 'an ISO 8601 instant (such as 2026-12-07T10:00:00.000Z)', v);

export const integer =
  (min: number, max: number): Check<number> =>
  (v, at) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? v
      : fail(at, `a whole number from ${min} to ${max}`, v);

export const number =
  (min: number, max: number, what = `a number from ${min} to ${max}`): Check<number> =>
  (v, at) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(at, what, v);

export const bool: Check<boolean> = (v, at) =>
  typeof v === 'boolean' ? v : fail(at, 'a boolean', v);

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, at) =>
    (values as readonly unknown[]).includes(v)
      ? (v as T)
      : fail(at, `one of ${values.join(', ')}`, v);

export const optional =
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

export const map = (v: unknown, at: string): Record<string, unknown> =>
  isMap(v) ? v : fail(at, 'a map', v);

export const list =
  <T>(of: Check<T>): Check<T[]> =>
  (v, at) => {
    if (!Array.isArray(v)) return fail(at, 'a list', v);
    return v.map((x, i) => of(x, `${at}[${i}]`));
  };

export const join = (at: string, name: string): string => (at ? `${at}.${name}` : name);

/** A map whose declared attributes are checked; the others are kept and ignored. */
export const fields =
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

export const run: Check<RunContext> = (v, at) => {
  const m = map(v, at);
  const out: Record<string, string> = {};
  for (const name of RUN_FIELDS) {
    const value = optional(text())(m[name], join(at, name));
    if (value !== undefined) out[name] = value;
  }
  return out;
};

export const lease = number(
  1,
  MAX_LEASE_MS,
  `a lease in milliseconds, from 1 to ${MAX_LEASE_MS} (a day)`
);
export const counter = (min: number): Check<number> => integer(min, MAX_COUNTER);
export const stackNames = list(text({ nonEmpty: true }));
export const priority: Check<Priority | undefined> = optional(oneOf(PRIORITIES));

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

export function decode<T>(item: unknown, check: Check<T>, where?: ItemKey): Decoded<T> {
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

/** The environment a freeze item's key names (`FREEZE#<env>#<id>`; `*` for all), if it names one. */
export function freezeKeyEnvironment(sk: string): string | undefined {
  const m = /^FREEZE#(.*)#[^#]*$/.exec(sk);
  return m?.[1];
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
