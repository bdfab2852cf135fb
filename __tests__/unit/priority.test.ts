import { parseConfig } from '../../src/config/config.js';
import { INPUT_DEFAULTS } from '../../src/config/inputs.js';
import { servedBefore } from '../../src/domain/priority.js';
import { queueAhead } from '../../src/coordination/turn-decision.js';
import type { QueueSight } from '../../src/coordination/turn-sight.js';
import type { Holder, Participant, Ticket } from '../../src/ports/registry.js';

const ticket = (
  seq: number,
  priority: 'normal' | 'high' = 'normal',
  owner = `o${seq}`
): Ticket => ({
  seq,
  correlationId: `id-${seq}`,
  owner,
  heartbeat: `hb-${seq}`,
  enqueuedAt: '2026-01-14T12:00:00.000Z',
  leaseMs: 60_000,
  run: {},
  priority
});

const me = (t: Ticket): Participant => ({
  correlationId: t.correlationId,
  owner: t.owner,
  environment: 'production',
  stacks: ['AppStack'],
  run: {},
  leaseMs: 60_000,
  priority: t.priority
});

/** The queue as a poll saw it: `dead` the tickets silent for their lease. */
const seen = (tickets: readonly Ticket[], holder?: Holder, dead: number[] = []): QueueSight => ({
  lock: { environment: 'production', fence: holder ? 1 : 0, holder },
  tickets,
  holder,
  holderSilent: false,
  dead: new Set(dead)
});
const liveAhead = (q: QueueSight, mine: Ticket, removals = new Map<number, boolean>()) =>
  queueAhead(q, mine, me(mine), removals, false);
const seqs = (ts: readonly Ticket[]): number[] => ts.map((t) => t.seq);

describe('priority: who is served before whom', () => {
  it('high before normal whatever the numbers; within a priority, the lower number first', () => {
    expect(servedBefore(ticket(5, 'high'), ticket(1))).toBe(true);
    expect(servedBefore(ticket(1), ticket(5, 'high'))).toBe(false);
    expect(servedBefore(ticket(1), ticket(2))).toBe(true);
    expect(servedBefore(ticket(2), ticket(1))).toBe(false);
    expect(servedBefore(ticket(3, 'high'), ticket(4, 'high'))).toBe(true);
    expect(servedBefore(ticket(4, 'high'), ticket(3, 'high'))).toBe(false);
    expect(servedBefore(ticket(3), ticket(3))).toBe(false);
  });

  it('a ticket without a priority (written before priorities) is normal', () => {
    const { priority: _p, ...old } = ticket(1);
    expect(servedBefore(old, ticket(2))).toBe(true);
    expect(servedBefore(old, ticket(2, 'high'))).toBe(false);
  });

  it('sorting by it gives every high ticket in arrival order, then every normal one in arrival order', () => {
    const queue = [ticket(1), ticket(2, 'high'), ticket(3), ticket(4, 'high'), ticket(5)];
    const order = [...queue].sort((a, b) => (servedBefore(a, b) ? -1 : servedBefore(b, a) ? 1 : 0));
    expect(seqs(order)).toEqual([2, 4, 1, 3, 5]);
  });
});

describe('priority: the tickets ahead of a waiter', () => {
  const queue = [ticket(1), ticket(2), ticket(3), ticket(4, 'high'), ticket(5, 'high'), ticket(6)];

  it('a high ticket has only the high tickets that arrived before it ahead', () => {
    const mine = queue[4]!;
    expect(seqs(liveAhead(seen(queue), mine).ahead)).toEqual([4]);
    const first = queue[3]!;
    expect(liveAhead(seen(queue), first).ahead).toEqual([]);
  });

  it('a normal ticket has every high ticket ahead, and the normal ones that arrived before it', () => {
    const mine = queue[2]!;
    expect(seqs(liveAhead(seen(queue), mine).ahead)).toEqual([1, 2, 4, 5]);
    const last = queue[5]!;
    expect(seqs(liveAhead(seen(queue), last).ahead)).toEqual([1, 2, 3, 4, 5]);
  });

  it("the holder's own ticket and dead tickets that were removed are not ahead", () => {
    const holder = { owner: 'o4' } as Holder;
    const mine = queue[2]!;
    const q = seen(queue, holder, [5]);
    // The dead ticket is removed before anything is decided...
    expect(liveAhead(q, mine).dead?.seq).toBe(5);
    // ...and once it went, it is not ahead; one that could not be removed still is.
    expect(seqs(liveAhead(q, mine, new Map([[5, true]])).ahead)).toEqual([1, 2]);
    expect(seqs(liveAhead(q, mine, new Map([[5, false]])).ahead)).toEqual([1, 2, 5]);
  });
});

describe('the priority and override-freeze inputs', () => {
  const parse = (inputs: Record<string, string>) =>
    parseConfig((n) => inputs[n] ?? INPUT_DEFAULTS[n], { AWS_REGION: 'us-east-1' });

  it('priority is normal by default, high when asked, and nothing else', () => {
    expect(parse({ 'stack-name': 'App' }).priority).toBe('normal');
    expect(parse({ 'stack-name': 'App', priority: 'high' }).priority).toBe('high');
    expect(() => parse({ 'stack-name': 'App', priority: 'urgent' })).toThrow(
      `Invalid input: 'priority' is "urgent": expected one of normal, high.`
    );
  });

  it('override-freeze is a reason on one line, or empty', () => {
    expect(parse({ 'stack-name': 'App' }).overrideFreeze).toBeUndefined();
    expect(
      parse({ 'stack-name': 'App', 'override-freeze': ' hotfix for INC-42 ' }).overrideFreeze
    ).toBe('hotfix for INC-42');
    expect(() => parse({ 'stack-name': 'App', 'override-freeze': 'two\nlines' })).toThrow(
      /'override-freeze' is "two\\nlines": expected a reason of at most 500 characters on one line/
    );
    // No terminal escapes (C0, DEL, C1) and no Unicode line separators either, as the CLI's --reason.
    for (const bad of ['red \u001b[31m', 'csi \u009b2J', 'line\u2028break', 'x'.repeat(501)])
      expect(() => parse({ 'stack-name': 'App', 'override-freeze': bad })).toThrow(
        /'override-freeze' is [\s\S]*: expected a reason of at most 500 characters on one line/
      );
  });
});
