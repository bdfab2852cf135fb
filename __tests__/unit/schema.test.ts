import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { readNumber, type Decoded } from '../../src/registry/schema.js';
import { decodeFreeze, decodeIndexEntry } from '../../src/registry/schema-freezes.js';
import { decodeLock, decodeQueue, ticketKey } from '../../src/registry/schema-lock.js';
import { decodeHistory, decodeRecord } from '../../src/registry/schema-records.js';
import type { Unreadable } from '../../src/ports/registry.js';
import { concerns, describeUnreadable } from '../../src/ports/registry-errors.js';

const lockKey = { pk: 'ENV#production', sk: 'LOCK' };
const heldLock = {
  ...lockKey,
  fence: 3,
  holder: 'run-0003',
  owner: 'owner-3',
  heartbeat: 'hb',
  heartbeatAt: '2026-12-07T10:00:00.000Z',
  acquiredAt: '2026-12-07T10:00:00.000Z',
  leaseMs: 900_000,
  run: { runId: '3', runUrl: 'https://github.com/o/r/actions/runs/3' },
  stacks: ['AppStack']
};
const ticket = (seq: number, extra: Record<string, unknown> = {}) => ({
  seq,
  correlationId: `run-${seq}`,
  owner: `owner-${seq}`,
  heartbeat: 'hb',
  enqueuedAt: '2026-12-07T10:00:00.000Z',
  leaseMs: 900_000,
  run: {},
  ...extra
});
const queue = (seq: number, tickets: Record<string, unknown>[]) => ({
  pk: 'ENV#production',
  sk: 'QUEUE',
  seq,
  tickets: Object.fromEntries(tickets.map((t) => [ticketKey(t['seq'] as number), t]))
});
const history = {
  pk: 'ENV#production',
  sk: 'HIST#2026-12-07T10:05:00.000Z#run-1',
  correlationId: 'run-1',
  environment: 'production',
  stacks: ['AppStack'],
  outcome: 'succeeded',
  startedAt: '2026-12-07T10:00:00.000Z',
  endedAt: '2026-12-07T10:05:00.000Z',
  durationMs: 300_000,
  resourceTypeSeconds: { 'AWS::Lambda::Function': 40 }
};
const freeze = {
  pk: 'FREEZES',
  sk: 'FREEZE#production#fz-1',
  id: 'fz-1',
  environment: 'production',
  reason: 'holiday',
  by: 'oncall',
  createdAt: '2026-12-07T10:00:00.000Z',
  until: '2026-12-27T00:00:00.000Z'
};

function unreadable<T>(d: Decoded<T>): Unreadable {
  if (d.ok) throw new Error(`decoded: ${JSON.stringify(d.value)}`);
  return d.unreadable;
}

describe('readNumber (the document client number hook)', () => {
  it('keeps exact numbers as numbers and the rest as DynamoDB wrote them', () => {
    expect(readNumber('42')).toBe(42);
    expect(readNumber('0.5')).toBe(0.5);
    expect(readNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const text of [
      '9007199254740992',
      '1733590000000000000.5',
      '-9007199254740993',
      '1e400'
    ]) {
      const n = readNumber(text);
      expect(n).toBeInstanceOf(NumberValue);
      expect((n as NumberValue).value).toBe(text);
    }
  });
});

describe('decodeLock', () => {
  it('a held lock, a free one and no item at all', () => {
    expect(decodeLock('production', heldLock)).toMatchObject({
      ok: true,
      value: { fence: 3, holder: { correlationId: 'run-0003', owner: 'owner-3', leaseMs: 900_000 } }
    });
    expect(decodeLock('production', { ...lockKey, fence: 3, lastHolder: 'run-0003' })).toEqual({
      ok: true,
      value: { environment: 'production', fence: 3, lastHolder: 'run-0003' }
    });
    expect(decodeLock('production', undefined)).toEqual({
      ok: true,
      value: { environment: 'production', fence: 0 }
    });
  });

  it('keeps unknown extra attributes and ignores them', () => {
    expect(decodeLock('production', { ...heldLock, note: 'hand-written', n: 5 }).ok).toBe(true);
  });

  it.each([
    [
      'an unconvertible number anywhere',
      { heartbeatNs: NumberValue.from('1733590000000000000.5') },
      'heartbeatNs',
      /cannot hold exactly/
    ],
    ['no fence while held', { fence: undefined }, 'fence', /present while the lock has a holder/],
    ['fence as a string', { fence: '1' }, 'fence', /the string "1"/],
    ['fence 0 while held', { fence: 0 }, 'fence', /at least 1/],
    ['a lease of more than a day', { leaseMs: 86_400_001 }, 'leaseMs', /the number 86400001/],
    ['a negative lease', { leaseMs: -1 }, 'leaseMs', /the number -1/],
    ['a holder that is not a string', { holder: 7 }, 'holder', /the number 7/],
    ['stacks that are not a list', { stacks: 'AppStack' }, 'stacks', /the string/],
    ['an acquiredAt that is no instant', { acquiredAt: 'yesterday' }, 'acquiredAt', /ISO 8601/],
    ['a run link that is not a string', { run: { runUrl: 5 } }, 'run.runUrl', /the number 5/]
  ])(
    '%s: unreadable, naming the item, the attribute and what was found',
    (_what, patch, attribute, found) => {
      const u = unreadable(decodeLock('production', { ...heldLock, ...patch }));
      expect(u).toMatchObject({ pk: 'ENV#production', sk: 'LOCK', scope: 'production', attribute });
      expect(`${u.found}, expected ${u.expected}`).toMatch(found);
      expect(describeUnreadable(u)).toContain(`ENV#production / LOCK: ${attribute} is `);
    }
  );
});

