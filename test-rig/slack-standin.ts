/**
 * Slack Web API stand-in on loopback.
 *
 * An HTTP server on 127.0.0.1 (random port) answering `POST /api/<method>` the way slack.com does
 * for the few methods the action uses. Point the real client at it with
 * `new WebClient(token, { slackApiUrl: standin.url })` (`url` ends with `/api/`).
 *
 * Requests: `application/x-www-form-urlencoded` (what `WebClient` sends: every non-scalar argument,
 * e.g. `blocks`, JSON-encoded inside its form field) or `application/json`; query-string parameters
 * are merged in. The token comes from `authorization: Bearer <token>` (or a `token` field). No token
 * → `not_authed`; a token that is not accepted → `invalid_auth` (by default any `xoxb-…` token is
 * accepted; set `acceptedTokens` to narrow).
 *
 * Answers like Slack's: HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`; 429 with
 * `Retry-After` (`rateLimitNext`); any status you like (`failNext`); an HTML page in place of the
 * JSON, even with HTTP 200 (`htmlNext`: a proxy's or a captive portal's); `{ ok: true }` without
 * its fields (`okWithoutTsNext`); 503 or a destroyed connection for an outage (`down`). A person's
 * messages carry their `user_profile` (name, real and display name), as Slack's do.
 *
 * Served:
 *   auth.test
 *   chat.postMessage      channel name (`#deploys`, `deploys`) or ID; thread_ts; reply_broadcast
 *   chat.update           channel ID only (a name → channel_not_found, as on Slack)
 *   chat.getPermalink
 *   reactions.get / reactions.add / reactions.remove
 *   conversations.replies (parent first on every page; oldest/latest/inclusive/limit/cursor)
 *   conversations.history (top-level messages and broadcasts, newest first)
 *   anything else         → { ok: false, error: 'unknown_method' }
 *
 * Channel names map to stable IDs (`C` + 10 hex digits of sha1(name), or what `channels` says).
 * Unknown channels are created on first use unless `strictChannels` is set; `removeChannel` makes
 * one answer `channel_not_found`. Message timestamps are `<seconds>.<6 digits>`, strictly increasing
 * across all channels (so a ts identifies a message on its own).
 *
 * Blocks are checked against a few of Slack's limits (≤ 50 blocks, each an object with a `type`;
 * section text ≤ 3000 characters, ≤ 10 fields of ≤ 2000; header plain_text ≤ 150; context ≤ 10
 * elements) and rejected with `invalid_blocks`; a `blocks` field that is not a JSON array gets
 * `invalid_blocks_format`. `text` over 40,000 characters is truncated, as Slack does.
 *
 * A well-formed `thread_ts` that matches no message is accepted, as Slack does, and the reply is
 * stored as an orphan (`orphan: true`, invisible in history); a malformed one (not `\d+.\d{6}`)
 * gets `invalid_thread_ts`. A `thread_ts` naming a reply attaches to that reply's thread.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, withBody } from './http-server.js';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export const SLACK_TEAM_ID = 'T0STANDIN1';
export const SLACK_TEAM_NAME = 'Stand-in';
export const SLACK_BOT_USER_ID = 'U0DEPLOYBOT';
export const SLACK_BOT_ID = 'B0DEPLOYBOT';
export const SLACK_APP_ID = 'A0DEPLOYBOT';
/** The default person for `react`, `reply` and `say`. */
export const SLACK_PERSON_ID = 'U0PERSON001';
/** That person's profile, as Slack puts it on their messages (`user_profile`). */
export const SLACK_PERSON_PROFILE: SlackProfile = {
  name: 'dana',
  real_name: 'Dana Reviewer',
  display_name: 'Dana'
};
export const SLACK_WORKSPACE_URL = 'https://standin.slack.com/';
/** Scopes announced in `x-oauth-scopes` (the client copies them to `response_metadata.scopes`). */
export const SLACK_SCOPES = [
  'chat:write',
  'chat:write.public',
  'reactions:read',
  'reactions:write',
  'channels:history',
  'groups:history'
];

export interface SlackCall {
  /** The API method, e.g. `chat.postMessage` (the raw path when it was not under `/api/`). */
  method: string;
  /**
   * Parameters as received: form values are strings (`'true'`, `'false'`), JSON bodies keep their
   * types; `blocks`, `attachments` and `metadata` sent as JSON text are parsed to objects.
   */
  body: Record<string, unknown>;
  token?: string;
  /** The request's content type without parameters, e.g. `application/x-www-form-urlencoded`. */
  contentType: string;
  at: number;
  /** HTTP status answered (0 when the connection was destroyed by `down(true, 'destroy')`). */
  status: number;
  /** `ok` of a JSON answer. */
  ok?: boolean;
  /** `error` of an `{ ok: false }` answer. */
  error?: string;
}

