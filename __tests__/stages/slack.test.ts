/**
 * What a deployment says in Slack, in process (test-rig/in-process.ts): the real
 * `@slack/web-api` client through the product's SlackNotifier against the Slack stand-in, the
 * real monitor loop, coordinate() and finalize(), all on virtual time. The stand-in keeps the
 * world's clock (`slackOnVirtualTime`), so when a message was posted compares exactly with
 * the stack events' times. The stories that need real processes (the detached monitor, its
 * supervisor, Slack down for a whole job) are in __tests__/e2e/slack-*.test.ts.
 */
import { Outputs, State } from '../../src/config/state.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  STACK,
  STATUS_CHANNEL,
  World,
  slackOnVirtualTime,
  scratchRunnerTemp,
  type Job
} from '../../test-rig/in-process.js';
import { polling, question } from './stories.js';
import type { MessageView, SlackStandin } from '../../test-rig/slack-standin.js';

let dynamo: DynamoRig;
let slack: SlackStandin;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  [dynamo, slack] = await Promise.all([DynamoRig.start(), slackOnVirtualTime(() => world)]);
});
afterAll(async () => {
  await Promise.all([dynamo.close(), slack.close()]);
  cleanUp();
});
beforeEach(() => slack.reset());
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const messages = (): MessageView[] => slack.messages(STATUS_CHANNEL);
const texts = (): string[] => messages().map((m) => m.text);
/** A reply in a thread that is not broadcast to the channel (alerts, notes; not the final notice). */
const isPlainReply = (m: MessageView): boolean =>
  m.thread_ts !== undefined && m.thread_ts !== m.ts && !m.reply_broadcast;
/** When the stand-in stored a message, in virtual time (it is never edited for alerts). */
const postedAt = (m: MessageView): number => m.versions[0]!.at;

/** The job's thread (parent first), from the channel:ts coordinate saved. */
function threadOf(job: Job): MessageView[] {
  const [, ts] = (job.state.get(State.SlackThread) ?? '').split(':');
  const thread = slack.thread(ts ?? '');
  expect(thread.length).toBeGreaterThan(0);
  return thread;
}

/** The monitor's polls of the stack (its eventsSince calls), in order. */
const monitorPolls = (w: World, job: Job): number[] =>
  w.cloudFormationCalls
    .filter((c) => c.job === job.name && c.stage === 'monitor' && c.op === 'eventsSince')
    .map((c) => c.at);

