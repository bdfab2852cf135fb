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
