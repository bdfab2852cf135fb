import { getOctokit } from '@actions/github';
import { BudgetSpentError, type TimeBudget } from '../runtime/budget.js';
import { networkReason } from '../runtime/network.js';

/** One GitHub API request never takes longer than this: a hung call must not stall a wait or the post step. */
export const GITHUB_REQUEST_TIMEOUT_MS = 10_000;

/**
 * An Octokit for the API at `baseUrl` (the runtime reads `GITHUB_API_URL`) whose every request has a timeout (each request gets its own
 * signal, joined with the caller's).
 */
export function githubClient(
  token: string,
  opts: { retries?: number; timeoutMs?: number; baseUrl: string }
): ReturnType<typeof getOctokit> {
  const timeoutMs = opts.timeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS;
  const timedFetch = (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(url, {
      ...init,
      signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    });
  };
  return getOctokit(token, {
    baseUrl: opts.baseUrl,
    request: {
      fetch: timedFetch,
      ...(opts.retries === undefined ? {} : { retries: opts.retries })
    }
  });
}

/**
 * What went wrong with a GitHub call, in words that can carry no secret: the HTTP status, a
 * timeout, or the network error's code. Never the error's message, which may quote the request
 * (its Authorization header among it).
 */
export function describeGitHubError(err: unknown): string {
  const e = err as {
    status?: unknown;
    name?: string;
    code?: unknown;
    cause?: { name?: string; code?: unknown; cause?: { code?: unknown } };
  };
  // Octokit reports a failure to reach the API as status 500, with the fetch error as `cause`.
  if (err instanceof BudgetSpentError) return err.message;
  const network = networkReason(e) ?? networkReason(e?.cause) ?? networkReason(e?.cause?.cause);
  if (network) return network;
  return typeof e?.status === 'number' && !e.cause ? `HTTP ${e.status}` : 'request failed';
}

/**
 * One GitHub call, under the step's budget when there is one (`call` gets the signal to pass as the
 * request's `signal`): a call given up at the budget is aborted.
 */
export function withinBudget<T>(
  budget: TimeBudget | undefined,
  call: (signal: AbortSignal | undefined) => Promise<T>
): Promise<T> {
  return budget ? budget.run((c) => call(c.signal)) : call(undefined);
}