describe('Slack: one thread per deployment', () => {
  it("a second run posts queued naming the first one's correlation ID and start time", async () => {
    world = new World({ dynamo, slack });
    const first = world.job('first', {}, { slack: true });
    const held = await world.until(first.coordinate());
    expect(held.report.result).toBe('acquired');
    // The second run arrives five minutes into the first one's deployment.
    await world.advance(5 * 60_000);
    const second = world.job('second', { 'wait-timeout-minutes': '1' }, { slack: true });
    const waiting = second.coordinate();
    // While it waits: its 'queued' notice.
    await world.advance(2_000);
    const queued = messages().filter(
      (m) => m.text.includes(second.correlationId) && /queue/i.test(m.text)
    );
    expect(queued).toHaveLength(1);
    expect(queued[0]!.text).toContain(`position 1 behind ${first.correlationId}`);
    const body = JSON.stringify(queued[0]!.blocks);
    expect(body).toContain(held.io.output(Outputs.CorrelationId));
    // The start time of the active deployment, as a Slack date: when the first run took the lock.
    expect(body).toMatch(/<!date\^\d+\^/);
    const since = Date.parse(first.state.get(State.AcquiredAt)!);
    expect(body).toContain(`<!date^${Math.floor(since / 1000)}^`);
    expect(Math.floor(since / 1000)).not.toBe(Math.floor(postedAt(queued[0]!) / 1000));

    // It gives up after its minute: the same message now says it is not deploying, naming the
    // holder and how long it waited; no 'queued' is left in the channel.
    const { io } = await world.until(waiting);
    expect(io.output(Outputs.Result)).toBe('concurrent');
    const mine = messages().filter((m) => m.text.includes(second.correlationId));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.ts).toBe(queued[0]!.ts);
    expect(mine[0]!.text).toBe(
      `:no_entry: Not deploying: ${second.config.environment}: gave up after 1m 00s waiting for ${first.correlationId} [${second.correlationId}]`
    );
    expect(JSON.stringify(mine[0]!.blocks)).toContain('gave up after waiting *1m 00s*');
    expect(messages().filter((m) => /queued/i.test(m.text))).toEqual([]);
  });

  it("a superseded run's queued notice says it is not deploying; the run that then gives up names the holder", async () => {
    world = new World({ dynamo, slack });
    const first = world.job('first', {}, { slack: true });
    expect((await world.until(first.coordinate())).report.result).toBe('acquired');
    const older = world.job(
      'older',
      { 'skip-superseded': 'true', 'wait-timeout-minutes': '10' },
      { slack: true }
    );
    const olderRunning = older.coordinate();
    await polling(world, older);
    const newer = world.job('newer', { 'wait-timeout-minutes': '1' }, { slack: true });
    const newerRunning = newer.coordinate();
    expect((await world.until(olderRunning)).report.result).toBe('superseded');
    const olders = messages().filter((m) => m.text.includes(older.correlationId));
    expect(olders.map((m) => m.text)).toEqual([
      `:no_entry: Not deploying: ${older.config.environment}: superseded by a newer run after ${olders[0]!.text.match(/after (\S+)/)![1]} [${older.correlationId}]`
    ]);
    expect(olders[0]!.versions.length).toBe(2);

    // The newer one waits for the first, which still holds the lock a minute later.
    const { io } = await world.until(newerRunning);
    expect(io.output(Outputs.Result)).toBe('concurrent');
    const newers = messages().filter((m) => m.text.includes(newer.correlationId));
    expect(newers).toHaveLength(1);
    expect(newers[0]!.text).toContain(`gave up after 1m 00s waiting for ${first.correlationId}`);
    expect(messages().filter((m) => /queued/i.test(m.text))).toEqual([]);
  });

  it('a failing resource gets its alert before the stack finishes rolling back; the final notice says failed with the root cause', async () => {
    const w = new World({ dynamo, slack });
    world = w;
    const a = w.job('failing', { 'monitor-interval-seconds': '10' }, { slack: true });
    expect((await w.until(a.coordinate())).report.result).toBe('acquired');
    // The deploy step: Api fails, Queue's update is cancelled in its wake, the stack rolls back.
    w.cfn.run(STACK, [
      { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      { atMs: 10_000, logicalId: 'Api', status: 'UPDATE_IN_PROGRESS' },
      {
        atMs: 30_000,
        logicalId: 'Api',
        status: 'UPDATE_FAILED',
        reason: 'Runtime nodejs8.x is not supported'
      },
      {
        atMs: 35_000,
        logicalId: 'Queue',
        resourceType: 'AWS::SQS::Queue',
        status: 'UPDATE_FAILED',
        reason: 'Resource update cancelled'
      },
      { atMs: 40_000, status: 'UPDATE_ROLLBACK_IN_PROGRESS' },
      { atMs: 180_000, status: 'UPDATE_ROLLBACK_COMPLETE' }
    ]);
    await w.stepUntil(() => !w.cfn.busy(STACK));
    await w.advance(1_000);
    const io = await w.until(a.finalize());
    expect(io.exitCode).toBeUndefined();

    const isFailureAlert = (m: MessageView): boolean =>
      isPlainReply(m) && /nodejs8\.x|Api/.test(m.text) && /fail/i.test(m.text);
    const alerts = messages().filter(isFailureAlert);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.text).toBe(
      `:rotating_light: ${w.environment}: Api (AWS::Lambda::Function) UPDATE_FAILED: Runtime nodejs8.x is not supported [${a.correlationId}]`
    );
    // Caused by the failure, at the monitor's first poll after it (every 10 s), while the stack
    // was still rolling back.
    const failedAt = w.cfn.eventAt(STACK, 'UPDATE_FAILED', 'Api');
    expect(postedAt(alert)).toBeGreaterThanOrEqual(failedAt);
    expect(postedAt(alert) - failedAt).toBeLessThan(10_000);
    expect(postedAt(alert)).toBeLessThan(w.cfn.eventAt(STACK, 'UPDATE_ROLLBACK_COMPLETE'));
    expect(threadOf(a).map((m) => m.ts)).toContain(alert.ts);
    const all = JSON.stringify(messages());
    expect(all).toContain('Runtime nodejs8.x is not supported');
    // The cancellation echo is not reported as the cause: no alert, no message names Queue.
    expect(texts().filter((t) => /Queue/.test(t) && /alert/i.test(t))).toEqual([]);
    expect(texts().filter((t) => /Queue/.test(t))).toEqual([]);
    const final = messages()
      .filter((m) => m.reply_broadcast)
      .at(-1);
    expect(final?.text).toMatch(/fail/i);
    expect(final?.text).toContain(': Api UPDATE_FAILED (Runtime nodejs8.x is not supported)');
    // The parent ends in the failed state; nothing was repaired (the stack rolled back itself).
    expect(threadOf(a)[0]!.text).toMatch(/^:x: Deployment failed/);
    expect(w.stackChanges()).toEqual([]);
  });

  it('a stack that stops emitting events gets one stall alert after stall-timeout-minutes of silence, in its thread before the events-resumed note and the final notice', async () => {
    const STALL_MS = 2 * 60_000;
    const INTERVAL_MS = 10_000;
    const w = new World({ dynamo, slack });
    world = w;
    const a = w.job(
      'stalling',
      { 'stall-timeout-minutes': '2', 'monitor-interval-seconds': '10' },
      { slack: true }
    );
    expect((await w.until(a.coordinate())).report.result).toBe('acquired');
    // Time stops at one of the monitor's polls, so the steps below, 10 s apart, each land on one.
    const polled = monitorPolls(w, a).length;
    expect(polled).toBeGreaterThan(0);
    await w.stepUntil(() => monitorPolls(w, a).length > polled);
    // Silent from Db's event 10 s in until the stack completes 8 minutes in: almost four stall
    // timeouts.
    w.cfn.run(STACK, [
      { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      {
        atMs: INTERVAL_MS,
        logicalId: 'Db',
        resourceType: 'AWS::RDS::DBInstance',
        status: 'UPDATE_IN_PROGRESS'
      },
      { atMs: 8 * 60_000, status: 'UPDATE_COMPLETE' }
    ]);
    await w.stepUntil(() => !w.cfn.busy(STACK));
    await w.advance(1_000);
    const io = await w.until(a.finalize());
    expect(io.exitCode).toBeUndefined();

    const isStall = (m: MessageView): boolean => /no stack events for/i.test(m.text);
    const isResumed = (m: MessageView): boolean => /stack events resumed/i.test(m.text);
    const lastEventAt = w.cfn.eventAt(STACK, 'UPDATE_IN_PROGRESS', 'Db');
    const resumedEventAt = w.cfn.eventAt(STACK, 'UPDATE_COMPLETE');
    // Once per episode, although the silence lasted several stall timeouts.
    const stalls = messages().filter(isStall);
    expect(stalls).toHaveLength(1);
    const stall = stalls[0]!;
    expect(isPlainReply(stall)).toBe(true);
    // It names the last event before the silence.
    expect(JSON.stringify(stall.blocks)).toContain('Db');
    // Exactly a stall timeout of virtual silence after the last event (the product's own timer),
    // so during the silence: events resuming is what ends the episode.
    expect(postedAt(stall) - lastEventAt).toBe(STALL_MS);
    expect(postedAt(stall)).toBeLessThan(resumedEventAt);
    // The silence it reports is the stall timeout...
    expect(stall.text).toBe(
      `:warning: ${w.environment}: no stack events for 2m 00s [${a.correlationId}]`
    );
    // ...and exactly so in the monitor's own record of the alert.
    const records = a.observed('alert').map((x) => x.o['alert'] as { kind: string } & object);
    const stallRecords = records.filter((r) => r.kind === 'stall');
    expect(stallRecords).toEqual([expect.objectContaining({ silentForMs: STALL_MS })]);

    // When events resume, one note says so, as the events came back, with the whole silence.
    const resumed = messages().filter(isResumed);
    expect(resumed).toHaveLength(1);
    expect(postedAt(resumed[0]!)).toBe(resumedEventAt);
    expect(resumed[0]!.text).toBe(
      `:arrow_forward: ${w.environment}: stack events resumed after 7m 50s of silence [${a.correlationId}]`
    );
    expect(records.filter((r) => r.kind === 'stall-resolved')).toEqual([
      expect.objectContaining({ silentForMs: resumedEventAt - lastEventAt })
    ]);

    // All in the deployment's thread, in this order: stall, resumed, final notice (succeeded).
    const thread = slack.thread(stall.thread_ts!);
    expect(thread.map((m) => m.ts)).toEqual(threadOf(a).map((m) => m.ts));
    const at = (m: MessageView | undefined): number => thread.findIndex((x) => x.ts === m?.ts);
    const final = thread.filter((m) => m.reply_broadcast).at(-1);
    expect(final?.text).toMatch(/succeeded|deployed/i);
    expect(at(stall)).toBeGreaterThan(0);
    expect(at(resumed[0])).toBeGreaterThan(at(stall));
    expect(at(final)).toBeGreaterThan(at(resumed[0]));
  });

  it('Slack answering 429 three times, then normally: every message arrives, in order', async () => {
    world = new World({ dynamo, slack });
    // Retry-After 0: the notifier waits it out on real timers, at once.
    slack.rateLimitNext(3, 0);
    // Progress replies every 15 s of the minute's deployment: more messages to keep in order.
    const a = world.job('ratelimited', { 'progress-interval-minutes': '0.25' }, { slack: true });
    const { io } = await world.until(a.coordinate());
    expect(await world.until(a.deploy({ durationMs: 60_000 }))).toBe(true);
    const post = await world.until(a.finalize());

    const id = io.output(Outputs.CorrelationId);
    const limited = slack.calls.filter((c) => c.status === 429);
    expect(limited).toHaveLength(3);
    const sent = slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200);
    const posted = sent.map((c) => String((c.body as { text?: string }).text));
    expect(posted[0]).toMatch(/Deploying|started/i);
    expect(posted.at(-1)).toMatch(/succeeded|deployed/i);
    for (const t of posted) expect(t).toContain(id);
    // Each refused call was sent again, and got through.
    for (const c of limited)
      expect(
        slack.calls.some(
          (x) =>
            x.at >= c.at &&
            x.status === 200 &&
            x.method === c.method &&
            JSON.stringify(x.body) === JSON.stringify(c.body)
        )
      ).toBe(true);
    // The started parent first and the final notice last (above); the thread holds each message
    // that got through exactly once: no retry posted a second copy.
    expect(threadOf(a).map((m) => m.versions[0]!.text)).toEqual(posted);
    expect(a.sink.annotations().filter((x) => x.title === 'Slack delivery failed')).toEqual([]);
    expect(io.summary + post.summary).not.toMatch(/not delivered/);
  });
});

