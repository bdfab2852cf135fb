import type { Priority } from '../domain/priority.js';
import type { Holder, LockView, Ticket } from '../ports/registry.js';
import type { RunContext } from '../ports/run.js';
import {
  bool,
  counter,
  decode,
  fail,
  fields,
  instant,
  lease,
  map,
  optional,
  priority,
  run,
  stackNames,
  text,
  type Decoded
} from './schema.js';

/** The lock and the queue of an environment, and the queue's tickets (see schema.ts). */

interface LockItem {
  fence?: number;
  holder?: string;
  owner?: string;
  heartbeat?: string;
  acquiredAt?: string;
  leaseMs?: number;
  run?: RunContext;
  stacks?: string[];
  lastHolder?: string;
  lastOutcome?: string;
  releasedAt?: string;
}

const lockItem = fields<LockItem>({
  fence: optional(counter(0)),
  holder: optional(text({ nonEmpty: true })),
  owner: optional(text()),
  heartbeat: optional(text()),
  acquiredAt: optional(instant),
  leaseMs: optional(lease),
  run: optional(run),
  stacks: optional(stackNames),
  lastHolder: optional(text()),
  lastOutcome: optional(text()),
  releasedAt: optional(instant)
});

/** What a held lock must have besides its holder's name. */
/** (No `owner`: releases before owner tokens wrote none; such a holding is nobody's but its own.) */
const HELD: readonly (keyof LockItem)[] = ['fence', 'heartbeat', 'acquiredAt', 'leaseMs'];

/** The LOCK item of an environment (none: never held). */
export function decodeLock(
  environment: string,
  item: Record<string, unknown> | undefined
): Decoded<LockView> {
  if (!item) return { ok: true, value: { environment, fence: 0 } };
  return decode(item, (v, at) => {
    const l = lockItem(v, at);
    if (l.holder !== undefined) {
      for (const name of HELD)
        if (l[name] === undefined) fail(name, 'present while the lock has a holder', undefined);
      if (l.fence === 0) fail('fence', 'at least 1 while the lock has a holder', 0);
    }
    const holder: Holder | undefined =
      l.holder === undefined
        ? undefined
        : {
            correlationId: l.holder,
            owner: l.owner ?? '',
            fence: l.fence!,
            heartbeat: l.heartbeat!,
            acquiredAt: l.acquiredAt!,
            leaseMs: l.leaseMs!,
            run: l.run ?? {},
            stacks: l.stacks ?? []
          };
    return {
      environment,
      fence: l.fence ?? 0,
      holder,
      lastHolder: l.lastHolder,
      lastOutcome: l.lastOutcome,
      releasedAt: l.releasedAt
    };
  });
}

/** A ticket's key in the QUEUE item's map: its number, zero-padded so the map reads in order. */
export const ticketKey = (seq: number): string => String(seq).padStart(12, '0');

/** A ticket's attributes (`owner` is missing on those of releases before owner tokens). */
export const TICKET_ATTRIBUTES = [
  'seq',
  'correlationId',
  'owner',
  'heartbeat',
  'enqueuedAt',
  'leaseMs',
  'run',
  'priority',
  'overridesFreeze'
] as const;

const ticketFields = fields<
  Omit<Ticket, 'priority' | 'owner'> & { priority?: Priority; owner?: string }
>({
  seq: counter(1),
  correlationId: text({ nonEmpty: true }),
  owner: optional(text()),
  heartbeat: text({ nonEmpty: true }),
  enqueuedAt: instant,
  leaseMs: lease,
  run,
  priority,
  overridesFreeze: optional(bool)
});

/** The QUEUE item: its counter and its live tickets, in arrival order (none: nobody queued yet). */
export function decodeQueue(
  item: Record<string, unknown> | undefined
): Decoded<{ seq: number; tickets: Ticket[] }> {
  if (!item) return { ok: true, value: { seq: 0, tickets: [] } };
  return decode(item, (v) => {
    const m = map(v, '');
    const seq = counter(0)(m['seq'], 'seq');
    // Every write keeps the map (a removal leaves it empty): without it no ticket can be added.
    const entries = map(m['tickets'], 'tickets');
    const tickets = Object.entries(entries).map(([k, raw]) => {
      const at = `tickets.${k}`;
      const t = ticketFields(raw, at);
      if (k !== ticketKey(t.seq))
        fail(`${at}.seq`, `${Number(k)} (the number its key says)`, t.seq);
      if (t.seq > seq) fail(`${at}.seq`, `at most the queue's counter seq (${seq})`, t.seq);
      const ticket: Ticket = { ...t, owner: t.owner ?? '', priority: t.priority ?? 'normal' };
      return ticket;
    });
    return { seq, tickets: tickets.sort((a, b) => a.seq - b.seq) };
  });
}
