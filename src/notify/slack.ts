import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import type { AnyBlock } from '@slack/types';
import {
  LogLevel,
  WebClient,
  type ChatPostMessageArguments,
  type RetryOptions
} from '@slack/web-api';
import type { SlackConfig } from '../config/config.js';
import type { Logger } from '../ports/runtime.js';
import { BudgetSpentError, type BudgetCall, type TimeBudget } from '../runtime/budget.js';
import { networkReason } from '../runtime/network.js';
import { decodeReactions, decodeReplies, type Answers } from './answers.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly AnyBlock[];
}

export interface ThreadRef {
  readonly channel: string;
  readonly ts: string;
}

/** One message that could not be delivered after the client's retries. */
export interface SpoolEntry {
  readonly op: 'post' | 'update';
  readonly label: string;
  readonly channel: string;
  readonly message: SlackMessage;
  readonly threadTs?: string;
  readonly broadcast?: boolean;
  readonly ts?: string;
  readonly error: string;
  readonly at: string;
}

/**
 * A short retry policy for a CI step: a few quick retries, and Retry-After on
 * 429 honoured by the client itself (the library's default would retry for
 * about half an hour).
 */
export const SLACK_RETRY = {
  retries: 4,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 5_000,
  randomize: true
} as const;

/** One request's timeout. */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;

/** A client for one call under a budget: its requests end with the call (see `TimeBudget`). */
export type ClientFor = (call: BudgetCall) => WebClient;

export function createSlackClient(
  config: SlackConfig,
  retryConfig: RetryOptions = SLACK_RETRY,
  timeoutMs = SLACK_REQUEST_TIMEOUT_MS,
  fetchFn?: typeof fetch
): WebClient {
  return new WebClient(config.token, {
    slackApiUrl: config.apiUrl,
    retryConfig,
    // 429s come back to the notifier, which waits only for a short Retry-After (a long one would
    // hold up a deployment step: the message is kept for finalize instead).
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: timeoutMs,
    ...(fetchFn ? { fetch: fetchFn } : {})
  });
}

/**
 * Clients for calls under a budget (the post step's), with `retryConfig`'s retries: no retry
 * begins past what is left, every request is aborted when the call is given up, and each
 * attempt's trouble is noted so that a call given up still says why.
 */
export const budgetedClients =
  (config: SlackConfig, retryConfig: RetryOptions): ClientFor =>
  (call) => {
    // What is left now (a rate-limited wait may have used some): no retry waits past it.
    const left = Math.max(1, Math.floor(call.left()));
    const watched: typeof fetch = async (url, init) => {
      const signal = init?.signal ? AbortSignal.any([init.signal, call.signal]) : call.signal;
      try {
        const res = await fetch(url, { ...init, signal });
        if (res.status === 429)
          call.note(`rate limited (Retry-After ${res.headers.get('retry-after') ?? '?'} s)`);
        else if (!res.ok) call.note(`HTTP ${res.status}`);
        return res;
      } catch (err) {
        call.note(networkReason(err as Parameters<typeof networkReason>[0]) ?? 'request failed');
        throw err;
      }
    };
    return createSlackClient(
      config,
      {
        ...retryConfig,
        maxRetryTime: left,
        maxTimeout: Math.min(retryConfig.maxTimeout ?? Number.POSITIVE_INFINITY, left)
      },
      // A request's own timeout only when it ends before the budget does: a timeout at the
      // budget's end would race the budget's own, and the reason would depend on which fired first.
      left > SLACK_REQUEST_TIMEOUT_MS ? SLACK_REQUEST_TIMEOUT_MS : 0,
      watched
    );
  };

/**
 * Posts and updates messages one at a time (so they arrive in order). What
 * still fails is written to a spool file for finalize to retry; nothing here
 * ever throws into a deployment.
 */
export class SlackNotifier {
  readonly delivered: string[] = [];
  readonly failed: SpoolEntry[] = [];

  private degraded = false;

  /**
   * `quick` (no retries) takes over once a message failed after all retries:
   * while Slack is down, each later message costs one attempt, not the whole policy.
   * With a `budget` (the post step's), calls stop once it is spent: a call still running then is
   * given up, and what is left is not sent, and says so.
   */
  constructor(
    private readonly full: WebClient | ClientFor,
    private readonly quick: WebClient | ClientFor,
    private readonly log: Logger,
    private readonly spoolFile?: string,
    private readonly budget?: TimeBudget
  ) {}

