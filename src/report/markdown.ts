/**
 * The job summary's markdown, built so that outside text (a stack's status reason, a Slack
 * error, an event) can never break it: every cell is escaped unless it is markdown this code
 * built itself from escaped parts.
 */

/** Markdown this code wrote itself (links, emphasis, code), with every piece of outside text escaped. */
export interface Markdown {
  readonly md: string;
}

export type Cell = string | Markdown;

/** Outside text, safe in a table cell or a line: no `|` splits a row, no newline ends it, no HTML. */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ');
}

const cell = (c: Cell): string => (typeof c === 'string' ? escapeText(c) : c.md);

export const md = (text: string): Markdown => ({ md: text });
export const code = (text: string): Markdown => md(`\`${text.replace(/`/g, "'")}\``);
export const bold = (text: string): Markdown => md(`**${escapeText(text)}**`);
/** Characters that would end a markdown link's URL or break out of it, percent-encoded. */
const urlSafe = (url: string): string =>
  url.replace(
    /[()\s<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  );
export const link = (text: string, url: string): Markdown =>
  md(`[${escapeText(text).replace(/[[\]]/g, '\\$&')}](${urlSafe(url)})`);
export const join = (...parts: Cell[]): Markdown => md(parts.map(cell).join(''));

/** A markdown table; `head` empty gives the two-column key/value table without a header row. */
export function table(head: readonly Cell[], rows: readonly (readonly Cell[])[]): string[] {
  const width = Math.max(head.length, ...rows.map((r) => r.length));
  const line = (cells: readonly Cell[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const header = head.length > 0 ? head : Array.from({ length: width }, () => '');
  return [
    head.length > 0 ? line(header) : `|${' |'.repeat(width)}`,
    `|${'---|'.repeat(width)}`,
    ...rows.map(line)
  ];
}
