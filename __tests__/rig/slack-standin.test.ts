import { connect } from 'node:net';
import {
  LogLevel,
  WebClient,
  WebClientEvent,
  type KnownBlock,
  type WebClientOptions
} from '@slack/web-api';
import {
  SLACK_BOT_ID,
  SLACK_BOT_USER_ID,
  SLACK_PERSON_ID,
  SLACK_PERSON_PROFILE,
  SLACK_TEAM_ID,
  SlackStandin
} from '../../test-rig/slack-standin.js';

const TOKEN = 'xoxb-1-standin';
const FAST = { retries: 5, factor: 1, minTimeout: 10, maxTimeout: 50 };

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

/** The WebClient logs platform-error details and retries; keep the test output quiet. */
const silent: NonNullable<WebClientOptions['logger']> = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined
};

function client(opts: Partial<WebClientOptions> = {}, token = TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: standin.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: false,
    logger: silent,
    ...opts
  });
}

type SlackErr = Error & {
  code?: string;
  data?: { error?: string; response_metadata?: { messages?: string[] } };
  retryAfter?: number;
  statusCode?: number;
  original?: Error;
};

async function rejection(p: Promise<unknown>): Promise<SlackErr> {
  try {
    await p;
  } catch (e) {
    return e as SlackErr;
  }
  throw new Error('expected a rejection');
}

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text }
});

