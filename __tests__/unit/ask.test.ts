/**
 * `ask` in process: the real function, the project's SlackNotifier and the real @slack/web-api
 * client, against the Slack Web API stand-in on loopback. Time is virtual: each poll interval
 * passes in one `step()`, while the HTTP calls (tracked) are real.
 */
import type { SlackConfig } from '../../src/config/config.js';
import { ask, type AskDeps } from '../../src/notify/ask.js';
import type { DeploymentInfo } from '../../src/notify/messages.js';
import { SlackNotifier, type ThreadRef } from '../../src/notify/slack.js';
import { createSlackClient } from '../../src/notify/slack-client.js';
import type { Logger, Sleep } from '../../src/ports/runtime.js';
import { SlackStandin, type MessageView } from '../../test-rig/slack-standin.js';
import { VirtualTime } from '../../test-rig/virtual-time.js';

const ID = '20260114-123456-abc123';
const CHANNEL = '#deploy-interact';
const QUESTION = 'Proceed despite 1 warning (LAST_DEPLOYMENT_FAILED)?';
const TIMEOUT_MS = 300_000;
/** Not a divisor of the timeout: the last sleep is cut short to end at the timeout. */
const POLL_MS = 40_000;
const POLLS = Math.ceil(TIMEOUT_MS / POLL_MS);

const info: DeploymentInfo = {
  correlationId: ID,
  environment: 'production',
  stacks: ['app-service'],
  run: { runUrl: 'https://github.com/owner/repo/actions/runs/7', actor: 'octocat' },
  estimate: { expectedMs: 300_000, basis: 'no history yet' }
};

let standin: SlackStandin;

beforeAll(async () => {
  standin = await SlackStandin.start();
});
afterAll(async () => {
  await standin.close();
});
beforeEach(() => {
  standin.reset();
});

interface Harness {
  readonly vt: VirtualTime;
  readonly deps: AskDeps;
  readonly logs: string[];
  readonly warnings: string[];
}

function harness(signal?: AbortSignal): Harness {
  const vt = new VirtualTime();
  const config: SlackConfig = {
    token: 'xoxb-1-standin',
    channel: '#deploys',
    interactChannel: CHANNEL,
    apiUrl: standin.url
  };
  const logs: string[] = [];
  const warnings: string[] = [];
  const log: Logger = {
    correlationId: ID,
    info: (m) => logs.push(m),
    debug: () => undefined,
    warning: (m) => warnings.push(m),
    error: (m) => warnings.push(m)
  };
  /** Virtual time stands still while a Slack call is in flight. */
  class TrackedNotifier extends SlackNotifier {
    override post(...args: Parameters<SlackNotifier['post']>): ReturnType<SlackNotifier['post']> {
      return vt.track(super.post(...args));
    }
    override answers(ref: ThreadRef): ReturnType<SlackNotifier['answers']> {
      return vt.track(super.answers(ref));
    }
  }
  const client = createSlackClient(config, { retries: 0 });
  const notifier = new TrackedNotifier(client, client, log);
  // A sleep after the cancellation returns at once; an `ask` that kept polling regardless would
  // spin, so from the second such sleep on it hangs instead (and `settled` says so).
  let afterAbort = 0;
  const sleep: Sleep = (ms, s) =>
    s?.aborted && ++afterAbort > 1 ? new Promise(() => {}) : vt.sleep(ms, s);
  return { vt, logs, warnings, deps: { notifier, log, clock: vt, sleep, signal } };
}

