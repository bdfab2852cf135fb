import {
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue
} from '@aws-sdk/client-dynamodb';
import type { Participant } from '../../src/ports/registry.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { diagnose } from '../../src/registry/repair.js';
import { applyRepair } from '../../src/registry/repair-apply.js';
import { ticketKey } from '../../src/registry/schema-lock.js';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';

// doctor's reading and repairs against dynalite: everything the action writes reads back; each
// repair mends what it says and nothing else; none applies over a change made since the read.

let rig: DynamoRig;
beforeAll(async () => {
  rig = await DynamoRig.start();
});
afterAll(async () => {
  await rig.close();
});
beforeEach(async () => {
  for (const i of await rig.items())
    await raw().send(
      new DeleteItemCommand({
        TableName: rig.table,
        Key: { pk: { S: String(i['pk']) }, sk: { S: String(i['sk']) } }
      })
    );
});

const raw = () => asTestCaller(rig.client());
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: string): AttributeValue => ({ N: n });
const put = (item: Record<string, AttributeValue>) =>
  raw().send(new PutItemCommand({ TableName: rig.table, Item: item }));

const participant = (environment: string, correlationId: string): Participant => ({
  correlationId,
  owner: `owner-${correlationId}`,
  environment,
  stacks: ['AppStack'],
  run: { runId: '1', runAttempt: '1', runUrl: 'https://github.com/o/r/actions/runs/1' },
  leaseMs: 60_000,
  priority: 'high',
  overridesFreeze: true
});

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe('doctor reads what the action writes', () => {
  it('every kind of item, as this release writes it, decodes: nothing to repair', async () => {
    const registry = dynamoRegistry(rig.client(), rig.table);
    const env = 'written';
    const a = participant(env, 'run-a');
    const b = { ...participant(env, 'run-b'), priority: 'normal' as const, overridesFreeze: false };
    const ticket = (await registry.lock.enqueue(a))!;
    await registry.lock.enqueue(b);
    await registry.lock.heartbeatTicket(env, ticket);
    const held = (await registry.lock.acquire(a, (await registry.lock.view(env)).lock))!;
    await registry.lock.removeTicket(env, ticket.seq);
    await registry.lock.heartbeatLock(env, { ...held });
    await registry.lock.release(env, { ...held }, 'succeeded');
    await registry.lock.acquire(b, (await registry.lock.view(env)).lock);
    await registry.lock.forceUnlock(env, 'checked the stack', 'oncall');
    await registry.records.putRecord(
      {
        correlationId: 'run-a',
        environment: env,
        stacks: ['AppStack'],
        run: a.run,
        priority: 'high'
      },
      { state: 'queued', at: new Date().toISOString() }
    );
    await registry.records.addTransition(
      'run-a',
      {
        state: 'released',
        at: new Date().toISOString(),
        note: 'n',
        by: { id: 'U1', name: 'Dana' }
      },
      { fence: 1, outcome: 'failed', rootCause: 'Db failed' }
    );
    // A transition on a record whose start was never written (a predecessor's taken-over).
    await registry.records.addTransition('run-gone', {
      state: 'taken-over',
      at: new Date().toISOString()
    });
    await registry.history.add({
      correlationId: 'run-a',
      environment: env,
      stacks: ['AppStack'],
      outcome: 'succeeded',
      startedAt: '2026-12-07T10:00:00.000Z',
      endedAt: '2026-12-07T10:04:00.000Z',
      durationMs: 240_000,
      resourceTypeSeconds: { 'AWS::Lambda::Function': 12.5 }
    });
    const base = { reason: 'r', by: 'oncall', createdAt: new Date().toISOString() };
    await registry.freezes.add({
      ...base,
      id: 'fz-1',
      environment: env,
      until: '2027-01-01T00:00:00.000Z',
      from: '2026-12-24T00:00:00.000Z'
    });
    await registry.freezes.add({
      ...base,
      id: 'fz-2',
      environment: '*',
      cron: '0 14 * * 5',
      durationMs: 6 * 3_600_000,
      timeZone: 'Europe/Berlin'
    });
    await registry.freezes.thaw({ ...base, id: 'fz-1', environment: env }, 'oncall');
    await until(async () => (await rig.items()).some((i) => i['pk'] === 'ENVS'));

    const { problems, read, foreign } = await diagnose(raw(), rig.table);
    expect(problems.map((p) => p.unreadable)).toEqual([]);
    expect(foreign).toBe(0);
    expect(read).toBe((await rig.items()).length);
    // And what older releases wrote: a lock and a ticket without owner tokens.
    await put({
      pk: S('ENV#old'),
      sk: S('LOCK'),
      fence: N('3'),
      holder: S('old-run'),
      heartbeat: S('hb'),
      heartbeatAt: S('2026-12-07T10:00:00.000Z'),
      acquiredAt: S('2026-12-07T10:00:00.000Z'),
      leaseMs: N('900000'),
      run: { M: {} },
      stacks: { L: [S('AppStack')] }
    });
    await put({
      pk: S('ENV#old'),
      sk: S('QUEUE'),
      seq: N('4'),
      tickets: {
        M: {
          [ticketKey(4)]: {
            M: {
              seq: N('4'),
              correlationId: S('old-waiter'),
              heartbeat: S('hb'),
              enqueuedAt: S('2026-12-07T10:00:00.000Z'),
              leaseMs: N('900000'),
              run: { M: {} },
              expiresAt: N('1765000000')
            }
          }
        }
      }
    });
    expect((await diagnose(raw(), rig.table)).problems).toEqual([]);
  });
});