describe('Slack: questions in the interact channel', () => {
  // coordinate.test.ts ("warnings 'ask', answered with a ✅ reaction ..." and "... an 'abort'
  // reply ...") tells the same stories from the report, the log and the registry's calls; these
  // add the `result` output the workflow reads and the table as the next run finds it.

  it("a ✅ reaction on the question lets the deployment go on: result acquired, 'proceed: answered 'proceed' in Slack'", async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    slack.react(q.channel, q.ts, 'white_check_mark');
    const { io } = await world.until(running);

    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(a.sink.line("proceed: answered 'proceed' in Slack").level).toBe('info');
  });

  it('a thread reply `abort` stops it: result aborted, and the lock is given back', async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    slack.reply(q.channel, q.ts, 'abort, the fix is not merged yet');
    const { io } = await world.until(running);

    expect(io.exitCode).toBe(1);
    expect(io.output(Outputs.Result)).toBe('aborted');
    expect((await world.queue()).lock.holder).toBeUndefined();
  });

  it("who answered with a ✅ reaction (Slack gives the user's ID): in the log line, on the record's outcome transition that followed, and in the job summary", async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    slack.react(q.channel, q.ts, 'white_check_mark', 'U0APPROVER1');
    const { io } = await world.until(running);
    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(a.sink.line("proceed: answered 'proceed' in Slack by U0APPROVER1.").level).toBe('info');
    await world.until(a.deploy());
    const post = await world.until(a.finalize());

    const transitions = (await world.record(a.correlationId))?.transitions ?? [];
    expect(transitions.find((t) => t.state === 'completed')?.by).toEqual({ id: 'U0APPROVER1' });
    expect(transitions.filter((t) => t.by).map((t) => t.state)).toEqual(['completed']);
    expect(post.summary).toMatch(
      /^\| Answered in Slack \| proceed, by U0APPROVER1: Deploy env-\d+ despite 1 warning\(s\) \(\w+\)\? \|$/m
    );
  });

  it("who answered with an `abort` reply (Slack gives the user's ID and profile): their name and ID in the log line, on the 'released' transition and in the summary", async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    slack.reply(q.channel, q.ts, 'abort, the fix is not merged yet');
    await world.until(running);
    expect(a.sink.line("abort: answered 'abort' in Slack by Dana (U0PERSON001).").level).toBe(
      'error'
    );
    const post = await world.until(a.finalize());

    const transitions = (await world.record(a.correlationId))?.transitions ?? [];
    expect(transitions.filter((t) => t.by)).toEqual([
      expect.objectContaining({
        state: 'released',
        note: 'not deploying: aborted',
        by: { id: 'U0PERSON001', name: 'Dana' }
      })
    ]);
    expect(post.summary).toContain('| Answered in Slack | abort, by Dana (U0PERSON001): Deploy ');
  });

  it('a name from Slack is untrusted: control and bidirectional characters escaped, cut to 80 characters, in the log, the record and the summary', async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask' }, { slack: true });
    slack.addPerson('U0MALLORY1', {
      name: 'mallory',
      display_name: `Eve\n::error::forged\u202e${'x'.repeat(200)}`
    });
    const running = a.coordinate();
    const q = await question(world, slack);
    slack.reply(q.channel, q.ts, 'abort', 'U0MALLORY1');
    await world.until(running);
    const post = await world.until(a.finalize());

    const name = `Eve\\u000a::error::forged\\u202e${'x'.repeat(80 - 31)}…`;
    expect(name).toHaveLength(80);
    expect(a.sink.line(`in Slack by ${name} (U0MALLORY1).`).level).toBe('error');
    const by = (await world.record(a.correlationId))?.transitions.find((t) => t.by)?.by;
    expect(by).toEqual({ id: 'U0MALLORY1', name });
    expect(post.summary).toContain(`abort, by ${name.replace(/\\/g, '\\\\')} (U0MALLORY1)`);
    expect(post.summary).not.toMatch(/\n::error::/);
  });

  it('no answer within ask-timeout-minutes: the safe default, abort, exactly at the timeout', async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('asked', { warnings: 'ask', 'ask-timeout-minutes': '2' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    const { io } = await world.until(running);

    expect(io.exitCode).toBe(1);
    expect(io.output(Outputs.Result)).toBe('aborted');
    expect(a.sink.line('abort: no answer within 2m 00s').level).toBe('error');
    const notices = slack.thread(q.ts).filter((m) => /No answer: aborting/.test(m.text));
    expect(notices).toHaveLength(1);
    expect(postedAt(notices[0]!) - postedAt(q)).toBe(2 * 60_000);
    expect((await world.queue()).lock.holder).toBeUndefined();
  });
});