/** An HTTP status (429 here sends no Retry-After: see `rateLimitNext`), or a Slack error. */
export type FailSpec =
  number | { error: string; status?: number; headers?: Record<string, string> };

/** The part of a person's profile Slack copies onto their messages as `user_profile`. */
export interface SlackProfile {
  name: string;
  real_name?: string;
  display_name?: string;
}

export interface MessageVersion {
  text: string;
  blocks?: unknown[];
  at: number;
}

export interface ReactionView {
  name: string;
  count: number;
  users: string[];
}

export interface MessageView {
  /** Channel ID. */
  channel: string;
  ts: string;
  /** The thread's parent ts, for a reply. */
  thread_ts?: string;
  user: string;
  bot_id?: string;
  byBot: boolean;
  text: string;
  blocks?: unknown[];
  reply_broadcast: boolean;
  /** A reply whose `thread_ts` matched no message (accepted by Slack, shown nowhere). */
  orphan: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  mrkdwn?: boolean;
  reactions: ReactionView[];
  /** Every version, oldest first: [as posted, after 1st update, ...]. */
  versions: MessageVersion[];
  edited?: { user: string; ts: string };
}

export interface SlackStandinOptions {
  now?: () => number;
  /** Only these tokens are accepted (default: any token starting with `xoxb-`). */
  acceptedTokens?: string[];
  /** Channel name (with or without `#`) → ID, for IDs a test wants to choose. */
  channels?: Record<string, string>;
  /** Only channels from `channels` / `addChannel` exist; others → `channel_not_found`. */
  strictChannels?: boolean;
  /** People's profiles by user ID (default: `SLACK_PERSON_ID` with `SLACK_PERSON_PROFILE`). */
  people?: Record<string, SlackProfile>;
}

/** `'503'`: every call answers HTTP 503; `'destroy'`: the socket is destroyed, no answer at all. */
export type DownMode = '503' | 'destroy';

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface MsgState {
  channel: string;
  ts: string;
  threadTs?: string;
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  broadcast: boolean;
  orphan: boolean;
  flags: { unfurl_links?: boolean; unfurl_media?: boolean; mrkdwn?: boolean };
  reactions: Array<{ name: string; users: string[] }>;
  versions: MessageVersion[];
  edited?: { user: string; ts: string };
}

interface Rule {
  method?: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  remaining: number;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly messages?: string[]
  ) {
    super(code);
  }
}

const TS_RE = /^\d+\.\d{6}$/;
const ID_RE = /^[CGD][A-Z0-9]{6,}$/;
const JSON_FIELDS = ['blocks', 'attachments', 'metadata'];
const MAX_TEXT = 40_000;
const HISTORY_SCOPES = 'channels:history,groups:history,im:history,mpim:history';
const ACCEPTED_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'reactions.get': 'reactions:read',
  'reactions.add': 'reactions:write',
  'reactions.remove': 'reactions:write',
  'conversations.replies': HISTORY_SCOPES,
  'conversations.history': HISTORY_SCOPES
};

// ---------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------

export class SlackStandin {
  /** `http://127.0.0.1:PORT/api/`: give it to `WebClient` as `slackApiUrl`. */
  readonly url: string;
  readonly calls: SlackCall[] = [];
  /** When set, only these tokens are accepted (others get `invalid_auth`). */
  acceptedTokens: string[] | undefined;
  /** When true, only channels given to `start` or `addChannel` exist. */
  strictChannels: boolean;

  private readonly server: LoopbackServer;
  private readonly clock: () => number;
  private readonly initial: SlackStandinOptions;
  private readonly messagesByTs = new Map<string, MsgState>();
  /** Normalized name → ID of the channels that exist. */
  private readonly channelIds = new Map<string, string>();
  /** IDs of the channels that exist. */
  private readonly knownIds = new Set<string>();
  /** IDs made to answer channel_not_found by `removeChannel`. */
  private readonly removedIds = new Set<string>();
  private rules: Rule[] = [];
  private people = new Map<string, SlackProfile>();
  private downMode: DownMode | undefined;
  private lastUs = 0;
  private closed = false;