  /**
   * One call to Slack with the client it should use now, under the budget when there is one.
   * `quick`: the no-retry client; `once`: a 429 fails at once (no Retry-After is waited out).
   */
  private call<T>(
    send: (client: WebClient) => Promise<T>,
    opts: { quick?: boolean; once?: boolean } = {}
  ): Promise<T> {
    const chosen = opts.quick || this.degraded ? this.quick : this.full;
    const client = (c?: BudgetCall): WebClient =>
      typeof chosen !== 'function' ? chosen : c ? chosen(c) : fixed(chosen);
    const attempt = (c?: BudgetCall): Promise<T> =>
      opts.once
        ? send(client(c))
        : rateLimited(() => send(client(c)), c && ((): number => c.left()));
    return this.budget ? this.budget.run(attempt) : attempt();
  }

  async post(
    label: string,
    channel: string,
    message: SlackMessage,
    thread?: { ts: string; broadcast?: boolean }
  ): Promise<ThreadRef | undefined> {
    try {
      const res = await this.call((client) =>
        client.chat.postMessage(postArgs(channel, message, thread?.ts, thread?.broadcast))
      );
      const ref = posted(res, channel);
      this.delivered.push(label);
      return ref;
    } catch (err) {
      this.spool({
        op: 'post',
        label,
        channel,
        message,
        threadTs: thread?.ts,
        broadcast: thread?.broadcast,
        error: describe(err),
        at: new Date().toISOString()
      });
      return undefined;
    }
  }

  async update(label: string, ref: ThreadRef, message: SlackMessage): Promise<boolean> {
    try {
      await this.call((client) =>
        client.chat.update({
          channel: ref.channel,
          ts: ref.ts,
          text: message.text,
          blocks: [...message.blocks]
        })
      );
      this.delivered.push(label);
      return true;
    } catch (err) {
      this.spool({
        op: 'update',
        label,
        channel: ref.channel,
        ts: ref.ts,
        message,
        error: describe(err),
        at: new Date().toISOString()
      });
      return false;
    }
  }

  /**
   * The link a person can click to a message (its thread): `chat.getPermalink`, one attempt;
   * undefined when Slack does not give one (nothing is spooled: it is only a link).
   */
  async permalink(ref: ThreadRef): Promise<string | undefined> {
    try {
      const res = await this.call(
        (client) => client.chat.getPermalink({ channel: ref.channel, message_ts: ref.ts }),
        { quick: true, once: true }
      );
      return typeof res.permalink === 'string' ? res.permalink : undefined;
    } catch (err) {
      this.log.debug(`Slack: no permalink for ${ref.channel}:${ref.ts} (${describe(err)}).`);
      return undefined;
    }
  }

  /**
   * People's answers to a question: reactions on it and replies in its thread (not the app's
   * own), with who gave them, decoded here (see `answers.ts`).
   */
  async answers(ref: ThreadRef): Promise<Answers> {
    const [reacted, thread] = await Promise.all([
      // One attempt each: the ask loop polls again, and must answer a cancel at once.
      this.call((quick) => quick.reactions.get({ channel: ref.channel, timestamp: ref.ts }), {
        quick: true,
        once: true
      }),
      this.call((quick) => quick.conversations.replies({ channel: ref.channel, ts: ref.ts }), {
        quick: true,
        once: true
      })
    ]);
    return {
      reactions: decodeReactions(reacted.message?.reactions),
      replies: decodeReplies(thread.messages, ref.ts)
    };
  }