describe('requests as the WebClient sends them', () => {
  it('auth.test answers the bot identity; the call is form-encoded with a Bearer token', async () => {
    expect(standin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const res = await client().auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: SLACK_BOT_USER_ID,
      team_id: SLACK_TEAM_ID,
      bot_id: SLACK_BOT_ID
    });
    expect(res.response_metadata?.scopes).toContain('chat:write');
    expect(standin.calls).toEqual([
      {
        method: 'auth.test',
        body: {},
        token: TOKEN,
        contentType: 'application/x-www-form-urlencoded',
        at: expect.any(Number),
        status: 200,
        ok: true
      }
    ]);
  });

  it('records blocks parsed to objects and other fields as the form strings that were sent', async () => {
    const blocks: KnownBlock[] = [section('*Deploying* `api` to prod'), { type: 'divider' }];
    await client().chat.postMessage({
      channel: '#deploys',
      text: 'Deploying api',
      blocks,
      unfurl_links: false,
      mrkdwn: true
    });
    const [call] = standin.callsOf('chat.postMessage');
    expect(call?.body).toEqual({
      channel: '#deploys',
      text: 'Deploying api',
      blocks,
      unfurl_links: 'false',
      mrkdwn: 'true'
    });
    expect(standin.messages('#deploys')[0]).toMatchObject({
      blocks,
      unfurl_links: false,
      mrkdwn: true
    });
  });

  it('also takes JSON bodies (and a token in the body)', async () => {
    const blocks = [section('json')];
    const res = await fetch(`${standin.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: TOKEN, channel: 'deploys', text: 'hi', blocks })
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      channel: string;
      message: { blocks: unknown };
    };
    expect(body).toMatchObject({ ok: true, channel: standin.channelId('#deploys') });
    expect(body.message.blocks).toEqual(blocks);
    expect(standin.calls[0]).toMatchObject({ contentType: 'application/json', token: TOKEN });
  });
});

describe('messages and threads', () => {
  it('post, broadcast reply, plain reply, update of the parent: thread() in order, versions kept', async () => {
    const slack = client();
    const parent = await slack.chat.postMessage({
      channel: '#deploys',
      text: 'api → prod: started',
      blocks: [section('started')]
    });
    const channel = standin.channelId('#deploys');
    expect(channel).toMatch(/^C[0-9A-F]{10}$/);
    expect(parent.channel).toBe(channel);
    expect(parent.ts).toMatch(/^\d+\.\d{6}$/);
    const ts = String(parent.ts);

    const broadcast = await slack.chat.postMessage({
      channel,
      thread_ts: ts,
      reply_broadcast: true,
      text: 'failed: rolling back'
    });
    expect(broadcast.message).toMatchObject({ subtype: 'thread_broadcast', thread_ts: ts });
    const plain = await slack.chat.postMessage({ channel, thread_ts: ts, text: 'rollback done' });
    expect(Number(broadcast.ts)).toBeGreaterThan(Number(ts));
    expect(Number(plain.ts)).toBeGreaterThan(Number(broadcast.ts));

    const updated = await slack.chat.update({
      channel,
      ts,
      text: 'api → prod: rolled back',
      blocks: [section('rolled back')]
    });
    expect(updated).toMatchObject({ ok: true, channel, ts, text: 'api → prod: rolled back' });

    const thread = standin.thread(ts);
    expect(thread.map((m) => [m.ts, m.text, m.reply_broadcast])).toEqual([
      [ts, 'api → prod: rolled back', false],
      [broadcast.ts, 'failed: rolling back', true],
      [plain.ts, 'rollback done', false]
    ]);
    expect(standin.thread(String(plain.ts))).toEqual(thread); // any ts of the thread
    expect(thread[0]?.versions.map((v) => [v.text, v.blocks])).toEqual([
      ['api → prod: started', [section('started')]],
      ['api → prod: rolled back', [section('rolled back')]]
    ]);
    expect(thread[0]?.edited?.user).toBe(SLACK_BOT_USER_ID);
    expect(thread[1]).toMatchObject({ channel, thread_ts: ts, byBot: true });

    // The channel shows the parent and the broadcast, newest first.
    const history = await slack.conversations.history({ channel });
    expect(history.messages?.map((m) => m.ts)).toEqual([broadcast.ts, ts]);
    expect(history.messages?.[1]).toMatchObject({ reply_count: 2, latest_reply: plain.ts });
  });

  it('chat.update takes a channel ID only and knows its messages', async () => {
    const slack = client();
    const { ts } = await slack.chat.postMessage({ channel: '#deploys', text: 'x' });
    const byName = await rejection(
      slack.chat.update({ channel: '#deploys', ts: String(ts), text: 'y' })
    );
    expect(byName).toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' }
    });
    const channel = standin.channelId('deploys');
    const unknown = await rejection(slack.chat.update({ channel, ts: '1.000001', text: 'y' }));
    expect(unknown.data?.error).toBe('message_not_found');
    // Updating with text only keeps the blocks.
    await slack.chat.postMessage({ channel, text: 'b', blocks: [section('b')] });
    const withBlocks = standin.messages(channel)[1];
    await slack.chat.update({ channel, ts: withBlocks?.ts ?? '', text: 'b2' });
    expect(standin.message(withBlocks?.ts ?? '')).toMatchObject({
      text: 'b2',
      blocks: [section('b')]
    });
  });

  it('a person reacts and answers: visible through reactions.get and conversations.replies', async () => {
    const slack = client();
    const { channel, ts } = await slack.chat.postMessage({
      channel: '#deploys',
      text: 'approve?',
      blocks: [section('Approve the *prod* deploy?'), { type: 'divider' }]
    });
    const ch = String(channel);
    const parentTs = String(ts);

    const bare = await slack.reactions.get({ channel: ch, timestamp: parentTs });
    expect(bare.message?.reactions).toBeUndefined(); // Slack omits an empty list

    standin.react('#deploys', parentTs, ':white_check_mark:');
    standin.react(ch, parentTs, 'white_check_mark', 'U0PERSON002');
    standin.react(ch, parentTs, 'eyes');
    const replyTs = standin.reply('#deploys', parentTs, 'go ahead');

    const reactions = await slack.reactions.get({ channel: ch, timestamp: parentTs });
    expect(reactions).toMatchObject({ ok: true, type: 'message' });
    expect(reactions.message?.reactions).toEqual([
      { name: 'white_check_mark', count: 2, users: [SLACK_PERSON_ID, 'U0PERSON002'] },
      { name: 'eyes', count: 1, users: [SLACK_PERSON_ID] }
    ]);

    const replies = await slack.conversations.replies({ channel: ch, ts: parentTs });
    expect(replies.messages?.map((m) => [m.ts, m.user, m.text])).toEqual([
      [parentTs, SLACK_BOT_USER_ID, 'approve?'],
      [replyTs, SLACK_PERSON_ID, 'go ahead']
    ]);
    // Blocks round-trip as objects.
    expect(replies.messages?.[0]?.blocks).toEqual([
      section('Approve the *prod* deploy?'),
      { type: 'divider' }
    ]);
    expect(replies.messages?.[1]).toMatchObject({
      thread_ts: parentTs,
      parent_user_id: SLACK_BOT_USER_ID
    });
    // A person's message carries their profile, as Slack's do; the app's own does not.
    const reply = replies.messages?.[1] as { user_profile?: unknown } | undefined;
    expect(reply?.user_profile).toEqual({ ...SLACK_PERSON_PROFILE, team: SLACK_TEAM_ID });
    expect(replies.messages?.[0]).not.toHaveProperty('user_profile');

    // Only what came after a ts (the parent is always first).
    const later = standin.reply(ch, parentTs, 'done?');
    const since = await slack.conversations.replies({ channel: ch, ts: parentTs, oldest: replyTs });
    expect(since.messages?.map((m) => m.ts)).toEqual([parentTs, later]);

    const missing = await rejection(slack.conversations.replies({ channel: ch, ts: '1.000001' }));
    expect(missing.data?.error).toBe('thread_not_found');

    standin.addPerson('U0PERSON002', { name: 'ines', real_name: 'Inès' });
    const other = standin.reply(ch, parentTs, 'ok', 'U0PERSON002');
    const withOther = await slack.conversations.replies({ channel: ch, ts: parentTs });
    expect(withOther.messages?.find((m) => m.ts === other)).toMatchObject({
      user_profile: { name: 'ines', real_name: 'Inès', team: SLACK_TEAM_ID }
    });
  });

  it('unknown channels: removeChannel and strictChannels answer channel_not_found', async () => {
    const slack = client();
    standin.removeChannel('#gone');
    expect(
      (await rejection(slack.chat.postMessage({ channel: '#gone', text: 'x' }))).data?.error
    ).toBe('channel_not_found');

    standin.strictChannels = true;
    expect(
      (await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }))).data?.error
    ).toBe('channel_not_found');
    const id = standin.addChannel('#deploys', 'C0DEPLOYS01');
    expect((await slack.chat.postMessage({ channel: 'deploys', text: 'x' })).channel).toBe(id);
  });

  it('checks blocks and thread_ts the way Slack does', async () => {
    const slack = client();
    const tooLong = await rejection(
      slack.chat.postMessage({ channel: '#d', text: 'x', blocks: [section('a'.repeat(3001))] })
    );
    expect(tooLong.data?.error).toBe('invalid_blocks');
    expect(tooLong.data?.response_metadata?.messages?.[0]).toContain('/blocks/0/text/text');

    const badTs = await rejection(
      slack.chat.postMessage({ channel: '#d', text: 'x', thread_ts: 'abc' })
    );
    expect(badTs.data?.error).toBe('invalid_thread_ts');

    const orphan = await slack.chat.postMessage({
      channel: '#d',
      text: 'x',
      thread_ts: '1.000001'
    });
    expect(standin.message(String(orphan.ts))).toMatchObject({
      orphan: true,
      thread_ts: '1.000001'
    });
    expect((await rejection(slack.chat.postMessage({ channel: '#d', text: '' }))).data?.error).toBe(
      'no_text'
    );
  });
});

describe('auth and unknown methods', () => {
  it('invalid token → invalid_auth; no token → not_authed; unknown method', async () => {
    const bad = await rejection(client({}, 'not-a-bot-token').auth.test());
    expect(bad).toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'invalid_auth' }
    });

    standin.acceptedTokens = ['xoxb-only-this'];
    expect((await rejection(client().auth.test())).data?.error).toBe('invalid_auth');
    expect((await client({}, 'xoxb-only-this').auth.test()).ok).toBe(true);

    const anon = await fetch(`${standin.url}auth.test`, { method: 'POST' });
    expect(await anon.json()).toEqual({ ok: false, error: 'not_authed' });

    const unknown = await rejection(client({}, 'xoxb-only-this').apiCall('deploys.frobnicate'));
    expect(unknown.data?.error).toBe('unknown_method');
    expect(standin.calls.map((c) => [c.method, c.error])).toEqual([
      ['auth.test', 'invalid_auth'],
      ['auth.test', 'invalid_auth'],
      ['auth.test', undefined],
      ['auth.test', 'not_authed'],
      ['deploys.frobnicate', 'unknown_method']
    ]);
  });
});

describe('rate limits and outages', () => {
  it('429 three times, then normal: the client retries and succeeds; 4 attempts recorded', async () => {
    const slack = client({ retryConfig: FAST, rejectRateLimitedCalls: false });
    const seen: number[] = [];
    slack.on(WebClientEvent.RATE_LIMITED, (sec: number) => seen.push(sec));
    standin.rateLimitNext(3, 0, 'chat.postMessage');
    const res = await slack.chat.postMessage({ channel: '#deploys', text: 'hello' });
    expect(res.ok).toBe(true);
    expect(standin.calls.map((c) => c.status)).toEqual([429, 429, 429, 200]);
    expect(seen).toEqual([0, 0, 0]);
    expect(standin.messages()).toHaveLength(1);
  });

  it('each 429 counts against retryConfig.retries', async () => {
    const slack = client({ retryConfig: { ...FAST, retries: 2 } });
    standin.rateLimitNext(3, 0);
    const err = await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }));
    expect(err.code).toBe('slack_webapi_request_error');
    expect(err.original?.message).toMatch(/A rate limit was exceeded .*retry-after: 0/);
    expect(standin.calls).toHaveLength(3);
    expect(standin.messages()).toHaveLength(0);
  });

  it('waits Retry-After seconds before retrying', async () => {
    const slack = client({ retryConfig: FAST });
    standin.rateLimitNext(1, 1);
    const t0 = Date.now();
    await slack.auth.test();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(standin.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('rejectRateLimitedCalls: a rate-limited error with retryAfter, no retry, no wait', async () => {
    const slack = client({ retryConfig: FAST, rejectRateLimitedCalls: true });
    standin.rateLimitNext(1, 1);
    const t0 = Date.now();
    const err = await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    expect(standin.calls).toHaveLength(1);

    // The client parses Retry-After with parseInt: '1.5' → 1.
    standin.rateLimitNext(1, '1.5');
    expect((await rejection(slack.auth.test())).retryAfter).toBe(1);
  });

  it('a 429 without Retry-After is not retried and has no error code', async () => {
    const slack = client({ retryConfig: FAST });
    standin.failNext(1, 429);
    const err = await rejection(slack.auth.test());
    expect(err.code).toBeUndefined();
    expect(err.message).toMatch(/Retry header did not contain a valid timeout/);
    expect(standin.calls).toHaveLength(1);
  });

  it('5xx is retried by the client; { error } answers are not', async () => {
    const slack = client({ retryConfig: FAST });
    standin.failNext(2, 503, 'chat.postMessage');
    expect((await slack.chat.postMessage({ channel: '#deploys', text: 'x' })).ok).toBe(true);
    expect(standin.calls.map((c) => c.status)).toEqual([503, 503, 200]);

    standin.reset();
    standin.failNext(1, { error: 'not_in_channel' });
    expect(
      (await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }))).data?.error
    ).toBe('not_in_channel');
    expect(standin.calls).toHaveLength(1);
  });

  it('htmlNext: an HTML page with HTTP 200 in place of the JSON is an ok:false whose error is the page; then Slack again', async () => {
    const slack = client({ retryConfig: FAST });
    standin.htmlNext(1, 200, 'chat.postMessage');
    const err = await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }));
    expect(err.code).toBe('slack_webapi_platform_error');
    expect(err.data?.error).toMatch(/^<!DOCTYPE html>/);
    expect(standin.calls.map((c) => [c.status, c.ok])).toEqual([[200, undefined]]);
    expect(standin.messages()).toEqual([]);
    expect((await slack.chat.postMessage({ channel: '#deploys', text: 'x' })).ok).toBe(true);
    // With another status it is an HTTP error, retried like any 5xx.
    standin.htmlNext(1, 502);
    expect((await slack.auth.test()).ok).toBe(true);
    expect(standin.calls.map((c) => c.status).slice(2)).toEqual([502, 200]);
  });

  it('okWithoutTsNext: { ok: true } and nothing else, and nothing is posted', async () => {
    const slack = client();
    standin.okWithoutTsNext(1, 'chat.postMessage');
    const res = await slack.chat.postMessage({ channel: '#deploys', text: 'x' });
    expect(res.ok).toBe(true);
    expect(res.ts).toBeUndefined();
    expect(res.channel).toBeUndefined();
    expect(standin.messages()).toEqual([]);
    expect((await slack.chat.postMessage({ channel: '#deploys', text: 'x' })).ts).toMatch(
      /^\d+\.\d{6}$/
    );
  });

  it('down(true) answers 503; down(true, "destroy") drops the connection; both fail fast', async () => {
    const slack = client({ retryConfig: { retries: 0 } });
    standin.down(true);
    let t0 = Date.now();
    const http = await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(http).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });

    standin.down(true, 'destroy');
    t0 = Date.now();
    const net = await rejection(slack.chat.postMessage({ channel: '#deploys', text: 'x' }));
    expect(Date.now() - t0).toBeLessThan(500);
    expect(net.code).toBe('slack_webapi_request_error');

    standin.down(false);
    expect((await slack.chat.postMessage({ channel: '#deploys', text: 'x' })).ok).toBe(true);
    expect(standin.calls.map((c) => [c.method, c.status])).toEqual([
      ['chat.postMessage', 503],
      ['chat.postMessage', 0],
      ['chat.postMessage', 200]
    ]);
    expect(standin.messages()).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('reset forgets everything; close() ends keep-alive connections and the port', async () => {
    const own = await SlackStandin.start();
    const slack = new WebClient(TOKEN, {
      slackApiUrl: own.url,
      retryConfig: { retries: 0 },
      logger: silent
    });
    await slack.chat.postMessage({ channel: '#deploys', text: 'x' }); // leaves a keep-alive socket
    own.failNext(5, 500);
    own.reset();
    expect(own.calls).toEqual([]);
    expect(own.messages()).toEqual([]);
    expect((await slack.auth.test()).ok).toBe(true);

    const t0 = Date.now();
    await own.close();
    expect(Date.now() - t0).toBeLessThan(500);
    const port = Number(new URL(own.url).port);
    const refused = await new Promise<string>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve('connected');
      });
      sock.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await own.close(); // idempotent
  });
});
