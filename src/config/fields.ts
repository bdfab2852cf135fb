import { shown } from '../domain/display.js';
import { minutes, seconds } from '../domain/durations.js';
import { readNumber } from '../domain/numbers.js';
import { INPUT_DEFAULTS, type InputName } from './inputs.js';

const BOOLEAN_TRUE = ['true', 'True', 'TRUE'];
const BOOLEAN_FALSE = ['false', 'False', 'FALSE'];

/** Splits a comma or newline separated list; empty items are dropped. */
export const splitList = (value: string): string[] =>
  value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** What a numeric input accepts, in its own unit. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * Reads inputs one at a time and collects every problem, each naming the input, the value and
 * what is accepted. A field that fails still answers (a placeholder), so parsing goes on and
 * every problem is reported at once.
 */
export class Fields {
  readonly problems: string[] = [];
  /** What is accepted but worth a warning (the step goes on). */
  readonly warnings: string[] = [];

  constructor(private readonly read: (name: InputName) => string) {}

  /** The input as typed (trimmed), or its default when empty. */
  raw(name: InputName): string {
    const v = this.read(name).trim();
    return v === '' ? INPUT_DEFAULTS[name] : v;
  }

  /** The input as typed (trimmed), without its default. */
  given(name: InputName): string {
    return this.read(name).trim();
  }

  fail(name: InputName, value: string, accepted: string): undefined {
    // Quoted, escaped, cut when long (display.ts): a value may hold anything.
    this.problems.push(`'${name}' is ${shown(value)}: ${accepted}.`);
    return undefined;
  }

  /** Accepted, with a warning annotation (the step goes on). */
  warn(text: string): void {
    this.warnings.push(text);
  }

  /** A problem that is not about one value. */
  problem(text: string): void {
    this.problems.push(text);
  }

  /**
   * A number from `min` to `max` (0 too when `allowZero`), in `unit`; the message gives the range.
   */
  number(
    name: InputName,
    unit: string,
    min: number,
    max: number,
    allowZero: boolean
  ): number | undefined {
    const value = this.raw(name);
    const range = `${allowZero ? `0 (no wait), or a number from ${min}` : `a number from ${min}`} to ${max} ${unit} (decimals allowed, e.g. 0.5)`;
    return (
      readNumber(value, { min, max, zero: allowZero }) ??
      this.fail(name, value, `expected ${range}`)
    );
  }

  /** A duration in minutes, as milliseconds. */
  minutes(name: InputName, range: Range, allowZero = false): number {
    return minutes(this.number(name, 'minutes', range.min, range.max, allowZero) ?? 0);
  }

  /** A duration in seconds, as milliseconds. */
  seconds(name: InputName, range: Range): number {
    return seconds(this.number(name, 'seconds', range.min, range.max, false) ?? 0);
  }

  boolean(name: InputName): boolean {
    const value = this.raw(name);
    if (BOOLEAN_TRUE.includes(value)) return true;
    if (BOOLEAN_FALSE.includes(value)) return false;
    this.fail(name, value, 'expected true or false');
    return false;
  }

  oneOf<T extends string>(name: InputName, allowed: readonly T[]): T {
    const value = this.raw(name);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(name, value, `expected one of ${allowed.join(', ')}`);
    return allowed[0] as T;
  }

  /** The input when it matches `pattern` (a problem otherwise); undefined when empty. */
  optional(name: InputName, pattern: RegExp, accepted: string): string | undefined {
    const value = this.raw(name) || undefined;
    if (value && !pattern.test(value)) this.fail(name, value, accepted);
    return value;
  }
}
