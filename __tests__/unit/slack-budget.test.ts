/**
 * The post step's budget for Slack, in process: the project's notifier (openNotifier, as finalize
 * opens it) and the real @slack/web-api client against the Slack stand-in on loopback. Whatever
 * Slack does, the notifier stops calling once the budget is spent, and every message it could not
 * deliver says why in words a person understands.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackConfig } from '../../src/config/config.js';
import { describeGitHubError, githubClient } from '../../src/github/octokit.js';
import { describe as whyNotDelivered } from '../../src/notify/slack-client.js';
import { openNotifier } from '../../src/notify/thread.js';
import { BudgetSpentError, TimeBudget } from '../../src/runtime/budget.js';
import type { Logger } from '../../src/ports/runtime.js';
import { SlackStandin } from '../../test-rig/slack-standin.js';

let slack: SlackStandin;
beforeAll(async () => {
  slack = await SlackStandin.start();
});
afterAll(async () => {
  await slack.close();
});
beforeEach(() => slack.reset());

const log: Logger = {
  correlationId: '20260114-120000-b0d9e7',
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};
const config = (): SlackConfig => ({
  token: 'xoxb-1-standin',
  channel: '#deploys',
  interactChannel: '#deploys',
  apiUrl: slack.url
});
const message = (n: number): { text: string; blocks: [] } => ({ text: `message ${n}`, blocks: [] });

describe('the post step spends a bounded time on Slack', () => {
  it('Slack answering 503 to everything: calls stop once the budget is spent, the rest is listed as not sent', async () => {
    slack.down(true);
    const BUDGET_MS = 1_500;
    const notifier = (await openNotifier(config(), log, undefined, BUDGET_MS))!;
    const started = Date.now();
    for (let n = 1; n <= 6; n++) await notifier.post(`message ${n}`, '#deploys', message(n));
    const tookMs = Date.now() - started;

    // The first message used the budget on the client's retries (each answered 503), and was
    // given up when it was spent, naming what Slack had answered...
    expect(notifier.failed[0]?.error).toBe(
      'HTTP 503; given up when the 2 s this step gives Slack were spent'
    );
    expect(
      slack.calls.filter((c) => (c.body as { text?: string }).text === 'message 1').length
    ).toBeGreaterThan(1);
    // ...and what came after it was not sent at all: no call made for it.
    const notSent = notifier.failed.filter((f) => f.error.startsWith('not sent'));
    expect(notSent.length).toBeGreaterThan(0);
    expect(notSent[0]?.error).toBe('not sent: the 2 s this step gives Slack were spent');
    expect(notifier.failed).toHaveLength(6);
    const sentTexts = slack.calls.map((c) => String((c.body as { text?: string }).text));
    for (const f of notSent) expect(sentTexts).not.toContain(f.message.text);
    // Bounded by the budget itself: the call in flight was given up when it was spent (not by
    // 6 × the client's whole retry policy, nor by one more request's timeout).
    expect(tookMs).toBeLessThan(BUDGET_MS + 1_000);
  }, 20_000);

  it('says why, for each kind of trouble: rate limited with its Retry-After, a Slack error, HTTP status', async () => {
    const notifier = (await openNotifier(config(), log, undefined, 10_000))!;
    slack.rateLimitNext(1, 20);
    await notifier.post('limited', '#deploys', message(1));
    slack.failNext(1, { error: 'channel_not_found' });
    await notifier.post('no channel', '#deploys', message(2));
    expect(notifier.failed.map((f) => [f.label, f.error])).toEqual([
      ['limited', 'rate limited (Retry-After 20 s)'],
      ['no channel', 'channel_not_found']
    ]);
  });
});

describe('reasons a person understands', () => {
  it('a Slack API that never answers: no request outlives the budget, the rest is not sent', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const notifier = (await openNotifier(
        { ...config(), apiUrl: `http://127.0.0.1:${port}/api/` },
        log,
        undefined,
        1_000
      ))!;
      const started = Date.now();
      for (let n = 1; n <= 3; n++) await notifier.post(`message ${n}`, '#deploys', message(n));
      expect(notifier.failed[0]?.error).toMatch(/^timed out/);
      expect(notifier.failed.map((f) => f.error).slice(1)).toEqual([
        'not sent: the 1 s this step gives Slack were spent',
        'not sent: the 1 s this step gives Slack were spent'
      ]);
      // The one request made was cut at the budget (its timeout is capped by what is left).
      expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  // The errors as Node's fetch (undici) raises them outside jest, where @slack/web-api wraps them
  // as `original` and Octokit as `cause` (jest's environment replaces fetch's errors, so the real
  // clients' errors are checked through the runner harness in e2e/slack-down.test.ts).
  const refused = (): TypeError =>
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    });
  const timedOut = (): DOMException =>
    new DOMException('The operation was aborted due to timeout', 'TimeoutError');

  it("Slack: a timeout, a refused connection, an HTTP status, a Slack error, a 429's Retry-After", () => {
    const request = (original: unknown): unknown => ({
      code: 'slack_webapi_request_error',
      original
    });
    expect(whyNotDelivered(request(timedOut()))).toBe('timed out');
    expect(whyNotDelivered(request(refused()))).toBe('connection refused');
    expect(whyNotDelivered({ code: 'slack_webapi_http_error', statusCode: 503 })).toBe('HTTP 503');
    expect(
      whyNotDelivered({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } })
    ).toBe('channel_not_found');
    expect(whyNotDelivered({ code: 'slack_webapi_rate_limited_error', retryAfter: 20 })).toBe(
      'rate limited (Retry-After 20 s)'
    );
  });

  it("Slack's answers in one line, never pasted: an HTML page with HTTP 200, ok without ts, a body that is not JSON", async () => {
    const warnings: string[] = [];
    const notifier = (await openNotifier(
      config(),
      { ...log, warning: (m) => warnings.push(m) },
      undefined,
      10_000
    ))!;
    slack.htmlNext(1, 200, 'chat.postMessage');
    expect(await notifier.post('html', '#deploys', message(1))).toBeUndefined();
    slack.okWithoutTsNext(1, 'chat.postMessage');
    expect(await notifier.post('no ts', '#deploys', message(2))).toBeUndefined();
    expect(notifier.failed.map((f) => [f.label, f.error])).toEqual([
      ['html', 'HTTP 200 with an HTML page'],
      ['no ts', 'ok without ts']
    ]);
    expect(notifier.delivered).toEqual([]);
    expect(warnings.join('\n')).not.toMatch(/<|html>|undefined/i);
    // The same from the error alone (the client puts a body that is not JSON in `error`).
    const platform = (error: unknown): unknown => ({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error }
    });
    expect(whyNotDelivered(platform('<html><body><h1>502 Bad Gateway</h1></body></html>'))).toBe(
      'HTTP 200 with an HTML page'
    );
    expect(whyNotDelivered(platform('upstream connect error or disconnect/reset'))).toBe(
      'HTTP 200 with a body that is not JSON'
    );
    expect(whyNotDelivered(platform(undefined))).toBe('HTTP 200 with ok:false and no error');
    expect(whyNotDelivered(platform('not_in_channel'))).toBe('not_in_channel');
  });

  it('a request cut as the budget runs out reads as the budget spent, whichever of the two timeouts fired first', () => {
    const budget = new TimeBudget(1_000, 'Slack');
    expect(new BudgetSpentError(budget, 'given-up', 'timed out').message).toBe(
      new BudgetSpentError(budget, 'given-up').message
    );
    expect(new BudgetSpentError(budget, 'given-up').message).toBe(
      'timed out: the 1 s this step gives Slack were spent'
    );
  });

  it('GitHub: a timeout or a refused connection (status 500 with the fetch error as cause), else the status, never the message', () => {
    const requestError = (status: number, cause?: unknown): unknown =>
      Object.assign(new Error('Bad credentials: Authorization token ghs_secretToken'), {
        name: 'HttpError',
        status,
        ...(cause ? { cause } : {})
      });
    expect(describeGitHubError(requestError(500, timedOut()))).toBe('timed out');
    expect(describeGitHubError(requestError(500, refused()))).toBe('connection refused');
    expect(describeGitHubError(requestError(401))).toBe('HTTP 401');
    expect(describeGitHubError(new Error('Authorization: token ghs_secretToken'))).toBe(
      'request failed'
    );
  });

  it('GitHub answering an error status through the real client: the status, never the message', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Bad credentials: Authorization token ghs_secretToken' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const github = githubClient('ghs_secretToken', {
        baseUrl: `http://127.0.0.1:${port}`,
        retries: 0
      });
      const err = await github.rest.repos.get({ owner: 'o', repo: 'r' }).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(describeGitHubError(err)).toBe('HTTP 401');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