  private constructor(server: LoopbackServer, opts: SlackStandinOptions) {
    this.server = server;
    this.url = `${server.url}/api/`;
    this.clock = opts.now ?? Date.now;
    this.initial = opts;
    this.acceptedTokens = opts.acceptedTokens;
    this.strictChannels = opts.strictChannels ?? false;
    this.seedChannels();
    this.seedPeople();
  }

  static async start(opts: SlackStandinOptions = {}): Promise<SlackStandin> {
    // Keep connections reusable (clients drop idle sockets before 5 s); close() ends them all.
    const server = await LoopbackServer.start({ keepAliveTimeout: 5000 });
    const standin = new SlackStandin(server, opts);
    server.serve(withBody((req, res, raw) => standin.handle(req, res, raw)));
    return standin;
  }

  now(): number {
    return this.clock();
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // -------------------------------------------------------------------------------------------
  // Channels
  // -------------------------------------------------------------------------------------------

  /** The stable ID of a channel name (`#deploys` or `deploys`); an ID is returned as is. */
  channelId(nameOrId: string): string {
    if (ID_RE.test(nameOrId)) return nameOrId;
    const name = normalizeName(nameOrId);
    return (
      this.channelIds.get(name) ??
      `C${createHash('sha1').update(name).digest('hex').slice(0, 10).toUpperCase()}`
    );
  }

  /** Makes a channel exist (also undoes `removeChannel`); returns its ID. */
  addChannel(name: string, id?: string): string {
    const cid = id ?? this.channelId(name);
    if (!ID_RE.test(name)) this.channelIds.set(normalizeName(name), cid);
    this.knownIds.add(cid);
    this.removedIds.delete(cid);
    return cid;
  }

  /** From now on the channel answers `channel_not_found` (its messages are kept). */
  removeChannel(nameOrId: string): void {
    const id = this.channelId(nameOrId);
    this.knownIds.delete(id);
    this.removedIds.add(id);
  }

  // -------------------------------------------------------------------------------------------
  // Scripting: people in the channel
  // -------------------------------------------------------------------------------------------

  /** A person's profile (put on their messages as `user_profile`, as Slack does). */
  addPerson(id: string, profile: SlackProfile): void {
    this.people.set(id, { ...profile });
  }

  /** A person adds a reaction (`white_check_mark` or `:white_check_mark:`). */
  react(channel: string, ts: string, name: string, user = SLACK_PERSON_ID): void {
    const msg = this.mustFind(channel, ts);
    addReaction(msg, stripColons(name), user);
  }

  /** A person removes a reaction. */
  unreact(channel: string, ts: string, name: string, user = SLACK_PERSON_ID): void {
    const msg = this.mustFind(channel, ts);
    removeReaction(msg, stripColons(name), user);
  }

  /** A person answers in the thread of `threadTs` (a parent or any reply); returns the new ts. */
  reply(
    channel: string,
    threadTs: string,
    text: string,
    user = SLACK_PERSON_ID,
    opts: { broadcast?: boolean; blocks?: unknown[] } = {}
  ): string {
    const parent = this.mustFind(channel, threadTs);
    const msg = this.store({
      channel: parent.channel,
      threadTs: parent.threadTs ?? parent.ts,
      user,
      text,
      blocks: opts.blocks,
      broadcast: opts.broadcast ?? false,
      orphan: false,
      flags: {}
    });
    return msg.ts;
  }

  /** A person posts a top-level message; returns its ts. */
  say(channel: string, text: string, user = SLACK_PERSON_ID): string {
    const id = this.addChannelIfLoose(channel);
    return this.store({ channel: id, user, text, broadcast: false, orphan: false, flags: {} }).ts;
  }

  // -------------------------------------------------------------------------------------------
  // Inspection
  // -------------------------------------------------------------------------------------------

  /** Every message (of one channel, by name or ID), in ts order: current state and history. */
  messages(channel?: string): MessageView[] {
    const id = channel === undefined ? undefined : this.channelId(channel);
    return [...this.messagesByTs.values()]
      .filter((m) => id === undefined || m.channel === id)
      .map((m) => view(m));
  }

  message(ts: string): MessageView | undefined {
    const m = this.messagesByTs.get(ts);
    return m ? view(m) : undefined;
  }

  /** The thread `ts` belongs to (parent, then replies in order); [] when there is no such message. */
  thread(ts: string): MessageView[] {
    const m = this.messagesByTs.get(ts);
    if (!m) return [];
    const rootTs = m.threadTs ?? m.ts;
    const root = this.messagesByTs.get(rootTs);
    return [...(root ? [root] : []), ...this.repliesOf(m.channel, rootTs)].map((x) => view(x));
  }

  // -------------------------------------------------------------------------------------------
  // Failure injection
  // -------------------------------------------------------------------------------------------

  /**
   * The next `count` calls (of `method`, or any) answer 429 `{ ok: false, error: 'ratelimited' }`
   * with `Retry-After: <retryAfterSeconds>` (a string is sent as is, e.g. '1.5' or 'soon').
   */
  rateLimitNext(count: number, retryAfterSeconds: number | string, method?: string): void {
    this.rules.push({
      method,
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(retryAfterSeconds) },
      remaining: count
    });
  }

