import { LogLevel, WebClient, type RetryOptions } from '@slack/web-api';
import type { SlackConfig } from '../config/config.js';
import { BudgetSpentError, type BudgetCall } from '../runtime/budget.js';
import { networkReason } from '../runtime/network.js';

/**
 * Slack's client: its retry policy, the clients for calls under a budget, a short Retry-After
 * waited out, and why a call failed (in words a person understands).
 */

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

/** Slack's answer to a post said ok without a `ts`: the message cannot be referred to. */
export class NoTsError extends Error {
  constructor() {
    super('ok without ts');
    this.name = 'NoTsError';
  }
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
export async function rateLimited<T>(send: () => Promise<T>, left?: () => number): Promise<T> {
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
