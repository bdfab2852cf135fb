import { UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import { queueTickets } from '../../test-rig/dynamo-rig.js';
import { cfn, deployStep, dynamo, record, registryJob } from './registry-queue-harness.js';

/**
 * Items of the shared table that no release of the action wrote (a hand, a script, another
 * version): each is an answer the action cannot read, never taken for silence. The runs go
 * through pre, main and post as the runner runs them; the table and the calls are checked after.
 */

const POLL_S = 0.5;

/** Writes raw attribute values (a number JavaScript cannot hold, a string where a number goes). */
async function setRaw(
  sk: 'LOCK' | 'QUEUE',
  set: Record<string, AttributeValue>,
  remove: string[] = []
): Promise<void> {
  const names = [...Object.keys(set), ...remove];
  const sets = Object.keys(set).map((k) => `#${k} = :${k}`);
  await asTestCaller(dynamo.client()).send(
    new UpdateItemCommand({
      TableName: dynamo.table,
      Key: { pk: { S: 'ENV#production' }, sk: { S: sk } },
      UpdateExpression: [
        sets.length ? `SET ${sets.join(', ')}` : '',
        remove.length ? `REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : ''
      ].join(' '),
      ExpressionAttributeNames: Object.fromEntries(names.map((k) => [`#${k}`, k])),
      ...(sets.length
        ? {
            ExpressionAttributeValues: Object.fromEntries(
              Object.entries(set).map(([k, v]) => [`:${k}`, v])
            )
          }
        : {})
    })
  );
}

/** A lock held long ago by a run that is gone: its lease (3 s) ran out an hour ago. */
const STALE_HOLDER: Record<string, AttributeValue> = {
  holder: { S: 'gone-0001' },
  owner: { S: 'owner-of-gone' },
  heartbeat: { S: 'hb-1' },
  acquiredAt: { S: '2026-12-01T10:00:00.000Z' },
  heartbeatAt: { S: '2026-12-01T10:00:00.000Z' },
  leaseMs: { N: '3000' },
  run: { M: {} },
  stacks: { L: [{ S: 'AppStack' }] }
};

const blockedBy = (stdout: string, attribute: string, key = 'ENV#production / LOCK'): void => {
  expect(stdout).toMatch(/REGISTRY_CORRUPT/);
  expect(stdout).toContain(key);
  expect(stdout).toContain(attribute);
  expect(stdout).toContain('deploy-coordinator doctor --fix');
  expect(stdout).not.toMatch(/Falling back to CloudFormation-only/);
  expect(stdout).not.toMatch(/Another run took the lock first/);
};

describe('an item of the lock or the queue that does not decode', () => {
  beforeEach(() => cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' }));

  it("a live holder's LOCK with a number JavaScript cannot hold: the next run ends blocked (REGISTRY_CORRUPT), never falls back; the holder deploys and releases as usual", async () => {
    const holder = await registryJob('holder', 7101, { 'lease-minutes': '0.1' });
    await holder.runStage('pre');
    const held = await holder.runStage('main');
    expect(held?.outputs['result']).toBe('acquired');
    await setRaw('LOCK', { heartbeatNs: { N: '1733590000000000000.5' } });

    // Waits longer than a lease would allow a fallback (6 s), if the answer were taken for silence.
    const waiter = await registryJob('waiter', 7102, {
      'wait-timeout-minutes': '0.3',
      'lease-minutes': '0.1',
      'poll-interval-seconds': String(POLL_S)
    });
    await waiter.runStage('pre');
    const main = await waiter.runStage('main');
    expect(main?.outputs['result']).toBe('blocked');
    expect(main?.exitCode).toBe(1);
    blockedBy(main!.stdout, 'heartbeatNs');
    expect(main!.stdout).toContain('1733590000000000000.5');
    expect(main?.annotations.some((a) => /REGISTRY_CORRUPT/.test(a.message))).toBe(true);
    // It never acquired, never deployed: its record ends without a lock.
    const states = ((await record(main!.outputs['correlation-id']!))?.transitions ?? []).map(
      (t) => t.state
    );
    expect(states).not.toContain('acquired');
    expect(queueTickets(await dynamo.items())).toEqual([]);
    expect((await waiter.runStage('post'))?.exitCode).toBe(0);

    // The holder, meanwhile and after: heartbeats kept landing, its deployment and release are its own.
    await deployStep(holder, held);
    const post = await holder.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Released production \(fencing token 1\), outcome succeeded/);
    const lock = (await dynamo.items()).find(
      (i) => i['pk'] === 'ENV#production' && i['sk'] === 'LOCK'
    );
    expect(lock).toMatchObject({ fence: 1, lastHolder: held?.outputs['correlation-id'] });
    expect(lock?.['holder']).toBeUndefined();
  });

  it.each([
    ['a stale LOCK without fence', 'LOCK', STALE_HOLDER, [], 'fence'],
    [
      'a stale LOCK with fence as a string',
      'LOCK',
      { ...STALE_HOLDER, fence: { S: '1' } },
      [],
      'fence'
    ],
    ['a QUEUE with seq as a string', 'QUEUE', { seq: { S: '3' }, tickets: { M: {} } }, [], 'seq'],
    ['a QUEUE without its tickets', 'QUEUE', { seq: { N: '3' } }, [], 'tickets']
  ] as const)(
    '%s: the run ends blocked at once, naming the item and the attribute, with a few requests',
    async (_what, sk, set, remove, attribute) => {
      await setRaw(sk, set, [...remove]);
      dynamo.resetCounts();
      const job = await registryJob('corrupt', 7201, {
        'wait-timeout-minutes': '0.2',
        'poll-interval-seconds': String(POLL_S)
      });
      await job.runStage('pre');
      const main = await job.runStage('main');
      expect(main?.outputs['result']).toBe('blocked');
      blockedBy(main!.stdout, attribute, `ENV#production / ${sk}`);
      // Read once (or twice: the counter, then the lock and queue), never retried in a loop.
      const lockAndQueue = dynamo.requests.filter((r) => r.op === 'Query' || r.op === 'GetItem');
      expect(lockAndQueue.length).toBeLessThanOrEqual(4);
      expect(dynamo.requests.length).toBeLessThanOrEqual(10);
      expect(cfn.callsOf('DescribeStacks').length).toBeLessThanOrEqual(2);
      expect((await job.runStage('post'))?.exitCode).toBe(0);
    }
  );

  it('a queue whose condition is never met (every write refused): every try pauses, ten refused numbers end the run blocked naming the QUEUE counter, a SIGINT ends the wait within one poll', async () => {
    // Every write refused as if its condition failed, whatever the item says (no item to blame).
    dynamo.refuseConditions(10_000, { ops: ['UpdateItem'] });
    const timed = await registryJob('refused', 7301, {
      'wait-timeout-minutes': String(3 / 60),
      'poll-interval-seconds': String(POLL_S)
    });
    await timed.runStage('pre');
    dynamo.resetCounts();
    const started = Date.now();
    const main = await timed.runStage('main');
    const tookMs = Date.now() - started;
    // Refused ten times in a row, each after a pause: reported, naming the queue's counter.
    expect(main?.outputs['result']).toBe('blocked');
    blockedBy(main!.stdout, 'seq', 'ENV#production / QUEUE');
    // At most a few requests per poll interval: each try (a get of the counter, the refused
    // write, and the index's background write, refused too and so sent again) after a pause, at
    // most two tries a poll interval.
    const polls = tookMs / (POLL_S * 1000);
    const refusedWrites = dynamo.requests.filter((r) => r.faulted).length;
    expect(refusedWrites).toBeLessThanOrEqual(2 * 10);
    const tries = dynamo.requests.filter((r) => r.op === 'GetItem').length;
    expect(tries).toBe(10);
    expect(tries).toBeLessThanOrEqual(2 * Math.ceil(polls));
    expect(dynamo.requests.length).toBeLessThanOrEqual(3 * tries + 1);
    expect(cfn.callsOf('DescribeStacks').length).toBeLessThanOrEqual(Math.ceil(polls) + 2);

    const cancelled = await registryJob('refused-cancelled', 7302, {
      'wait-timeout-minutes': '10',
      'poll-interval-seconds': '3'
    });
    await cancelled.runStage('pre');
    dynamo.resetCounts();
    const running = cancelled.startStage('main');
    // Tried and refused at least twice: it is in its loop.
    for (let i = 0; i < 200 && dynamo.requests.filter((r) => r.faulted).length < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    const before = Date.now();
    await cancelled.cancel();
    const ended = await running.result;
    expect(ended?.outputs['result']).toBe('aborted');
    expect(Date.now() - before).toBeLessThan(3_000);
  }, 60_000);
});
