/**
 * Deploy freezes, in process (test-rig/in-process.ts): the real coordinate() and finalize() with
 * freezes in the table (the real registry against dynalite), Slack through the stand-in, all on
 * virtual time. A freeze holds a waiting run in its place; a thaw lets it go within two polls; a
 * freeze longer than the wait ends it `frozen`; override-freeze goes through, on the record.
 */
import { State } from '../../src/config/state.js';
import { RegistryUnavailableError } from '../../src/ports/registry-errors.js';
import type { CoordinateDeps } from '../../src/stages/coordinate.js';
import type { Freeze } from '../../src/domain/freeze.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  STATUS_CHANNEL,
  T0,
  World,
  scratchRunnerTemp,
  slackOnVirtualTime
} from '../../test-rig/in-process.js';
import type { SlackStandin } from '../../test-rig/slack-standin.js';
import { holder, outputs, polling, summaryRow } from './stories.js';

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

const H = 3_600_000;
let freezes = 0;

/** A freeze of the world's environment from now, for `ms`, as `deploy-coordinator freeze --for` sets it. */
async function freezeFor(w: World, ms: number, reason = 'holiday freeze'): Promise<Freeze> {
  const now = w.vt.now();
  const f: Freeze = {
    id: `fz-test${++freezes}`,
    environment: w.environment,
    reason,
    by: 'oncall',
    createdAt: new Date(now).toISOString(),
    from: new Date(now).toISOString(),
    until: new Date(now + ms).toISOString()
  };
  await w.registry.freezes.add(f);
  return f;
}

