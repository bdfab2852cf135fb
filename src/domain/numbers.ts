/**
 * The one reading of a number that a person typed (a CLI flag, an action input): plain decimal
 * digits only, so that `1e3`, `0x10`, `-1`, ` 5`, `Infinity` or `abc` are refused rather than read
 * as something else (Number() takes all but the last), and in range.
 */
export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** Digits only (`20`); otherwise a decimal point too (`0.5`, `.5`, `2.`). */
  readonly integer?: boolean;
  /** 0 is accepted too, below `min` (such as "0: no wait"). */
  readonly zero?: boolean;
}

const INTEGER = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** The number `text` is under `rule`, or undefined when it is not one (or out of range). */
export function readNumber(text: string, rule: NumberRule): number | undefined {
  if (!(rule.integer ? INTEGER : DECIMAL).test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || (rule.integer && !Number.isSafeInteger(n))) return undefined;
  if (rule.zero && n === 0) return n;
  return n >= rule.min && n <= rule.max ? n : undefined;
}

/**
 * What `rule` accepts, for a refusal: `a whole number from 1 to 1000 in plain digits`, `a number of
 * seconds from 0.5 to 3600`.
 */
export function numberAccepted(rule: NumberRule, unit?: string): string {
  const kind = `${rule.integer ? 'a whole number' : 'a number'}${unit ? ` of ${unit}` : ''}`;
  return `${rule.zero ? `0, or ${kind}` : kind} from ${rule.min} to ${rule.max}${rule.integer ? ' in plain digits' : ''}`;
}
