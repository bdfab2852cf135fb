/**
 * The post step's budget for Slack, in process: the project's notifier (openNotifier, as finalize
 * opens it) and the real @slack/web-api client against the Slack stand-in on loopback. Whatever
 * Slack does, the notifier stops calling once the budget is spent, and every message it could not
 * deliver says why in words a person understands.
 */
import type { SlackConfig } from '../../src/config/config.js';
import { openNotifier } from '../../src/notify/thread.js';
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

    // The first message used the budget on the client's retries (each answered 503)...
    expect(notifier.failed[0]?.error).toBe('HTTP 503');
    // ...and what came after it was not sent at all: no call made for it.
    const notSent = notifier.failed.filter((f) => f.error.startsWith('not sent'));
    expect(notSent.length).toBeGreaterThan(0);
    expect(notSent[0]?.error).toBe('not sent: the 2 s this step gives Slack were spent');
    expect(notifier.failed).toHaveLength(6);
    const sentTexts = slack.calls.map((c) => String((c.body as { text?: string }).text));
    for (const f of notSent) expect(sentTexts).not.toContain(f.message.text);
    // Bounded by the budget plus what one call in flight may still take (its retries stop at the
    // budget; the stand-in answers at once), not by 6 × the client's whole retry policy.
    expect(tookMs).toBeLessThan(BUDGET_MS + 5_000);
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