describe('decodeQueue', () => {
  it('its tickets in arrival order, priority normal when none', () => {
    const d = decodeQueue(queue(3, [ticket(3, { priority: 'high' }), ticket(2)]));
    expect(d.ok && d.value.tickets.map((t) => [t.seq, t.priority])).toEqual([
      [2, 'normal'],
      [3, 'high']
    ]);
  });

  it.each([
    ['seq as a string', { seq: '3' }, 'seq'],
    ['no tickets map', { tickets: undefined }, 'tickets'],
    [
      'a ticket whose number is not its key',
      { tickets: { [ticketKey(2)]: ticket(1) } },
      `tickets.${ticketKey(2)}.seq`
    ],
    [
      'a ticket past the counter',
      { seq: 1, tickets: { [ticketKey(2)]: ticket(2) } },
      `tickets.${ticketKey(2)}.seq`
    ],
    [
      'a ticket with a huge lease',
      { tickets: { [ticketKey(2)]: ticket(2, { leaseMs: 1e15 }) } },
      `tickets.${ticketKey(2)}.leaseMs`
    ],
    [
      'an unknown priority',
      { tickets: { [ticketKey(2)]: ticket(2, { priority: 'urgent' }) } },
      `tickets.${ticketKey(2)}.priority`
    ]
  ])('%s: unreadable at %s', (_what, patch, attribute) => {
    expect(unreadable(decodeQueue({ ...queue(3, [ticket(2)]), ...patch })).attribute).toBe(
      attribute
    );
  });
});

describe('decodeHistory, decodeRecord, decodeIndexEntry', () => {
  it('reads what the action writes', () => {
    expect(decodeHistory(history).ok).toBe(true);
    expect(
      decodeIndexEntry({ pk: 'ENVS', sk: 'ENV#production', environment: 'production' }).ok
    ).toBe(true);
    expect(
      decodeRecord({
        pk: 'DEPLOY#run-1',
        sk: 'RECORD',
        correlationId: 'run-1',
        environment: 'production',
        stacks: ['AppStack'],
        run: {},
        priority: 'normal',
        transitions: [
          { state: 'queued', at: '2026-12-07T10:00:00.000Z', by: { id: 'U1', name: 'Dana' } }
        ]
      }).ok
    ).toBe(true);
  });

  it.each([
    ['no stacks', { stacks: undefined }, 'stacks'],
    ['a duration of 2^53', { durationMs: NumberValue.from('9007199254740992') }, 'durationMs'],
    ['a negative duration', { durationMs: -1800000 }, 'durationMs'],
    ['a duration over 30 days', { durationMs: 31 * 86_400_000 }, 'durationMs'],
    ['an end before its start', { endedAt: '2026-12-07T09:00:00.000Z' }, 'endedAt'],
    [
      'a negative time per resource type',
      { resourceTypeSeconds: { 'AWS::S3::Bucket': -4 } },
      'resourceTypeSeconds.AWS::S3::Bucket'
    ]
  ])('a history item with %s is unreadable at %s', (_what, patch, attribute) => {
    expect(unreadable(decodeHistory({ ...history, ...patch })).attribute).toBe(attribute);
  });

  it('an index entry that names another environment than its key', () => {
    expect(
      unreadable(decodeIndexEntry({ pk: 'ENVS', sk: 'ENV#production', environment: 'staging' }))
        .attribute
    ).toBe('environment');
  });
});

describe('decodeFreeze, and which environments an unreadable one concerns', () => {
  it('reads a one-off and a recurring freeze', () => {
    expect(decodeFreeze(freeze).ok).toBe(true);
    expect(
      decodeFreeze({
        ...freeze,
        until: undefined,
        cron: '0 9 * * 1',
        durationMs: 3_600_000,
        timeZone: 'UTC'
      }).ok
    ).toBe(true);
  });

  it.each([
    ['a key that names another environment', { environment: 'staging' }, 'environment'],
    ['no end and no cron', { until: undefined }, 'until'],
    ['a cron without a duration', { until: undefined, cron: '0 9 * * 1' }, 'durationMs'],
    ['an end before its start', { from: '2026-12-28T00:00:00.000Z' }, 'until'],
    [
      'a duration of 2^53',
      { until: undefined, cron: '0 9 * * 1', durationMs: NumberValue.from('9007199254740992') },
      'durationMs'
    ]
  ])('%s: unreadable at %s', (_what, patch, attribute) => {
    expect(unreadable(decodeFreeze({ ...freeze, ...patch })).attribute).toBe(attribute);
  });

  it('an unreadable freeze concerns the environment its key names, all of them for *, anyone for a key that names none', () => {
    const of = (sk: string) => unreadable(decodeFreeze({ ...freeze, sk, reason: 5 }));
    expect(concerns(of('FREEZE#production#fz-1'), 'production')).toBe(true);
    expect(concerns(of('FREEZE#production#fz-1'), 'staging')).toBe(false);
    expect(concerns(of('FREEZE#*#fz-1'), 'staging')).toBe(true);
    expect(concerns(of('FREEZE'), 'staging')).toBe(true);
  });
});