  /**
   * The next `count` calls (of `method`, or any) fail: a number is that HTTP status with Slack's
   * kind of body (429 without Retry-After; 5xx a short HTML page); `{ error }` is HTTP 200 (or
   * `status`) with `{ ok: false, error }`.
   */
  failNext(count: number, spec: FailSpec, method?: string): void {
    if (typeof spec === 'number') {
      this.rules.push({
        method,
        status: spec,
        body: spec === 429 ? { ok: false, error: 'ratelimited' } : errorPage(spec),
        headers: {},
        remaining: count
      });
    } else {
      this.rules.push({
        method,
        status: spec.status ?? 200,
        body: { ok: false, error: spec.error },
        headers: lowerKeys(spec.headers ?? {}),
        remaining: count
      });
    }
  }

  /**
   * The next `count` calls (of `method`, or any) get an HTML page instead of Slack's JSON, with
   * HTTP `status` (default 200): what a proxy, a captive portal or a load balancer's error page
   * answers in Slack's place.
   */
  htmlNext(count: number, status = 200, method?: string): void {
    this.rules.push({
      method,
      status,
      body:
        status === 200
          ? '<!DOCTYPE html><html><head><title>Network access</title></head><body><h1>Sign in to continue</h1></body></html>'
          : errorPage(status),
      headers: {},
      remaining: count
    });
  }

  /**
   * The next `count` calls (of `method`, or any) answer HTTP 200 `{ ok: true }` and nothing else
   * (no `ts`, no `channel`), and do nothing: an answer that lost its fields on the way.
   */
  okWithoutTsNext(count: number, method?: string): void {
    this.rules.push({ method, status: 200, body: { ok: true }, headers: {}, remaining: count });
  }

  /**
   * An outage until `down(false)`: mode '503' (default) answers every call HTTP 503; 'destroy'
   * destroys each connection without an answer (the client sees a socket error). Calls are still
   * recorded. The port stays open (no ECONNREFUSED).
   */
  down(on = true, mode: DownMode = '503'): void {
    this.downMode = on ? mode : undefined;
  }

  /** Forgets messages, calls, failure rules, outages, channel and people changes (ts keep increasing). */
  reset(): void {
    this.messagesByTs.clear();
    this.calls.length = 0;
    this.rules = [];
    this.downMode = undefined;
    this.acceptedTokens = this.initial.acceptedTokens;
    this.strictChannels = this.initial.strictChannels ?? false;
    this.seedChannels();
    this.seedPeople();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.server.close();
  }

  // -------------------------------------------------------------------------------------------
  // State helpers
  // -------------------------------------------------------------------------------------------

  private seedChannels(): void {
    this.channelIds.clear();
    this.knownIds.clear();
    this.removedIds.clear();
    for (const [name, id] of Object.entries(this.initial.channels ?? {})) {
      this.channelIds.set(normalizeName(name), id);
      this.knownIds.add(id);
    }
  }

  private seedPeople(): void {
    this.people = new Map(
      Object.entries(this.initial.people ?? { [SLACK_PERSON_ID]: SLACK_PERSON_PROFILE })
    );
  }

  private addChannelIfLoose(nameOrId: string): string {
    const id = this.channelId(nameOrId);
    if (!this.knownIds.has(id)) this.addChannel(nameOrId, id);
    return id;
  }

  /** The channel ID for an API call, or channel_not_found. */
  private resolveChannel(raw: string | undefined, allowName: boolean): string {
    if (raw === undefined || raw === '') throw new ApiError('channel_not_found');
    if (!allowName && !ID_RE.test(raw)) throw new ApiError('channel_not_found');
    const id = this.channelId(raw);
    if (this.removedIds.has(id)) throw new ApiError('channel_not_found');
    if (!this.knownIds.has(id)) {
      if (this.strictChannels) throw new ApiError('channel_not_found');
      this.addChannel(raw, id);
    }
    return id;
  }

