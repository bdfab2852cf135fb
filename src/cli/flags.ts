import { shown } from '../domain/display.js';
import { numberAccepted, readNumber, type NumberRule } from '../domain/numbers.js';

// The CLI's own numeric flags (--limit, --fence, --interval), read one way (domain/numbers.ts, as
// the action's numeric inputs are): plain decimal digits in range, or a refusal that names the
// flag, the value and what is accepted, before anything is read or written.

export interface FlagRule extends NumberRule {
  /** `seconds`: said after the range. */
  readonly unit?: string;
  /** When the flag is not given; said in the refusal. */
  readonly default?: number;
}

/** A refusal of a flag's value: said on stderr, exit 1 as every usage refusal. */
export interface FlagProblem {
  readonly problem: string;
}

/** The flag's number (its default, or undefined, when not given), or why its value is refused. */
export function numberFlag(
  flag: string,
  given: string | undefined,
  rule: FlagRule
): number | undefined | FlagProblem {
  if (given === undefined) return rule.default;
  const n = readNumber(given, rule);
  if (n !== undefined) return n;
  const fallback = rule.default !== undefined ? ` (default ${rule.default})` : '';
  return {
    problem: `--${flag} is ${shown(given)}: expected ${numberAccepted(rule, rule.unit)}${fallback}.`
  };
}

export const isProblem = (x: unknown): x is FlagProblem =>
  typeof x === 'object' && x !== null && 'problem' in x;
