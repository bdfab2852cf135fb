import { getOctokit } from '@actions/github';

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
  const e = err as { status?: unknown; name?: unknown; code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.status === 'number') return `HTTP ${e.status}`;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  return 'request failed';
}