  private mustFind(channel: string, ts: string): MsgState {
    const m = this.messagesByTs.get(ts);
    if (!m || m.channel !== this.channelId(channel)) {
      throw new Error(`slack-standin: no message ${ts} in ${channel}`);
    }
    return m;
  }

  private nextTs(): string {
    const us = Math.max(Math.floor(this.now() * 1000), this.lastUs + 1);
    this.lastUs = us;
    return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
  }

  private store(m: Omit<MsgState, 'ts' | 'reactions' | 'versions'>): MsgState {
    const ts = this.nextTs();
    const text = m.text.length > MAX_TEXT ? m.text.slice(0, MAX_TEXT) : m.text;
    const blocks = m.blocks === undefined ? undefined : structuredClone(m.blocks);
    const msg: MsgState = {
      ...m,
      ts,
      text,
      blocks,
      reactions: [],
      versions: [{ text, blocks: blocks && structuredClone(blocks), at: this.now() }]
    };
    this.messagesByTs.set(ts, msg);
    return msg;
  }

  private repliesOf(channel: string, rootTs: string): MsgState[] {
    return [...this.messagesByTs.values()].filter(
      (x) => x.channel === channel && x.threadTs === rootTs
    );
  }

  private findIn(channel: string, ts: string | undefined): MsgState | undefined {
    if (ts === undefined) return undefined;
    const m = this.messagesByTs.get(ts);
    return m && m.channel === channel ? m : undefined;
  }

