import { environmentOverview, freezeLookup } from '../../src/cli/overview.js';
import type { Freeze } from '../../src/domain/freeze.js';
import { environmentText, freezeText, overviewText } from '../../src/cli/overview-text.js';
import { watchIntervalMs } from '../../src/cli/watch.js';
import type { HistoryEntry, QueueView, Ticket } from '../../src/ports/registry.js';

// `status` without --stack-name: who holds, who waits, and when each is expected to end or start.

const MIN = 60_000;
const NOW = Date.parse('2025-03-01T12:00:00.000Z');
const at = (ms: number): string => new Date(ms).toISOString();

const past = (durationMs: number, stacks = ['AppStack'], outcome = 'succeeded'): HistoryEntry => ({
  correlationId: `past-${durationMs}`,
  environment: 'production',
  stacks,
  outcome,
  startedAt: at(NOW - 86_400_000),
  endedAt: at(NOW - 86_400_000 + durationMs),
  durationMs
});

const ticket = (seq: number, waitingMs: number): Ticket => ({
  seq,
  correlationId: `waiter-${seq}`,
  owner: `owner-${seq}`,
  heartbeat: 'hb',
  enqueuedAt: at(NOW - waitingMs),
  leaseMs: 10 * MIN,
  run: { runUrl: `https://github.com/o/r/actions/runs/${seq}` },
  priority: 'normal'
});

/** production held for 4 minutes by `holder-1`, with two waiters (tickets 7 and 9). */
const busy: QueueView = {
  lock: {
    environment: 'production',
    fence: 3,
    holder: {
      correlationId: 'holder-1',
      owner: 'secret-owner-token',
      fence: 3,
      heartbeat: 'hb',
      acquiredAt: at(NOW - 4 * MIN),
      leaseMs: 10 * MIN,
      run: { runUrl: 'https://github.com/o/r/actions/runs/1' },
      stacks: ['AppStack']
    }
  },
  tickets: [ticket(7, 3 * MIN), ticket(9, MIN)]
};

describe('environmentOverview', () => {
  it("the holder's expected end is from its stacks' history; each waiter starts after the holder and those ahead, each taking the usual time", () => {
    const history = [
      past(10 * MIN),
      past(10 * MIN),
      past(6 * MIN, ['Other']),
      past(2 * MIN, ['Other'])
    ];
    const o = environmentOverview(busy, history, NOW);
    expect(o.holder).toEqual({
      correlationId: 'holder-1',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      since: at(NOW - 4 * MIN),
      fence: 3,
      stacks: ['AppStack'],
      expectedEnd: at(NOW + 6 * MIN),
      expectedMs: 10 * MIN,
      estimateBasis: expect.stringContaining('median of 2 successful deployments')
    });
    // The usual deployment: the median of 10, 10, 6, 2 minutes = 8 minutes.
    expect(o.queue).toEqual([
      {
        position: 1,
        priority: 'normal',
        ticket: 7,
        correlationId: 'waiter-7',
        runUrl: 'https://github.com/o/r/actions/runs/7',
        waitingSince: at(NOW - 3 * MIN),
        expectedStart: at(NOW + 6 * MIN)
      },
      expect.objectContaining({ position: 2, ticket: 9, expectedStart: at(NOW + 14 * MIN) })
    ]);
    expect(JSON.stringify(o)).not.toContain('secret-owner-token');
    expect(o.freeze).toBeUndefined();
  });

  it('without history: 30 minutes each, said so; an overdue holder puts the next start at now', () => {
    const o = environmentOverview(busy, [past(MIN, ['AppStack'], 'failed')], NOW);
    expect(o.holder).toMatchObject({
      expectedMs: 30 * MIN,
      expectedEnd: at(NOW + 26 * MIN),
      estimateBasis: 'no history yet'
    });
    const overdue = environmentOverview(busy, [past(2 * MIN)], NOW);
    expect(overdue.holder?.expectedEnd).toBe(at(NOW - 2 * MIN));
    expect(overdue.queue.map((w) => w.expectedStart)).toEqual([at(NOW), at(NOW + 2 * MIN)]);
  });

  it('the queue in the order it is served: a high ticket before normal ones that came earlier', () => {
    const o = environmentOverview(
      {
        lock: { environment: 'production', fence: 1 },
        tickets: [ticket(2, 3000), ticket(3, 2000), { ...ticket(4, 1000), priority: 'high' }]
      },
      [],
      NOW
    );
    expect(o.queue.map((w) => [w.position, w.ticket, w.priority])).toEqual([
      [1, 4, 'high'],
      [2, 2, 'normal'],
      [3, 3, 'normal']
    ]);
  });

  it('a free environment: no holder, the last release; a freeze is passed through, and no waiter starts before it ends', () => {
    const o = environmentOverview(
      {
        lock: {
          environment: 'staging',
          fence: 5,
          lastHolder: 'done-5',
          lastOutcome: 'succeeded',
          releasedAt: at(NOW - MIN)
        },
        tickets: [ticket(2, 1000)]
      },
      [past(4 * MIN)],
      NOW,
      { reason: 'holiday', until: at(NOW + 60 * MIN) }
    );
    expect(o).toEqual({
      environment: 'staging',
      holder: undefined,
      last: { correlationId: 'done-5', outcome: 'succeeded', at: at(NOW - MIN) },
      queue: [expect.objectContaining({ position: 1, expectedStart: at(NOW + 60 * MIN) })],
      freeze: { reason: 'holiday', until: at(NOW + 60 * MIN) }
    });
  });
});