describe("doctor's repairs", () => {
  const NOW = Date.parse('2026-12-07T12:00:00.000Z');
  const lock = (heartbeatAt: string, fence: AttributeValue) => ({
    pk: S('ENV#prod'),
    sk: S('LOCK'),
    fence,
    holder: S('run-7'),
    owner: S('owner-7'),
    heartbeat: S('hb-7'),
    heartbeatAt: S(heartbeatAt),
    acquiredAt: S('2026-12-07T11:00:00.000Z'),
    leaseMs: N('600000'),
    run: { M: {} },
    stacks: { L: [S('AppStack')] }
  });

  it('a holding that cannot be read: left while its holder may still heartbeat, then freed past every fence used', async () => {
    // fence as text, the records know fence 9.
    await put(lock('2026-12-07T11:59:00.000Z', S('7')));
    await put({
      pk: S('DEPLOY#run-9'),
      sk: S('RECORD'),
      correlationId: S('run-9'),
      environment: S('prod'),
      stacks: { L: [] },
      run: { M: {} },
      fence: N('9'),
      transitions: { L: [] }
    });
    const [live] = (await diagnose(raw(), rig.table, () => NOW)).problems;
    expect(live?.repair).toEqual({
      kind: 'wait',
      lastHeartbeat: '2026-12-07T11:59:00.000Z',
      until: '2026-12-07T12:09:00.000Z'
    });
    expect(await applyRepair(raw(), rig.table, live!)).toBe(false);

    const [stale] = (await diagnose(raw(), rig.table, () => NOW + 3_600_000)).problems;
    expect(stale?.repair).toEqual({ kind: 'free-lock', fence: 9 });
    expect(await applyRepair(raw(), rig.table, stale!)).toBe(true);
    const registry = dynamoRegistry(rig.client(), rig.table);
    const view = await registry.lock.view('prod');
    expect(view.lock).toMatchObject({ fence: 9, lastOutcome: 'repaired' });
    expect(view.lock.holder).toBeUndefined();
    expect((await registry.lock.acquire(participant('prod', 'run-10'), view.lock))?.fence).toBe(10);
  });

  it('an attribute no release writes, on a live lock or on a ticket: removed alone; the holder and the waiter keep theirs', async () => {
    await put({
      ...lock('2026-12-07T11:59:00.000Z', N('7')),
      heartbeatNs: N('1733590000000000000.5')
    });
    await put({
      pk: S('ENV#prod'),
      sk: S('QUEUE'),
      seq: N('2'),
      tickets: {
        M: {
          [ticketKey(2)]: {
            M: {
              seq: N('2'),
              correlationId: S('waiter'),
              owner: S('owner-w'),
              heartbeat: S('hb'),
              enqueuedAt: S('2026-12-07T11:00:00.000Z'),
              leaseMs: N('600000'),
              run: { M: {} },
              note: N('9007199254740993')
            }
          }
        }
      }
    });
    const { problems } = await diagnose(raw(), rig.table, () => NOW);
    expect(problems.map((p) => p.repair)).toEqual([
      { kind: 'remove-attribute', path: ['heartbeatNs'] },
      { kind: 'remove-attribute', path: ['tickets', ticketKey(2), 'note'] }
    ]);
    for (const p of problems) expect(await applyRepair(raw(), rig.table, p)).toBe(true);
    const view = await dynamoRegistry(rig.client(), rig.table).lock.view('prod');
    expect(view.lock.holder).toMatchObject({ correlationId: 'run-7', owner: 'owner-7', fence: 7 });
    expect(view.tickets.map((t) => [t.seq, t.correlationId])).toEqual([[2, 'waiter']]);
  });

  it('a queue counter that cannot be read: set so that the next run takes a number again', async () => {
    await put({ pk: S('ENV#prod'), sk: S('QUEUE'), seq: S('3'), tickets: { M: {} } });
    const [p] = (await diagnose(raw(), rig.table)).problems;
    expect(p?.repair).toEqual({ kind: 'reset-queue', seq: 3, emptyTickets: false });
    expect(await applyRepair(raw(), rig.table, p!)).toBe(true);
    const t = await dynamoRegistry(rig.client(), rig.table).lock.enqueue(
      participant('prod', 'next')
    );
    expect(t?.seq).toBe(4);

    await put({ pk: S('ENV#empty'), sk: S('QUEUE'), seq: S('x') });
    const [q] = (await diagnose(raw(), rig.table)).problems;
    expect(q?.repair).toEqual({ kind: 'reset-queue', seq: 1, emptyTickets: true });
    expect(await applyRepair(raw(), rig.table, q!)).toBe(true);
    expect(
      (await dynamoRegistry(rig.client(), rig.table).lock.enqueue(participant('empty', 'n')))?.seq
    ).toBe(2);
  });

  it('never over a change made since the read: a heartbeat, an attribute added, an item rewritten', async () => {
    await put({
      ...lock('2026-12-07T11:59:00.000Z', N('7')),
      heartbeatNs: N('1733590000000000000.5')
    });
    const [beat] = (await diagnose(raw(), rig.table, () => NOW)).problems;
    await raw().send(
      new UpdateItemCommand({
        TableName: rig.table,
        Key: { pk: S('ENV#prod'), sk: S('LOCK') },
        UpdateExpression: 'SET heartbeat = :hb',
        ExpressionAttributeValues: { ':hb': S('hb-8') }
      })
    );
    expect(await applyRepair(raw(), rig.table, beat!)).toBe(false);

    await put({ pk: S('ENV#prod'), sk: S('HIST#x#y'), correlationId: S('y') });
    const [hist] = (await diagnose(raw(), rig.table)).problems.filter(
      (p) => p.repair.kind === 'delete-item'
    );
    await raw().send(
      new UpdateItemCommand({
        TableName: rig.table,
        Key: { pk: S('ENV#prod'), sk: S('HIST#x#y') },
        UpdateExpression: 'SET outcome = :o',
        ExpressionAttributeValues: { ':o': S('succeeded') }
      })
    );
    expect(await applyRepair(raw(), rig.table, hist!)).toBe(false);
    expect((await rig.items()).some((i) => i['sk'] === 'HIST#x#y')).toBe(true);
  });
});