/** `p`, or a failure when it has not settled after `ms` of real time. */
async function settled<T>(p: Promise<T>, ms = 2000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Result = Awaited<ReturnType<typeof ask>>;

/** Starts `ask` and lets it post the question; the first poll's sleep is then pending. */
async function start(h: Harness): Promise<{ result: Promise<Result>; question: MessageView }> {
  const result = ask(h.deps, CHANNEL, info, QUESTION, TIMEOUT_MS, POLL_MS);
  await h.vt.settle();
  const [question] = standin.messages(CHANNEL);
  if (!question) throw new Error('no question was posted');
  return { result, question };
}

/** Lets `polls` poll intervals pass (each: the sleep wakes, the answers are read). */
async function poll(h: Harness, polls: number): Promise<void> {
  for (let i = 0; i < polls; i++) expect(await h.vt.step()).toBe(true);
  await h.vt.settle();
}

/** Runs virtual time until nothing is left to wake, then the answer. */
async function finish(h: Harness, result: Promise<Result>): Promise<Result> {
  while (await h.vt.step());
  return result;
}

const reads = (): number => standin.callsOf('reactions.get').length;
const repliesOf = (q: MessageView): MessageView[] => standin.thread(q.ts).slice(1);

describe('ask, against the Slack stand-in', () => {
  it('posts the question in the interact channel, with the options, the timeout and the default', async () => {
    const h = harness();
    const { result, question } = await start(h);
    expect(question.channel).toBe(standin.channelId(CHANNEL));
    expect(question.byBot).toBe(true);
    expect(question.thread_ts).toBeUndefined();
    expect(question.text).toBe(
      `:question: production: ${QUESTION} Answer within 5m 00s; default: abort [${ID}]`
    );
    const blocks = JSON.stringify(question.blocks);
    expect(blocks).toContain(`*${QUESTION}*`);
    expect(blocks).toContain('React ✅ to proceed or ❌ to abort');
    expect(blocks).toContain('If nobody answers within *5m 00s*, the deployment will *abort*.');
    expect(blocks).toContain(ID);
    expect(question.unfurl_links).toBe(false);
    expect(h.logs).toContain(
      `Asked in ${CHANNEL}: ${QUESTION} Waiting up to 5m 00s for an answer.`
    );
    // Nothing is read before the first poll interval has passed.
    expect(reads()).toBe(0);
    standin.react(question.channel, question.ts, 'x');
    await expect(finish(h, result)).resolves.toEqual({
      answer: 'abort',
      why: "answered 'abort' in Slack by U0PERSON001",
      by: { id: 'U0PERSON001' }
    });
  });

  it('proceeds on a ✅ reaction, at the first poll after it', async () => {
    const h = harness();
    const t0 = h.vt.now();
    const { result, question } = await start(h);
    await poll(h, 2);
    expect(reads()).toBe(2);
    // Someone else's reaction that is no answer changes nothing.
    standin.react(question.channel, question.ts, 'eyes');
    await poll(h, 1);
    standin.react(question.channel, question.ts, 'white_check_mark');
    const answer = await finish(h, result);
    expect(answer).toEqual({
      answer: 'proceed',
      why: "answered 'proceed' in Slack by U0PERSON001",
      by: { id: 'U0PERSON001' }
    });
    expect(h.vt.now() - t0).toBe(4 * POLL_MS);
    expect(reads()).toBe(4);
    // An answer is no timeout: nothing more is posted.
    expect(repliesOf(question)).toEqual([]);
    expect(standin.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('aborts on an `abort` reply in the thread; replies that are no answer, or the app’s own, do not count', async () => {
    const h = harness();
    const t0 = h.vt.now();
    const { result, question } = await start(h);
    standin.reply(question.channel, question.ts, 'what is LAST_DEPLOYMENT_FAILED?');
    standin.reply(question.channel, question.ts, 'do not proceed until the migration is done');
    // A message of the app itself in the thread is no answer, whatever it says.
    await h.deps.notifier.post(
      'note',
      question.channel,
      { text: 'proceed: an app note', blocks: [] },
      { ts: question.ts }
    );
    await poll(h, 1);
    standin.reply(question.channel, question.ts, 'Abort, the database is migrating');
    const answer = await finish(h, result);
    // Who: the reply's author, with the name Slack puts on it (`user_profile`).
    expect(answer).toEqual({
      answer: 'abort',
      why: "answered 'abort' in Slack by Dana (U0PERSON001)",
      by: { id: 'U0PERSON001', name: 'Dana' }
    });
    expect(h.vt.now() - t0).toBe(2 * POLL_MS);
    expect(standin.callsOf('conversations.replies')).toHaveLength(2);
    expect(repliesOf(question).map((m) => [m.byBot, m.text])).toEqual([
      [false, 'what is LAST_DEPLOYMENT_FAILED?'],
      [false, 'do not proceed until the migration is done'],
      [true, 'proceed: an app note'],
      [false, 'Abort, the database is migrating']
    ]);
  });

  it('no answer within the timeout: abort, said in the thread, at the timeout exactly', async () => {
    const h = harness();
    const t0 = h.vt.now();
    const { result, question } = await start(h);
    const answer = await finish(h, result);
    expect(answer).toEqual({ answer: 'abort', why: 'no answer within 5m 00s' });
    expect(h.vt.now() - t0).toBe(TIMEOUT_MS);
    expect(reads()).toBe(POLLS);
    const replies = repliesOf(question);
    expect(replies.map((m) => m.text)).toEqual([
      `No answer: aborting (no answer within 5m 00s). [${ID}]`
    ]);
    expect(replies[0]).toMatchObject({ byBot: true, reply_broadcast: false });
  });

  it('an answer after the timeout is too late', async () => {
    const h = harness();
    const { result, question } = await start(h);
    await poll(h, POLLS);
    await expect(result).resolves.toEqual({ answer: 'abort', why: 'no answer within 5m 00s' });
    standin.react(question.channel, question.ts, 'white_check_mark');
    expect(await h.vt.step()).toBe(false);
    expect(reads()).toBe(POLLS);
  });

  it('cancelled through the signal: stops waiting at once and aborts', async () => {
    const controller = new AbortController();
    const h = harness(controller.signal);
    const t0 = h.vt.now();
    const { result, question } = await start(h);
    await poll(h, 1);
    controller.abort();
    const answer = await settled(result);
    expect(answer).toEqual({ answer: 'abort', why: 'cancelled while asking' });
    // The pending sleep ended on the abort: no virtual time passed after the first poll.
    expect(h.vt.now() - t0).toBe(POLL_MS);
    expect(h.vt.pending()).toEqual([]);
    expect(repliesOf(question).map((m) => m.text)).toEqual([
      `No answer: aborting (cancelled while asking). [${ID}]`
    ]);
  });

  it('an answer read before the cancellation still counts as given', async () => {
    const controller = new AbortController();
    const h = harness(controller.signal);
    const { result, question } = await start(h);
    standin.react(question.channel, question.ts, '+1');
    controller.abort();
    // The sleep ends early; the answers are read once more before the loop sees the abort.
    await expect(settled(result)).resolves.toEqual({
      answer: 'proceed',
      why: "answered 'proceed' in Slack by U0PERSON001",
      by: { id: 'U0PERSON001' }
    });
  });

  it('answers that cannot be read yet are retried at the next poll', async () => {
    const h = harness();
    const { result, question } = await start(h);
    standin.failNext(1, { error: 'internal_error' }, 'reactions.get');
    standin.react(question.channel, question.ts, 'white_check_mark');
    await poll(h, 1);
    expect(h.logs.some((l) => l.startsWith('Could not read the answers yet'))).toBe(true);
    await expect(finish(h, result)).resolves.toEqual({
      answer: 'proceed',
      why: "answered 'proceed' in Slack by U0PERSON001",
      by: { id: 'U0PERSON001' }
    });
    expect(reads()).toBe(2);
  });

  it('a question that cannot be posted is an abort at once, and kept for finalize', async () => {
    standin.removeChannel(CHANNEL);
    const h = harness();
    const answer = await ask(h.deps, CHANNEL, info, QUESTION, TIMEOUT_MS, POLL_MS);
    expect(answer).toEqual({ answer: 'abort', why: 'the question could not be posted' });
    expect(h.deps.notifier.failed.map((f) => [f.label, f.error])).toEqual([
      ['question', 'channel_not_found']
    ]);
    expect(h.warnings).toHaveLength(1);
    expect(reads()).toBe(0);
    expect(h.vt.pending()).toEqual([]);
  });
});