describe('deploy freezes', () => {
  it('a freeze holds a waiting run in its place, saying until when and why; a thaw lets it acquire within two polls', async () => {
    world = new World({ dynamo, slack });
    const w = world;
    const a = await holder(w, 'a');
    const b = w.job('b', { 'wait-timeout-minutes': '60' }, { slack: true });
    const waiting = b.coordinate();
    await polling(w, b);
    const f = await freezeFor(w, 2 * H);
    const until = f.until!;

    // The holder is never stopped by a freeze: it deploys and releases.
    await w.until(a.deploy({ durationMs: 30_000 }));
    await w.until(a.finalize());
    await w.advance(60_000);
    expect(b.coordinateIO?.outputs.get('result')).toBeUndefined();
    const said = b.sink.line('is frozen until', 'coordinate');
    expect(said).toMatchObject({ level: 'warning', title: 'Deploy freeze' });
    expect(said.message).toContain(
      `${w.environment} is frozen until ${until} (in 1h 59m): "holiday freeze" (freeze ${f.id} by oncall). This run keeps its place in the queue and waits`
    );
    expect(b.sink.find(`Frozen until ${until}: "holiday freeze".`)).toBeDefined();
    expect(w.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    // Its place: its ticket is still in the queue.
    expect((await w.queue()).tickets.map((t) => t.correlationId)).toEqual([b.correlationId]);
    // Slack: the 'queued' notice says it is frozen, until when and why.
    const queued = slack.messages(STATUS_CHANNEL).find((m) => m.text.includes('Deployment queued'));
    expect(queued?.text).toContain(`frozen until ${until}`);
    expect(JSON.stringify(queued?.blocks)).toContain('holiday freeze');

    // Thawed (as `deploy-coordinator thaw` does): the run acquires within two polls (5 s each).
    const thawedAt = w.vt.now();
    expect(await w.registry.freezes.thaw(f, 'oncall')).toBe(true);
    const { io } = await w.until(waiting);
    expect(io.output('result')).toBe('acquired');
    const [acquire] = w.calls({ job: b, op: 'lock.acquire' });
    expect(acquire!.startedAt - thawedAt).toBeLessThanOrEqual(10_000);
    expect(b.sink.find('The freeze of')?.message).toBe(
      `The freeze of ${w.environment} is over (thawed or ended): going on.`
    );
    await w.until(b.deploy({ durationMs: 10_000 }));
    const post = await w.until(b.finalize());
    expect(summaryRow(post.summary, 'Freeze')).toContain('waited through it');
  });

  it('a freeze longer than the wait: result frozen, exit 1, with the end of the freeze in the message', async () => {
    world = new World({ dynamo, slack });
    const w = world;
    const f = await freezeFor(w, 2 * H, 'change freeze before the audit');
    const b = w.job('b', { 'wait-timeout-minutes': '1' }, { slack: true });
    const { io } = await w.until(b.coordinate());

    expect(outputs(io)).toMatchObject({ result: 'frozen', 'queue-position': '0' });
    expect(io.exitCode).toBe(1);
    const error = b.sink
      .annotations('coordinate')
      .find((x) => x.title === 'Deploy freeze' && x.level === 'error');
    expect(error?.message).toContain(`is frozen until ${f.until}`);
    expect(error?.message).toContain('"change freeze before the audit"');
    expect(error?.message).toContain("outlasted this run's wait (1m 00s, wait-timeout-minutes)");
    expect(w.vt.now() - T0).toBeGreaterThanOrEqual(60_000);
    expect(await w.transitions(b.correlationId)).toEqual(['queued', 'frozen']);
    expect((await w.record(b.correlationId))?.transitions[1]?.note).toBe(`until ${f.until}`);
    expect(w.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    expect((await w.queue()).tickets).toEqual([]);
    // Its notice in Slack became 'not deploying', with the freeze.
    const notice = slack.messages(STATUS_CHANNEL).find((m) => m.text.includes('Not deploying'));
    expect(notice?.text).toContain(`frozen until ${f.until}`);

    const post = await w.until(b.finalize());
    expect(summaryRow(post.summary, 'Coordination')).toBe('| Coordination | frozen |');
    expect(summaryRow(post.summary, 'Freeze')).toContain(`frozen until ${f.until}`);
    expect(summaryRow(post.summary, 'Freeze')).toContain('it outlasted the wait');
  });

  it('override-freeze acquires during the freeze: the reason on the record, in the thread and the channel, and in the summary', async () => {
    world = new World({ dynamo, slack });
    const w = world;
    const f = await freezeFor(w, 2 * H);
    const b = w.job(
      'b',
      { 'wait-timeout-minutes': '1', 'override-freeze': 'hotfix for INC-42' },
      { slack: true }
    );
    const { io } = await w.until(b.coordinate());

    expect(outputs(io)).toMatchObject({ result: 'acquired' });
    expect(b.sink.annotations('coordinate')).toContainEqual({
      level: 'warning',
      title: 'Freeze overridden',
      message: expect.stringContaining(
        `Freeze overridden (override-freeze: hotfix for INC-42): ${w.environment} is frozen until ${f.until}`
      )
    });
    const record = await w.record(b.correlationId);
    expect(record?.transitions.map((t) => t.state)).toEqual([
      'queued',
      'acquired',
      'freeze-overridden'
    ]);
    expect(record?.transitions[2]?.note).toMatch(/^hotfix for INC-42; /);
    // Announced in its thread, broadcast to the channel.
    const [, ts] = (b.state.get(State.SlackThread) ?? '').split(':');
    const override = slack.thread(ts ?? '').find((m) => m.text.includes('Freeze overridden'));
    expect(override?.reply_broadcast).toBe(true);
    expect(override?.text).toContain('hotfix for INC-42');

    await w.until(b.deploy({ durationMs: 10_000 }));
    const post = await w.until(b.finalize());
    expect(summaryRow(post.summary, 'Freeze overridden')).toContain(
      `hotfix for INC-42 (override-freeze); ${w.environment} is frozen until ${f.until}`
    );
  });

  it('override-freeze goes past frozen waiters ahead of it (a high one too) and acquires during the freeze; they keep their places and wait', async () => {
    world = new World({ dynamo });
    const w = world;
    const f = await freezeFor(w, 2 * H);
    const n1 = w.job('n1', { 'wait-timeout-minutes': '60' });
    const n2 = w.job('n2', { 'wait-timeout-minutes': '60' });
    const hi = w.job('hi', { 'wait-timeout-minutes': '60', priority: 'high' });
    const waits = [n1.coordinate(), n2.coordinate(), hi.coordinate()];
    for (const j of [n1, n2, hi]) await polling(w, j);
    const fix = w.job('fix', {
      'wait-timeout-minutes': '1',
      'override-freeze': 'hotfix for INC-42'
    });
    const { io } = await w.until(fix.coordinate());
    expect(io.output('result')).toBe('acquired');
    // Nobody else took the lock: the frozen ones never tried.
    for (const j of [n1, n2, hi]) expect(w.calls({ job: j, op: 'lock.acquire' })).toEqual([]);
    expect((await w.queue()).tickets.map((t) => t.correlationId).sort()).toEqual(
      [n1, n2, hi].map((j) => j.correlationId).sort()
    );
    expect((await w.queue()).lock.holder?.correlationId).toBe(fix.correlationId);
    await w.until(fix.deploy({ durationMs: 10_000 }));
    await w.until(fix.finalize());
    // Still frozen once it released: the three wait on, in their places.
    await w.advance(30_000);
    for (const j of [n1, n2, hi]) expect(j.coordinateIO?.outputs.get('result')).toBeUndefined();
    expect(await w.registry.freezes.thaw(f, 'oncall')).toBe(true);
    // Thawed: high first, then the normal ones in arrival order.
    const order: string[] = [];
    const go = async (j: typeof n1, p: Promise<unknown>) => {
      await w.until(p);
      order.push(j.name);
      await w.until(j.deploy({ durationMs: 5_000 }));
      await w.until(j.finalize());
    };
    await go(hi, waits[2]!);
    await go(n1, waits[0]!);
    await go(n2, waits[1]!);
    expect(order).toEqual(['hi', 'n1', 'n2']);
  });

  it('a freeze set while a run waits behind a holder is said within 30 s (log, and its queued notice updated in place), not only at its turn', async () => {
    world = new World({ dynamo, slack });
    const w = world;
    await holder(w, 'a');
    const b = w.job('b', { 'wait-timeout-minutes': '60' }, { slack: true });
    void b.coordinate();
    await polling(w, b);
    const queuedBefore = slack
      .messages(STATUS_CHANNEL)
      .filter((m) => m.text.includes('Deployment queued'));
    expect(queuedBefore).toHaveLength(1);
    expect(b.sink.find('is frozen until', 'coordinate')).toBeUndefined();
    const f = await freezeFor(w, 2 * H);
    const setAt = w.vt.now();
    await w.stepUntil(() => b.sink.find('is frozen until', 'coordinate') !== undefined);
    expect(w.vt.now() - setAt).toBeLessThanOrEqual(35_000);
    expect(b.sink.line('is frozen until', 'coordinate')).toMatchObject({
      level: 'warning',
      title: 'Deploy freeze'
    });
    await w.stepUntil(() =>
      slack.messages(STATUS_CHANNEL).some((m) => m.text.includes(`frozen until ${f.until}`))
    );
    const queued = slack
      .messages(STATUS_CHANNEL)
      .filter((m) => m.text.includes('Deployment queued'));
    expect(queued).toHaveLength(1);
    expect(queued[0]?.ts).toBe(queuedBefore[0]?.ts);
    expect(queued[0]?.text).toMatch(
      /^:snowflake: Deployment queued: .*, frozen until .*, position 1 behind /
    );
    await w.registry.freezes.thaw(f, 'oncall');
  });

  it('skip-superseded: a newer run of the same ref without override-freeze does not drop one with it (the newer one would be held)', async () => {
    world = new World({ dynamo });
    const w = world;
    await holder(w, 'a');
    await freezeFor(w, 2 * H);
    const fix = w.job('fix', {
      'skip-superseded': 'true',
      'override-freeze': 'hotfix for INC-42',
      'wait-timeout-minutes': '10'
    });
    void fix.coordinate();
    await polling(w, fix);
    const push = w.job('push', { 'wait-timeout-minutes': '10' });
    void push.coordinate();
    await polling(w, push);
    await w.advance(30_000);
    expect(fix.coordinateIO?.outputs.get('result')).toBeUndefined();
    expect(fix.sink.find('A newer run for')).toBeUndefined();
  });

  it('override-freeze goes through when the freezes cannot be read; without it a run waits; a role denied the freezes ends misconfigured', async () => {
    world = new World({ dynamo });
    const w = world;
    await freezeFor(w, 2 * H);
    const unreadable = (d: CoordinateDeps, name: string): CoordinateDeps => ({
      ...d,
      registry: {
        ...d.registry,
        freezes: {
          ...d.registry.freezes,
          list: () =>
            Promise.reject(
              new RegistryUnavailableError('freezes read', Object.assign(new Error('no'), { name }))
            )
        }
      }
    });
    const fix = w.job('fix', { 'wait-timeout-minutes': '0.5', 'override-freeze': 'INC-42' });
    const { io } = await w.until(
      fix.coordinate({ tweak: (d) => unreadable(d, 'InternalServerError') })
    );
    expect(io.output('result')).toBe('acquired');
    await w.until(fix.finalize());

    const held = w.job('held', { 'wait-timeout-minutes': '0.5' });
    const { io: heldIO } = await w.until(
      held.coordinate({ tweak: (d) => unreadable(d, 'InternalServerError') })
    );
    expect(heldIO.output('result')).not.toBe('acquired');
    expect(w.calls({ job: held, op: 'lock.acquire' })).toEqual([]);
    await w.until(held.finalize());

    const denied = w.job('denied', { 'wait-timeout-minutes': '0.5' });
    const { io: deniedIO } = await w.until(
      denied.coordinate({ tweak: (d) => unreadable(d, 'AccessDeniedException') })
    );
    expect(deniedIO.output('result')).toBe('blocked');
    expect(JSON.stringify(deniedIO.output('validation'))).toContain('FREEZES partition');
    expect(w.calls({ job: denied, op: 'lock.acquire' })).toEqual([]);
    await w.until(denied.finalize());
  });

  it('its first read of the freezes fails and the next in the same poll holds it: one queued notice, with the freeze', async () => {
    world = new World({ dynamo, slack });
    const w = world;
    // Someone deploys the stack from the console: position 1, and nobody in the queue ahead.
    w.cfn.put('AppStack', 'UPDATE_IN_PROGRESS');
    const f = await freezeFor(w, 2 * H);
    let reads = 0;
    const b = w.job('b', { 'wait-timeout-minutes': '0.5' }, { slack: true });
    const { io } = await w.until(
      b.coordinate({
        tweak: (d) => ({
          ...d,
          registry: {
            ...d.registry,
            freezes: {
              ...d.registry.freezes,
              list: () =>
                ++reads === 1
                  ? Promise.reject(
                      new RegistryUnavailableError(
                        'freezes read',
                        Object.assign(new Error('blip'), { name: 'InternalServerError' })
                      )
                    )
                  : d.registry.freezes.list()
            }
          }
        })
      })
    );
    expect(io.output('result')).toBe('frozen');
    // Posted once (then closed in place as 'not deploying'), and with the freeze from the start.
    const posted = slack
      .callsOf('chat.postMessage')
      .map((c) => String(c.body['text']))
      .filter((t) => t.includes('Deployment queued'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain(`frozen until ${f.until}`);
    expect(
      slack.messages(STATUS_CHANNEL).filter((m) => m.text.includes('Not deploying'))
    ).toHaveLength(1);
    await w.until(b.finalize());
  });

  it('a frozen run cut off from the table falls back to CloudFormation alone and still obeys the freeze it read: frozen, not deployed', async () => {
    world = new World({ dynamo });
    const w = world;
    const f = await freezeFor(w, 2 * H);
    const b = w.job('b', { 'wait-timeout-minutes': '3', 'lease-minutes': '0.5' });
    const running = b.coordinate();
    await polling(w, b);
    b.net.coordinate.down = true;
    const { io } = await w.until(running);
    expect(b.sink.find('Falling back to CloudFormation-only coordination')).toBeDefined();
    expect(io.output('result')).toBe('frozen');
    expect(b.sink.find('is over (thawed or ended)')).toBeUndefined();
    expect(
      b.sink
        .annotations('coordinate')
        .find((x) => x.title === 'Deploy freeze' && x.level === 'error')?.message
    ).toContain(`is frozen until ${f.until}`);
    b.net.coordinate.down = false;
  });

  it('a freeze of all environments holds this one too; one of another environment does not', async () => {
    world = new World({ dynamo });
    const w = world;
    const now = new Date(w.vt.now()).toISOString();
    const later = new Date(w.vt.now() + H).toISOString();
    const base = { by: 'oncall', createdAt: now, from: now, until: later };
    await w.registry.freezes.add({
      ...base,
      id: 'fz-other',
      environment: 'elsewhere',
      reason: 'x'
    });
    const free = w.job('free', { 'wait-timeout-minutes': '0.5' });
    const { io } = await w.until(free.coordinate());
    expect(io.output('result')).toBe('acquired');
    await w.until(free.finalize());

    await w.registry.freezes.add({
      ...base,
      id: `fz-all-${w.environment}`,
      environment: '*',
      reason: 'company offsite'
    });
    const held = w.job('held', { 'wait-timeout-minutes': '0.5' });
    const { io: heldIO } = await w.until(held.coordinate());
    expect(heldIO.output('result')).toBe('frozen');
    expect(held.sink.find('"company offsite" (freeze fz-all-')?.message).toContain(
      'all environments'
    );
    await w.until(held.finalize());
    // Leave the other worlds of this file (and the table) unfrozen.
    for (const f of (await w.registry.freezes.list()).items)
      await w.registry.freezes.thaw(f, 'test');
  });
});