describe('runs with override-freeze (tickets that say overridesFreeze)', () => {
  const history = [past(10 * MIN), past(10 * MIN), past(6 * MIN, ['Other']), past(6 * MIN)];
  const over = (t: Ticket): Ticket => ({ ...t, overridesFreeze: true });
  const mixed: QueueView = {
    ...busy,
    tickets: [
      ticket(7, 5 * MIN),
      over(ticket(8, 4 * MIN)),
      { ...ticket(9, 3 * MIN), priority: 'high' },
      over(ticket(10, 2 * MIN))
    ]
  };

  it('while frozen they are served before the frozen waiters, their start not put off by the freeze; the frozen start after it ends', () => {
    // The holder is expected to end at NOW + 6 min; the usual deployment is 8 minutes.
    const o = environmentOverview(mixed, history, NOW, {
      reason: 'holiday',
      until: at(NOW + 60 * MIN)
    });
    expect(o.queue.map((w) => [w.position, w.ticket, w.overridesFreeze, w.expectedStart])).toEqual([
      [1, 8, true, at(NOW + 6 * MIN)],
      [2, 10, true, at(NOW + 14 * MIN)],
      [3, 9, undefined, at(NOW + 60 * MIN)],
      [4, 7, undefined, at(NOW + 68 * MIN)]
    ]);
    // Overriders that outlast the freeze push the frozen back, as any run ahead does.
    const short = environmentOverview(mixed, history, NOW, {
      reason: 'holiday',
      until: at(NOW + 10 * MIN)
    });
    expect(short.queue.map((w) => [w.ticket, w.expectedStart])).toEqual([
      [8, at(NOW + 6 * MIN)],
      [10, at(NOW + 14 * MIN)],
      [9, at(NOW + 22 * MIN)],
      [7, at(NOW + 30 * MIN)]
    ]);
    expect(JSON.parse(JSON.stringify(o.queue[0]))).toMatchObject({ overridesFreeze: true });
    expect(JSON.stringify(o.queue[2])).not.toContain('overridesFreeze');
  });

  it('without a freeze they keep their place (priority, then arrival), marked all the same; the text says override-freeze', () => {
    const o = environmentOverview(mixed, history, NOW);
    expect(o.queue.map((w) => [w.ticket, w.overridesFreeze, w.expectedStart])).toEqual([
      [9, undefined, at(NOW + 6 * MIN)],
      [7, undefined, at(NOW + 14 * MIN)],
      [8, true, at(NOW + 22 * MIN)],
      [10, true, at(NOW + 30 * MIN)]
    ]);
    const queue = environmentText(o, NOW)[2]!;
    expect(queue).toContain(
      '3. waiter-8 (https://github.com/o/r/actions/runs/8, ticket #8, override-freeze) waiting since'
    );
    expect(queue).toContain(
      '1. waiter-9 (https://github.com/o/r/actions/runs/9, ticket #9, priority high) waiting since'
    );
    expect(queue).not.toContain('ticket #7, override-freeze');
  });
});

