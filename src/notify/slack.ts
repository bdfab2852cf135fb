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
import { networkReason } from '../runtime/network.js';

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

/** A client for what is left of a budget: no retry begins, and no request lasts, past it. */
export type ClientFor = (leftMs: number) => WebClient;

export function createSlackClient(
  config: SlackConfig,
  retryConfig: RetryOptions = SLACK_RETRY,
  timeoutMs = SLACK_REQUEST_TIMEOUT_MS
): WebClient {
  return new WebClient(config.token, {
    slackApiUrl: config.apiUrl,
    retryConfig,
    // 429s come back to the notifier, which waits only for a short Retry-After (a long one would
    // hold up a deployment step: the message is kept for finalize instead).
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
    timeout: timeoutMs
  });
}

/** Clients bounded by what is left of a budget (the post step's), with `retryConfig`'s retries. */
export const budgetedClients =
  (config: SlackConfig, retryConfig: RetryOptions): ClientFor =>
  (leftMs) => {
    const left = Math.max(1, Math.floor(leftMs));
    return createSlackClient(
      config,
      { ...retryConfig, maxRetryTime: left },
      Math.min(SLACK_REQUEST_TIMEOUT_MS, left)
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
  /** Time spent in Slack calls so far (the budget's measure). */
  private spentMs = 0;

  /**
   * `quick` (no retries) takes over once a message failed after all retries:
   * while Slack is down, each later message costs one attempt, not the whole policy.
   * With a `budgetMs` (the post step's), calls stop once that much time went into Slack:
   * what is left is not sent, and says so.
   */
  constructor(
    private readonly full: WebClient | ClientFor,
    private readonly quick: WebClient | ClientFor,
    private readonly log: Logger,
    private readonly spoolFile?: string,
    private readonly budgetMs?: number
  ) {}

  /** One call to Slack, timed against the budget; refused at once when it is spent. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    if (this.budgetMs !== undefined && this.spentMs >= this.budgetMs)
      throw new BudgetSpentError(this.budgetMs);
    const started = Date.now();
    try {
      return await rateLimited(
        send,
        this.budgetMs === undefined
          ? undefined
          : () => this.budgetMs! - this.spentMs - (Date.now() - started)
      );
    } finally {
      this.spentMs += Date.now() - started;
    }
  }

  private get client(): WebClient {
    return this.degraded ? this.quickClient : this.bounded(this.full);
  }

  private get quickClient(): WebClient {
    return this.bounded(this.quick);
  }

  private bounded(client: WebClient | ClientFor): WebClient {
    return typeof client === 'function'
      ? client((this.budgetMs ?? SLACK_REQUEST_TIMEOUT_MS) - this.spentMs)
      : client;
  }

  async post(
    label: string,
    channel: string,
    message: SlackMessage,
    thread?: { ts: string; broadcast?: boolean }
  ): Promise<ThreadRef | undefined> {
    try {
      const res = await this.call(() =>
        this.client.chat.postMessage(postArgs(channel, message, thread?.ts, thread?.broadcast))
      );
      this.delivered.push(label);
      return { channel: String(res.channel ?? channel), ts: String(res.ts) };
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
      await this.call(() =>
        this.client.chat.update({
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

  /** A person's answers to a question: reactions on it and replies in its thread (not the app's own). */
  async answers(ref: ThreadRef): Promise<{ reactions: string[]; replies: string[] }> {
    const quick = this.quickClient;
    const [reacted, thread] = await Promise.all([
      quick.reactions.get({ channel: ref.channel, timestamp: ref.ts }),
      quick.conversations.replies({ channel: ref.channel, ts: ref.ts })
    ]);
    return {
      reactions: (reacted.message?.reactions ?? []).map((r) => r.name ?? ''),
      replies: (thread.messages ?? [])
        .filter((m) => m.ts !== ref.ts && !m.bot_id)
        .map((m) => m.text ?? '')
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

  /** Retries spooled messages in order; returns what is finally lost. The spool file is consumed. */
  async flush(files: readonly string[]): Promise<SpoolEntry[]> {
    const entries = files.filter((f) => existsSync(f)).flatMap((f) => readSpool(f));
    for (const f of files) rmSync(f, { force: true });
    const lost: SpoolEntry[] = [];
    for (const e of entries) {
      try {
        await this.call<unknown>(() =>
          e.op === 'post'
            ? this.client.chat.postMessage(postArgs(e.channel, e.message, e.threadTs, e.broadcast))
            : this.client.chat.update({
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

/** The post step's budget for Slack was spent before this call: it was not sent. */
export class BudgetSpentError extends Error {
  constructor(readonly budgetMs: number) {
    super(`not sent: the ${Math.round(budgetMs / 1000)} s this step gives Slack were spent`);
  }
}

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

/** Why a message was not delivered, in words a person understands (never a header or a token). */
export function describe(err: unknown): string {
  if (isRateLimited(err)) return `rate limited (Retry-After ${err.retryAfter} s)`;
  if (err instanceof BudgetSpentError) return err.message;
  const e = err as {
    code?: string;
    statusCode?: number;
    data?: { error?: string };
    original?: { name?: string; code?: unknown; cause?: { code?: unknown } };
  };
  if (e?.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_http_error' && e.statusCode) return `HTTP ${e.statusCode}`;
  return networkReason(e?.original) ?? e?.code ?? 'request failed';
}