  /** Slack's wire shape of a message. */
  private wire(m: MsgState): Answer {
    const out: Answer = {
      type: 'message',
      ...(m.broadcast ? { subtype: 'thread_broadcast' } : {}),
      user: m.user,
      ...(m.botId ? { bot_id: m.botId, app_id: SLACK_APP_ID } : {}),
      text: m.text,
      ts: m.ts,
      team: SLACK_TEAM_ID
    };
    const profile = m.botId === undefined ? this.people.get(m.user) : undefined;
    if (profile) out['user_profile'] = { ...profile, team: SLACK_TEAM_ID };
    if (m.blocks !== undefined && m.blocks.length > 0) out['blocks'] = structuredClone(m.blocks);
    if (m.threadTs !== undefined) {
      out['thread_ts'] = m.threadTs;
      const root = this.messagesByTs.get(m.threadTs);
      if (root) out['parent_user_id'] = root.user;
    } else {
      const replies = this.repliesOf(m.channel, m.ts);
      const last = replies[replies.length - 1];
      if (last) {
        const users = [...new Set(replies.map((r) => r.user))];
        Object.assign(out, {
          thread_ts: m.ts,
          reply_count: replies.length,
          reply_users_count: users.length,
          latest_reply: last.ts,
          reply_users: users,
          is_locked: false,
          subscribed: false
        });
      }
    }
    if (m.edited) out['edited'] = { ...m.edited };
    if (m.reactions.length > 0) out['reactions'] = reactionViews(m);
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/api\/([A-Za-z0-9_.]+)\/?$/.exec(u.pathname);
    const method = match?.[1] ?? u.pathname;
    const contentType =
      (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const call: SlackCall = { method, body: {}, contentType, at: this.now(), status: 0 };
    this.calls.push(call);

    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      const isJson = typeof body !== 'string';
      const text = isJson ? JSON.stringify(body) : body;
      if (isJson && body !== null && typeof body === 'object') {
        const b = body as { ok?: unknown; error?: unknown };
        if (typeof b.ok === 'boolean') call.ok = b.ok;
        if (typeof b.error === 'string') call.error = b.error;
      }
      res.statusCode = status;
      res.setHeader(
        'content-type',
        isJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8'
      );
      res.setHeader('x-slack-req-id', randomUUID().replace(/-/g, ''));
      if (isJson) {
        res.setHeader('x-oauth-scopes', SLACK_SCOPES.join(','));
        res.setHeader('x-accepted-oauth-scopes', ACCEPTED_SCOPES[method] ?? '');
      }
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
    };

    let params: Params = {};
    let badJson = false;
    try {
      params = parseBody(raw, contentType);
    } catch {
      badJson = true;
    }
    for (const [k, v] of u.searchParams.entries()) if (!(k in params)) params[k] = v;
    for (const f of JSON_FIELDS) {
      const v = params[f];
      if (typeof v === 'string' && v !== '') {
        try {
          params[f] = JSON.parse(v) as unknown;
        } catch {
          // left as a string: the method answers invalid_*_format
        }
      }
    }
    call.body = badJson ? { _raw: raw } : params;
    const bodyToken = typeof params['token'] === 'string' ? params['token'] : undefined;
    const token = tokenOf(req.headers['authorization']) ?? bodyToken;
    if (token !== undefined) call.token = token;

    if (this.downMode === 'destroy') {
      req.socket.destroy();
      return;
    }
    if (this.downMode === '503') {
      send(503, errorPage(503));
      return;
    }
    if (badJson) {
      send(200, { ok: false, error: 'invalid_json' });
      return;
    }
    if (req.method !== 'POST' && req.method !== 'GET') {
      send(405, errorPage(405));
      return;
    }
    if (!match) {
      send(404, errorPage(404));
      return;
    }

    const rule = this.rules.find((r) => r.method === undefined || r.method === method);
    if (rule) {
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      send(rule.status, rule.body, rule.headers);
      return;
    }

    const handler = this.handlers[method];
    if (!handler) {
      send(200, { ok: false, error: 'unknown_method', req_method: method });
      return;
    }
    if (token === undefined || token === '') {
      send(200, { ok: false, error: 'not_authed' });
      return;
    }
    const accepted =
      this.acceptedTokens === undefined
        ? token.startsWith('xoxb-')
        : this.acceptedTokens.includes(token);
    if (!accepted) {
      send(200, { ok: false, error: 'invalid_auth' });
      return;
    }
    try {
      send(200, { ok: true, ...handler(params) });
    } catch (e) {
      if (e instanceof ApiError) {
        send(200, {
          ok: false,
          error: e.code,
          ...(e.messages ? { response_metadata: { messages: e.messages } } : {})
        });
      } else {
        send(500, errorPage(500));
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Methods
  // -------------------------------------------------------------------------------------------

  private readonly handlers: Record<string, (p: Params) => Answer> = {
    'auth.test': () => ({
      url: SLACK_WORKSPACE_URL,
      team: SLACK_TEAM_NAME,
      user: 'deploy-coordinator',
      team_id: SLACK_TEAM_ID,
      user_id: SLACK_BOT_USER_ID,
      bot_id: SLACK_BOT_ID,
      is_enterprise_install: false
    }),

    'chat.postMessage': (p) => {
      const channel = this.resolveChannel(str(p, 'channel'), true);
      const text = str(p, 'text') ?? '';
      const blocks = blocksParam(p);
      if (text === '' && (blocks === undefined || blocks.length === 0) && !p['attachments']) {
        throw new ApiError('no_text');
      }
      const rawThread = str(p, 'thread_ts');
      let threadTs: string | undefined;
      let orphan = false;
      if (rawThread !== undefined) {
        if (!TS_RE.test(rawThread)) throw new ApiError('invalid_thread_ts');
        const parent = this.findIn(channel, rawThread);
        threadTs = parent?.threadTs ?? rawThread;
        orphan = parent === undefined;
      }
      const msg = this.store({
        channel,
        threadTs,
        user: SLACK_BOT_USER_ID,
        botId: SLACK_BOT_ID,
        text,
        blocks,
        broadcast: threadTs !== undefined && bool(p, 'reply_broadcast') === true,
        orphan,
        flags: definedOnly({
          unfurl_links: bool(p, 'unfurl_links'),
          unfurl_media: bool(p, 'unfurl_media'),
          mrkdwn: bool(p, 'mrkdwn')
        })
      });
      return { channel, ts: msg.ts, message: this.wire(msg) };
    },

    'chat.update': (p) => {
      const channel = this.resolveChannel(str(p, 'channel'), false);
      const msg = this.findIn(channel, str(p, 'ts'));
      if (!msg) throw new ApiError('message_not_found');
      if (msg.user !== SLACK_BOT_USER_ID) throw new ApiError('cant_update_message');
      const text = str(p, 'text');
      const blocks = blocksParam(p);
      if (text === undefined && blocks === undefined && p['attachments'] === undefined) {
        throw new ApiError('no_text');
      }
      if (text !== undefined) msg.text = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
      if (blocks !== undefined)
        msg.blocks = blocks.length > 0 ? structuredClone(blocks) : undefined;
      msg.versions.push({
        text: msg.text,
        blocks: msg.blocks && structuredClone(msg.blocks),
        at: this.now()
      });
      msg.edited = { user: SLACK_BOT_USER_ID, ts: this.nextTs() };
      const message = this.wire(msg);
      delete message['ts'];
      return { channel, ts: msg.ts, text: msg.text, message };
    },

    'chat.getPermalink': (p) => {
      const channel = this.resolveChannel(str(p, 'channel'), false);
      const msg = this.findIn(channel, str(p, 'message_ts'));
      if (!msg) throw new ApiError('message_not_found');
      const base = `${SLACK_WORKSPACE_URL}archives/${channel}/p${msg.ts.replace('.', '')}`;
      const q = msg.threadTs ? `?thread_ts=${msg.threadTs}&cid=${channel}` : '';
      return { channel, permalink: base + q };
    },

    'reactions.get': (p) => {
      const ts = str(p, 'timestamp');
      if (ts === undefined) throw new ApiError('no_item_specified');
      const channel = this.resolveChannel(str(p, 'channel'), false);
      const msg = this.findIn(channel, ts);
      if (!msg) throw new ApiError('message_not_found');
      return { type: 'message', channel, message: this.wire(msg) };
    },

    'reactions.add': (p) => this.botReaction(p, true),
    'reactions.remove': (p) => this.botReaction(p, false),

    'conversations.replies': (p) => {
      const channel = this.resolveChannel(str(p, 'channel'), false);
      const m = this.findIn(channel, str(p, 'ts'));
      const root = m && this.findIn(channel, m.threadTs ?? m.ts);
      if (!root) throw new ApiError('thread_not_found');
      const replies = timeWindow(this.repliesOf(channel, root.ts), p);
      const { items, next } = page(replies, p, 1000);
      return {
        messages: [root, ...items].map((x) => this.wire(x)),
        has_more: next !== undefined,
        ...(next !== undefined ? { response_metadata: { next_cursor: next } } : {})
      };
    },

    'conversations.history': (p) => {
      const channel = this.resolveChannel(str(p, 'channel'), false);
      const visible = [...this.messagesByTs.values()].filter(
        (x) => x.channel === channel && (x.threadTs === undefined || x.broadcast)
      );
      const { items, next } = page(timeWindow(visible, p).reverse(), p, 100);
      return {
        messages: items.map((x) => this.wire(x)),
        has_more: next !== undefined,
        pin_count: 0,
        ...(next !== undefined ? { response_metadata: { next_cursor: next } } : {})
      };
    }
  };

  private botReaction(p: Params, add: boolean): Answer {
    const name = stripColons(str(p, 'name') ?? '');
    if (name === '') throw new ApiError('invalid_name');
    const ts = str(p, 'timestamp');
    if (ts === undefined) throw new ApiError('no_item_specified');
    const channel = this.resolveChannel(str(p, 'channel'), false);
    const msg = this.findIn(channel, ts);
    if (!msg) throw new ApiError('message_not_found');
    const has = msg.reactions.some((r) => r.name === name && r.users.includes(SLACK_BOT_USER_ID));
    if (add) {
      if (has) throw new ApiError('already_reacted');
      addReaction(msg, name, SLACK_BOT_USER_ID);
    } else {
      if (!has) throw new ApiError('no_reaction');
      removeReaction(msg, name, SLACK_BOT_USER_ID);
    }
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function normalizeName(name: string): string {
  return name.replace(/^#/, '').trim().toLowerCase();
}

function stripColons(name: string): string {
  return name.replace(/^:/, '').replace(/:$/, '');
}

function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^bearer\s+(\S+)\s*$/i.exec(header.trim());
  return m?.[1];
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function errorPage(status: number): string {
  const title =
    {
      404: 'Not Found',
      405: 'Method Not Allowed',
      500: 'Internal Server Error',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
      504: 'Gateway Timeout'
    }[status] ?? `Error ${status}`;
  return `<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`;
}

function parseBody(raw: string, contentType: string): Params {
  if (raw.trim() === '') return {};
  if (contentType === 'application/json') {
    const v = JSON.parse(raw) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return { ...(v as Params) };
  }
  // Form (also the fallback for a missing content type, as Slack does).
  return Object.fromEntries(new URLSearchParams(raw).entries());
}

function str(p: Params, k: string): string | undefined {
  const v = p[k];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function bool(p: Params, k: string): boolean | undefined {
  const v = p[k];
  if (v === undefined || v === null) return undefined;
  return v === true || v === 1 || v === 'true' || v === '1';
}

function blocksParam(p: Params): unknown[] | undefined {
  const v = p['blocks'];
  if (v === undefined || v === null || v === '') return undefined;
  if (!Array.isArray(v)) throw new ApiError('invalid_blocks_format');
  const problems: string[] = [];
  if (v.length > 50) problems.push('[ERROR] no more than 50 items allowed [json-pointer:/blocks]');
  v.forEach((b: unknown, i) => {
    const at = `/blocks/${i}`;
    if (b === null || typeof b !== 'object' || Array.isArray(b)) {
      problems.push(`[ERROR] must be an object [json-pointer:${at}]`);
      return;
    }
    const block = b as Record<string, unknown>;
    if (typeof block['type'] !== 'string') {
      problems.push(`[ERROR] missing required field: type [json-pointer:${at}]`);
      return;
    }
    const textOf = (o: unknown): string | undefined => {
      const t = (o as { text?: unknown } | undefined)?.text;
      return typeof t === 'string' ? t : undefined;
    };
    const tooLong = (o: unknown, max: number, ptr: string): void => {
      const t = textOf(o);
      if (t !== undefined && t.length > max) {
        problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${ptr}]`);
      }
    };
    if (block['type'] === 'section') {
      tooLong(block['text'], 3000, `${at}/text/text`);
      const fields = block['fields'];
      if (Array.isArray(fields)) {
        if (fields.length > 10) {
          problems.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
        }
        fields.forEach((f: unknown, j) => tooLong(f, 2000, `${at}/fields/${j}/text`));
      }
    } else if (block['type'] === 'header') {
      tooLong(block['text'], 150, `${at}/text/text`);
    } else if (block['type'] === 'context') {
      const els = block['elements'];
      if (Array.isArray(els) && els.length > 10) {
        problems.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/elements]`);
      }
    }
  });
  if (problems.length > 0) throw new ApiError('invalid_blocks', problems);
  const blocks: unknown[] = v;
  return structuredClone(blocks);
}

/** Slack's oldest/latest/inclusive filter (exclusive bounds unless `inclusive`). */
function timeWindow(msgs: MsgState[], p: Params): MsgState[] {
  const oldest = str(p, 'oldest');
  const latest = str(p, 'latest');
  const inclusive = bool(p, 'inclusive') === true;
  const n = (ts: string): number => Number(ts);
  return msgs.filter((m) => {
    if (oldest !== undefined && oldest !== '') {
      if (inclusive ? n(m.ts) < n(oldest) : n(m.ts) <= n(oldest)) return false;
    }
    if (latest !== undefined && latest !== '') {
      if (inclusive ? n(m.ts) > n(latest) : n(m.ts) >= n(latest)) return false;
    }
    return true;
  });
}

function page<T>(all: T[], p: Params, max: number): { items: T[]; next?: string } {
  const limitRaw = Number(str(p, 'limit') ?? max);
  const limit = Number.isFinite(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, max) : max;
  let offset = 0;
  const cursor = str(p, 'cursor');
  if (cursor !== undefined && cursor !== '') {
    const m = /^off:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!m) throw new ApiError('invalid_cursor');
    offset = Number(m[1]);
  }
  const items = all.slice(offset, offset + limit);
  const nextOffset = offset + limit;
  return nextOffset < all.length
    ? { items, next: Buffer.from(`off:${nextOffset}`, 'utf8').toString('base64') }
    : { items };
}

function addReaction(msg: MsgState, name: string, user: string): void {
  let r = msg.reactions.find((x) => x.name === name);
  if (!r) {
    r = { name, users: [] };
    msg.reactions.push(r);
  }
  if (!r.users.includes(user)) r.users.push(user);
}

function removeReaction(msg: MsgState, name: string, user: string): void {
  const r = msg.reactions.find((x) => x.name === name);
  if (!r) return;
  r.users = r.users.filter((u) => u !== user);
  if (r.users.length === 0) msg.reactions = msg.reactions.filter((x) => x !== r);
}

function reactionViews(m: MsgState): ReactionView[] {
  return m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length }));
}

function view(m: MsgState): MessageView {
  return {
    channel: m.channel,
    ts: m.ts,
    ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
    user: m.user,
    ...(m.botId !== undefined ? { bot_id: m.botId } : {}),
    byBot: m.botId !== undefined,
    text: m.text,
    ...(m.blocks !== undefined ? { blocks: structuredClone(m.blocks) } : {}),
    reply_broadcast: m.broadcast,
    orphan: m.orphan,
    ...m.flags,
    reactions: reactionViews(m),
    versions: structuredClone(m.versions),
    ...(m.edited ? { edited: { ...m.edited } } : {})
  };
}