  private spool(entry: SpoolEntry): void {
    this.degraded = true;
    this.failed.push(entry);
    this.log.warning(
      `Slack: '${entry.label}' not delivered (${entry.error}); kept for a retry by finalize.`,
      { title: 'Slack delivery failed' }
    );
    if (this.spoolFile)
      appendFileSync(this.spoolFile, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /**
   * Retries spooled messages in order; returns what is finally lost. The spool file is consumed.
   * What `superseded` says is not sent again (listed as lost, with why it was not retried).
   */
  async flush(
    files: readonly string[],
    superseded: (e: SpoolEntry) => string | undefined = () => undefined
  ): Promise<SpoolEntry[]> {
    const entries = files.filter((f) => existsSync(f)).flatMap((f) => readSpool(f));
    for (const f of files) rmSync(f, { force: true });
    const lost: SpoolEntry[] = [];
    for (const e of entries) {
      const instead = superseded(e);
      if (instead) {
        lost.push({ ...e, error: `${e.error}; ${instead}` });
        continue;
      }
      try {
        await this.call<unknown>((client) =>
          e.op === 'post'
            ? client.chat
                .postMessage(postArgs(e.channel, e.message, e.threadTs, e.broadcast))
                .then((res) => posted(res, e.channel))
            : client.chat.update({
                channel: e.channel,
                ts: e.ts ?? '',
                text: e.message.text,
                blocks: [...e.message.blocks]
              })
        );
        this.delivered.push(`${e.label} (retried)`);
      } catch (err) {
        this.degraded = true;
        lost.push({ ...e, error: describe(err) });
      }
    }
    return lost;
  }
}

/** Slack's answer to a post said ok without a `ts`: the message cannot be referred to. */
export class NoTsError extends Error {
  constructor() {
    super('ok without ts');
    this.name = 'NoTsError';
  }
}

/** Where a posted message is: Slack's answer must name its `ts` (and says its channel). */
function posted(res: { channel?: unknown; ts?: unknown }, channel: string): ThreadRef {
  const ts = typeof res.ts === 'string' && /^\d+\.\d+$/.test(res.ts) ? res.ts : undefined;
  if (!ts) throw new NoTsError();
  return { channel: typeof res.channel === 'string' && res.channel ? res.channel : channel, ts };
}

function postArgs(
  channel: string,
  message: SlackMessage,
  threadTs?: string,
  broadcast?: boolean
): ChatPostMessageArguments {
  const reply = threadTs ? { thread_ts: threadTs, reply_broadcast: Boolean(broadcast) } : {};
  const unfurls = { unfurl_links: false, unfurl_media: false };
  return message.blocks.length > 0
    ? { channel, text: message.text, blocks: [...message.blocks], ...reply, ...unfurls }
    : { channel, text: message.text, ...reply, ...unfurls };
}

function readSpool(file: string): SpoolEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as SpoolEntry];
      } catch {
        return [];
      }
    });
}

/** The longest Retry-After a message waits for, and how often. */
export const SLACK_MAX_RETRY_AFTER_S = 5;
const SLACK_RATE_LIMIT_RETRIES = 4;

const isRateLimited = (err: unknown): err is { retryAfter: number } =>
  (err as { code?: string })?.code === 'slack_webapi_rate_limited_error';

/**
 * Sends, waiting out a short Retry-After a few times (and never past what is `left` of a budget);
 * a long one is the caller's failure at once.
 */
async function rateLimited<T>(send: () => Promise<T>, left?: () => number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (
        !isRateLimited(err) ||
        attempt >= SLACK_RATE_LIMIT_RETRIES ||
        err.retryAfter > SLACK_MAX_RETRY_AFTER_S ||
        (left !== undefined && err.retryAfter * 1000 > left())
      )
        throw err;
      await new Promise((r) => setTimeout(r, Math.max(0, err.retryAfter) * 1000));
    }
  }
}

const fixed = (client: WebClient | ClientFor): WebClient => {
  if (typeof client === 'function') throw new Error('budgeted Slack clients need a budget');
  return client;
};

/**
 * Why a message was not delivered, in one line a person understands: Slack's error code, an HTTP
 * status, what kind of body came back. Never a header, a token, or the body itself.
 */
export function describe(err: unknown): string {
  if (isRateLimited(err)) return `rate limited (Retry-After ${err.retryAfter} s)`;
  if (err instanceof BudgetSpentError || err instanceof NoTsError) return err.message;
  const e = err as {
    code?: string;
    statusCode?: number;
    data?: { error?: unknown };
    original?: { name?: string; code?: unknown; cause?: { code?: unknown } };
  };
  // A platform error is an HTTP 200 whose body said ok:false, or was no JSON at all (the client
  // then puts the whole body in `error`).
  if (e?.code === 'slack_webapi_platform_error' || e?.data?.error !== undefined)
    return slackError(e.data?.error);
  if (e?.code === 'slack_webapi_http_error' && e.statusCode) return `HTTP ${e.statusCode}`;
  return networkReason(e?.original) ?? e?.code ?? 'request failed';
}

/** Slack's `error`: a code such as `channel_not_found`; anything else is named, not pasted. */
function slackError(error: unknown): string {
  if (typeof error === 'string' && /^[a-z0-9_]{1,64}$/i.test(error)) return error;
  if (typeof error !== 'string' || error.trim() === '')
    return 'HTTP 200 with ok:false and no error';
  return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(error) || /<\/html>/i.test(error)
    ? 'HTTP 200 with an HTML page'
    : 'HTTP 200 with a body that is not JSON';
}