describe('the text', () => {
  it('one block per environment: the holder with its run link and expected end, the queue in order', () => {
    const o = environmentOverview(busy, [past(10 * MIN)], NOW);
    expect(environmentText(o, NOW)).toEqual([
      'Environment production',
      `  Lock: held by holder-1 (https://github.com/o/r/actions/runs/1) since ${at(NOW - 4 * MIN)} (for 4m 00s), fencing token 3; expected end ${at(NOW + 6 * MIN)} (in 6m 00s); estimate 10m 00s, median of 1 successful deployment, p20 to p80 10m 00s to 10m 00s`,
      `  Queue: 1. waiter-7 (https://github.com/o/r/actions/runs/7, ticket #7) waiting since ${at(NOW - 3 * MIN)} (for 3m 00s), expected start ${at(NOW + 6 * MIN)} (in 6m 00s)\n         2. waiter-9 (https://github.com/o/r/actions/runs/9, ticket #9) waiting since ${at(NOW - MIN)} (for 1m 00s), expected start ${at(NOW + 16 * MIN)} (in 16m 00s)`
    ]);
  });

  it('overdue, free, frozen and empty say so', () => {
    const overdue = environmentOverview(busy, [past(2 * MIN)], NOW);
    expect(environmentText(overdue, NOW)[1]).toContain('(overdue by 2m 00s)');
    const free = environmentOverview(
      { lock: { environment: 'dev', fence: 0 }, tickets: [] },
      [],
      NOW,
      { reason: 'INC-42', until: '2025-03-02T00:00:00.000Z', by: 'alice' }
    );
    expect(environmentText(free, NOW)).toEqual([
      'Environment dev',
      '  Lock: free',
      '  Queue: empty',
      '  Freeze: until 2025-03-02T00:00:00.000Z (in 12h 00m): INC-42 (by alice)'
    ]);
    expect(overviewText({ at: at(NOW), environments: [] }, 'registry-t')).toBe(
      'No environment in registry registry-t yet: one appears once a run queues in it.'
    );
    expect(overviewText({ at: at(NOW), environments: [free, overdue] }, 'registry-t')).toMatch(
      /^Registry registry-t, 2 environments, at 2025-03-01T12:00:00.000Z\n\nEnvironment dev\n[^]*\n\nEnvironment production\n/
    );
  });
});

describe('--interval', () => {
  it.each([
    [undefined, 5_000],
    ['0.5', 500],
    ['2', 2_000],
    ['3600', 3_600_000]
  ])('%s is %d ms', (given, ms) => expect(watchIntervalMs(given)).toBe(ms));

  it.each(['0', '0.1', 'fast', '-1', '3601', ''])('%j is refused, naming the range', (given) =>
    expect(watchIntervalMs(given)).toBe(
      `--interval is ${JSON.stringify(given)}: expected a number of seconds from 0.5 to 3600 (default 5).`
    )
  );
});

describe('the freezes the view shows (one read of them all)', () => {
  const freeze = (over: Partial<Freeze>): Freeze => ({
    id: 'fz-00000001',
    environment: 'production',
    reason: 'r',
    by: 'alice',
    createdAt: at(NOW - MIN),
    ...over
  });
  it("an environment's own freezes and those of all make one stretch; thawed and later ones hold nothing now", async () => {
    const { lookup, environments } = freezeLookup(
      [
        freeze({ id: 'fz-a', reason: 'INC-42', until: at(NOW + 30 * MIN) }),
        freeze({
          id: 'fz-b',
          environment: '*',
          by: 'bob',
          reason: 'audit',
          until: at(NOW + 10 * MIN)
        }),
        freeze({
          id: 'fz-c',
          environment: 'staging',
          until: at(NOW + 5 * MIN),
          thawedAt: at(NOW - 1)
        }),
        freeze({ id: 'fz-d', environment: 'dev', from: at(NOW + MIN), until: at(NOW + 5 * MIN) })
      ],
      NOW
    );
    expect(environments).toEqual(['production']);
    expect(await lookup('production')).toEqual({
      reason: 'INC-42; audit',
      until: at(NOW + 30 * MIN),
      by: 'alice, bob',
      ids: ['fz-a', 'fz-b']
    });
    expect(await lookup('staging')).toMatchObject({ reason: 'audit', ids: ['fz-b'] });
    expect(await lookup('dev')).toMatchObject({ ids: ['fz-b'] });
    expect(await freezeLookup([], NOW).lookup('dev')).toBeUndefined();
  });

  it('windows that run into each other past the search: open-ended, until thawed', async () => {
    const minutely = freeze({ id: 'fz-m', cron: '* * * * *', durationMs: MIN, timeZone: 'UTC' });
    const f = await freezeLookup([minutely], NOW).lookup('production');
    expect(f).toMatchObject({ openEnded: true, ids: ['fz-m'] });
    expect(Date.parse(f!.until!)).toBeGreaterThan(NOW);
    expect(freezeText(f!, NOW)).toBe('until thawed (no end within 3h 21m): r (by alice; fz-m)');
    const once = await freezeLookup([freeze({ until: at(NOW + 30 * MIN) })], NOW).lookup(
      'production'
    );
    expect(once).not.toHaveProperty('openEnded');
    expect(freezeText(once!, NOW)).toBe(
      `until ${at(NOW + 30 * MIN)} (in 30m 00s): r (by alice; fz-00000001)`
    );
  });
});
