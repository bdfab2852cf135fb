/**
 * Making outside text (commit messages, refs, actor names, CloudFormation
 * event reasons, stack outputs) safe to put in a Slack message, and keeping
 * every piece within Slack's limits.
 *
 * Slack's mrkdwn has exactly three control characters: `&`, `<` and `>`.
 * Everything that pings or links (`<!channel>`, `<!here>`, `<@U123>`,
 * `<#C123>`, `<!subteam^S1>`, `<http://x|y>`, `<!date^…>`) needs a `<`, so
 * escaping those three characters makes outside text inert.
 *
 * Plain `@channel`, `@here` and `@everyone` (without `<!…>`) do not ping when a
 * message is posted through the API, as long as the poster leaves `parse` and
 * `link_names` unset (neither `parse: 'full'` nor `link_names: true`): only
 * then would Slack turn plain names into mentions. They are therefore left as
 * they are here; the sender must keep those options off.
 *
 * Formatting characters (`*`, `_`, `~`, backticks) in outside text would
 * restyle the message (a commit message `*urgent*` in bold, a backtick opening
 * a code span that swallows the rest). mrkdwn has no escape for them, so where
 * one could open or close a style (next to a space, punctuation or the end of
 * the text) it gets a zero-width space on each side, which Slack does not
 * count as a word boundary; inside a word (`UPDATE_IN_PROGRESS`, `snake_case`)
 * it cannot style anything and is left as it is, so identifiers still copy.
 */

/** Section `text` (mrkdwn), per Slack's section block reference. */
export const SECTION_TEXT_MAX = 3000;
/** Header block `text` (plain_text). */
export const HEADER_TEXT_MAX = 150;
/** Each item of a section's `fields`. */
export const FIELD_TEXT_MAX = 2000;
/** Items in a section's `fields`. */
export const MAX_FIELDS = 10;
/**
 * Text elements of a context block. Slack documents no limit of its own for
 * them beyond a text object's 3000 characters; 2000 keeps a safe margin.
 */
export const CONTEXT_TEXT_MAX = 2000;
/** Elements in a context block. */
export const MAX_CONTEXT_ELEMENTS = 10;
/**
 * The top-level `text` (notification and fallback). Slack truncates it at
 * 40 000 characters and recommends staying under 4000; ours is a summary.
 */
export const FALLBACK_TEXT_MAX = 4000;
/** Blocks in one message. */
export const MAX_BLOCKS = 50;

const ELLIPSIS = '…';

const ZERO_WIDTH_SPACE = '\u200B';
/** A formatting character next to a non-word character or an end of the text. */
const STYLE_MARKER = /(?<=^|[^\p{L}\p{N}])[*_~`]|[*_~`](?=[^\p{L}\p{N}]|$)/gu;

/** Escapes mrkdwn's three control characters: no mention or link. */
const escapeEntities = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Makes outside text inert in mrkdwn: no mention, link or style (see the module comment). */
export function escapeText(s: string): string {
  return escapeEntities(s).replace(
    STYLE_MARKER,
    (m) => `${ZERO_WIDTH_SPACE}${m}${ZERO_WIDTH_SPACE}`
  );
}

/**
 * A link to an http(s) URL with an escaped label; for any other URL (or one
 * that does not parse) the escaped label alone, so `javascript:` and friends
 * never become clickable. In the URL, characters that would end or split the
 * `<url|label>` syntax (`|`, `<`, `>`, whitespace) are percent-encoded and `&`
 * is escaped as Slack requires.
 */
export function link(url: string | undefined, label: string): string {
  const text = escapeText(label);
  const safe = url === undefined ? undefined : safeUrl(url.trim());
  if (!safe) return text || escapeText(url ?? '');
  return `<${safe}|${text || safe}>`;
}

function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    if (!parsed.hostname) return undefined;
  } catch {
    return undefined;
  }
  return url
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s/g, '%20')
    .replace(/&/g, '&amp;');
}

/**
 * Cuts `s` to at most `max` characters (UTF-16 code units, which never
 * undercounts Slack's characters), ending with `…` when it had to cut. The
 * cut never splits a surrogate pair, an `&amp;`-style entity or a
 * `<…>` link/date of our own, so a truncated text stays valid mrkdwn.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = s.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[A-Za-z0-9#]{0,6}$/, '');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut + ELLIPSIS;
}

/**
 * Inline code for an identifier (stack name, correlation ID, status):
 * backticks are stripped from the value (they would end the code span),
 * line breaks become spaces, and `&`, `<`, `>` are escaped. Empty for an empty value.
 */
export function code(s: string): string {
  const value = s
    .replace(/`/g, '')
    .replace(/[\r\n]+/g, ' ')
    .trim();
  // Inside a code span nothing styles: the value keeps its characters (so it copies as it is).
  return value ? `\`${escapeEntities(value)}\`` : '';
}
