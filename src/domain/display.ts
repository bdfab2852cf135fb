/**
 * Text from outside (the registry's items, a stack's tags, what an operator typed) as a terminal
 * may show it. Escaped, so that nothing in it can act on the terminal or on how the line reads:
 * the C0 controls (a terminal escape starts with ESC, U+001B), DEL, the C1 controls (U+009B is a
 * CSI of its own), the line and paragraph separators, the bidirectional controls (U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069: they reorder what follows them), the zero-width characters
 * (U+200B to U+200D, U+FEFF: they hide a difference) and unpaired surrogates. Each becomes a
 * visible escape in JSON's spelling (`\n`, `\t`, `\u001b`, `\u202e`), the same characters that
 * `reasonProblem` refuses in a reason.
 */

const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** HIDDEN less what JSON.stringify escapes itself (C0, unpaired surrogates) or writes between tokens. */
const HIDDEN_IN_JSON = /[\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const SHORT: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r'
};

const escapeOne = (c: string): string =>
  SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The longest stored text shown in full: a freeze's or an unlock's reason (REASON_MAX) fits. */
export const DISPLAY_MAX = 500;

/** The first `max` characters, without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/**
 * Stored text as the CLI and the messages show it, unquoted: the characters above escaped, and a
 * value longer than `max` cut there, with `… (N characters)` saying how long it was. Anything that
 * is not a string (an item written by hand) is shown as its string form.
 */
export function displayText(value: string, max = DISPLAY_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  const head = cut(text, max);
  const shownHead = head.replace(HIDDEN, escapeOne);
  return head === text ? shownHead : `${shownHead}… (${text.length} characters)`;
}

/**
 * What an operator typed (or an input's value), quoted for a refusal: a JSON string (quotes and
 * backslashes escaped) with the characters above escaped, cut at `max` (80) characters as
 * displayText cuts.
 */
export function shown(value: string, max = 80): string {
  const text = typeof value === 'string' ? value : String(value);
  const head = cut(text, max);
  const quoted = `"${head.replace(/["\\]/g, '\\$&').replace(HIDDEN, escapeOne)}"`;
  return head === text ? quoted : `${quoted}… (${text.length} characters)`;
}

/**
 * `value` as JSON (`indent` as JSON.stringify's) that parses back to exactly the same values, with
 * the characters above written as `\u` escapes: JSON.stringify escapes only the C0 controls, and
 * leaves DEL, C1, the separators, bidirectional and zero-width characters as they are. Outside
 * strings JSON has none of them, so only string contents change, and only in their spelling.
 */
export function safeJson(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    HIDDEN_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}
