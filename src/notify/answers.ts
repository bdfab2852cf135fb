/**
 * What people answered a question with, decoded where it comes in from Slack: reactions (their
 * names and who reacted) and thread replies (their text and who wrote them, with the name Slack
 * gives in the reply's `user_profile`). Everything from Slack is untrusted: only strings are
 * taken, cut to a sane length, with control characters escaped.
 */

/** A Slack user who answered: the ID, and the name Slack gave with it (when it did). */
export interface SlackUser {
  readonly id: string;
  readonly name?: string;
}

export interface ReactionAnswer {
  readonly name: string;
  /** Who reacted, in Slack's order. */
  readonly users: readonly SlackUser[];
}

export interface ReplyAnswer {
  readonly text: string;
  readonly user?: SlackUser;
}

export interface Answers {
  readonly reactions: readonly ReactionAnswer[];
  readonly replies: readonly ReplyAnswer[];
}

const ID_MAX = 32;
const NAME_MAX = 80;
const TEXT_MAX = 500;
/** C0 and C1 controls, zero-width and bidirectional controls, line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** A string from Slack, one line: control characters escaped (`\u202e`), cut to `max`. */
export function untrusted(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .slice(0, max * 2)
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.trim() === '' ? undefined : cut;
}

/** A user from an ID and, for a reply, its `user_profile`; undefined without a usable ID. */
export function decodeUser(id: unknown, profile?: unknown): SlackUser | undefined {
  const uid = untrusted(id, ID_MAX);
  if (!uid) return undefined;
  const p = (typeof profile === 'object' && profile !== null ? profile : {}) as Record<
    string,
    unknown
  >;
  const name =
    untrusted(p['display_name'], NAME_MAX) ??
    untrusted(p['real_name'], NAME_MAX) ??
    untrusted(p['name'], NAME_MAX);
  return name ? { id: uid, name } : { id: uid };
}

/** `reactions.get`'s `message.reactions`. */
export function decodeReactions(value: unknown): ReactionAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r: unknown) => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const name = untrusted(o['name'], NAME_MAX);
    if (!name) return [];
    const ids: unknown[] = Array.isArray(o['users']) ? (o['users'] as unknown[]) : [];
    return [{ name, users: ids.flatMap((u) => decodeUser(u) ?? []) }];
  });
}

/** `conversations.replies`'s messages: people's replies only (not the question, not a bot's). */
export function decodeReplies(value: unknown, questionTs: string): ReplyAnswer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m: unknown) => {
    const o = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (o['ts'] === questionTs || o['bot_id']) return [];
    const user = decodeUser(o['user'], o['user_profile']);
    return [{ text: untrusted(o['text'], TEXT_MAX) ?? '', ...(user ? { user } : {}) }];
  });
}

/** A person in a log line or the summary: `Dana (U0PERSON001)`, or the ID alone. */
export const whoAnswered = (by: SlackUser): string => (by.name ? `${by.name} (${by.id})` : by.id);
