import { paginateScan, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Unreadable } from '../ports/registry.js';
import { RegistryUnavailableError } from '../ports/registry-errors.js';
import { MAX_LEASE_MS, readNumber, type Decoded } from './schema.js';
import { decodeFreeze, decodeIndexEntry } from './schema-freezes.js';
import { TICKET_ATTRIBUTES, decodeLock, decodeQueue } from './schema-lock.js';
import { decodeHistory, decodeRecord } from './schema-records.js';

/**
 * `doctor`: every item of the table read as DynamoDB keeps it (no number rounded on the way), each
 * decoded through the schema the action reads it with, and for each that does not decode the
 * smallest repair that makes it readable again, applied (repair-apply.ts) with a conditional write
 * that holds only while the item is still exactly as it was read (a live change is never
 * overwritten).
 */

export type RawItem = Record<string, AttributeValue>;

/** The repair of one unreadable item. */
export type Repair =
  /** An attribute no release of the action reads: removed, the rest of the item (or ticket) kept. */
  | { readonly kind: 'remove-attribute'; readonly path: readonly string[] }
  /** A holding that cannot be read, whose holder may still be alive: left to its release. */
  | { readonly kind: 'wait'; readonly lastHeartbeat: string; readonly until: string }
  /** A lock whose holding cannot be read: freed (the fence kept where it reads), as `unlock` does. */
  | { readonly kind: 'free-lock'; readonly fence: number }
  /** A ticket that cannot be read: removed from the queue (its run, if alive, queues again). */
  | { readonly kind: 'remove-ticket'; readonly ticket: string }
  /** A queue whose counter or map cannot be read: counter set past every ticket, the map kept or emptied. */
  | { readonly kind: 'reset-queue'; readonly seq: number; readonly emptyTickets: boolean }
  /** History, records, index entries and freezes that cannot be read: deleted. */
  | { readonly kind: 'delete-item' };

export interface Problem {
  readonly kind: Kind;
  readonly unreadable: Unreadable;
  readonly item: RawItem;
  readonly repair: Repair;
}

export type Kind = 'lock' | 'queue' | 'history' | 'record' | 'index' | 'freeze';

function kindOf(pk: string, sk: string): Kind | undefined {
  if (pk.startsWith('ENV#') && sk === 'LOCK') return 'lock';
  if (pk.startsWith('ENV#') && sk === 'QUEUE') return 'queue';
  if (pk.startsWith('ENV#') && sk.startsWith('HIST#')) return 'history';
  if (pk.startsWith('DEPLOY#') && sk === 'RECORD') return 'record';
  if (pk === 'ENVS' && sk.startsWith('ENV#')) return 'index';
  if (pk === 'FREEZES' && sk.startsWith('FREEZE#')) return 'freeze';
  return undefined;
}

/** What a holding is made of: one of these unreadable, and the lock is freed. */
export const HOLDING = [
  'holder',
  'owner',
  'heartbeat',
  'heartbeatAt',
  'acquiredAt',
  'leaseMs',
  'run',
  'stacks'
];

/** The attributes each kind of item has (besides pk, sk and expiresAt, which TTL reads). */
export const DECLARED: Readonly<Record<Kind, readonly string[]>> = {
  lock: ['fence', ...HOLDING, 'lastHolder', 'lastOutcome', 'releasedAt', 'lastForcedUnlock'],
  queue: ['seq', 'tickets'],
  history: [
    'correlationId',
    'environment',
    'stacks',
    'outcome',
    'startedAt',
    'endedAt',
    'durationMs',
    'resourceTypeSeconds'
  ],
  record: [
    'correlationId',
    'environment',
    'stacks',
    'run',
    'priority',
    'fence',
    'transitions',
    'outcome',
    'rootCause'
  ],
  index: ['environment', 'queuedAt'],
  freeze: [
    'id',
    'environment',
    'reason',
    'by',
    'createdAt',
    'from',
    'until',
    'cron',
    'durationMs',
    'timeZone',
    'thawedAt',
    'thawedBy'
  ]
};

export const KEYS = new Set(['pk', 'sk', 'expiresAt']);

function decodeAs(kind: Kind, pk: string, value: Record<string, unknown>): Decoded<unknown> {
  switch (kind) {
    case 'lock':
      return decodeLock(pk.slice('ENV#'.length), value);
    case 'queue':
      return decodeQueue(value);
    case 'history':
      return decodeHistory(value);
    case 'record':
      return decodeRecord(value);
    case 'index':
      return decodeIndexEntry(value);
    case 'freeze':
      return decodeFreeze(value);
  }
}

const rootOf = (attribute: string): string => attribute.split(/[.[]/)[0] ?? '';

/** A whole number stored as a number or as its text, if it is one. */
function wholeNumber(v: AttributeValue | undefined): number | undefined {
  const n = Number(v?.N ?? v?.S);
  return v && (v.N ?? v.S)?.trim() && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** What the rest of the table tells the repairs: the highest fence each environment's records name. */
interface Context {
  readonly now: number;
  readonly fences: ReadonlyMap<string, number>;
}

/** The repair for an item of `kind` that does not decode at `u.attribute`. */
function repairFor(kind: Kind, u: Unreadable, item: RawItem, ctx: Context): Repair {
  const root = rootOf(u.attribute);
  if (kind === 'lock' || kind === 'queue') {
    if (root && !KEYS.has(root) && !DECLARED[kind].includes(root))
      return { kind: 'remove-attribute', path: [root] };
    if (kind === 'lock') {
      if (!HOLDING.includes(root) && root !== 'fence' && root !== '')
        return { kind: 'remove-attribute', path: [root] };
      // A holder that still heartbeats clears its holding at its release: never freed under it.
      const beat = Date.parse(item['heartbeatAt']?.S ?? '');
      const lease = Math.min(wholeNumber(item['leaseMs']) ?? MAX_LEASE_MS, MAX_LEASE_MS);
      if (item['holder'] !== undefined && Number.isFinite(beat) && ctx.now - beat < lease)
        return {
          kind: 'wait',
          lastHeartbeat: new Date(beat).toISOString(),
          until: new Date(beat + lease).toISOString()
        };
      // Never a fencing token again: past the lock's own (as a number or its text) and the records'.
      const env = (item['pk']?.S ?? '').slice('ENV#'.length);
      return {
        kind: 'free-lock',
        fence: Math.max(wholeNumber(item['fence']) ?? 0, ctx.fences.get(env) ?? 0)
      };
    }
    const tickets = item['tickets']?.M;
    const [, ticket, attribute] = /^tickets\.([^.[]+)(?:\.([^.[]+))?/.exec(u.attribute) ?? [];
    if (ticket !== undefined && tickets?.[ticket] !== undefined) {
      // An attribute no release writes on a ticket: removed, the waiter keeps its place.
      if (attribute !== undefined && !(TICKET_ATTRIBUTES as readonly string[]).includes(attribute))
        return { kind: 'remove-attribute', path: ['tickets', ticket, attribute] };
      return { kind: 'remove-ticket', ticket };
    }
    const numbers = Object.keys(tickets ?? {})
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
    return {
      kind: 'reset-queue',
      // At least 1: every release takes its next number from a counter that is there.
      seq: Math.max(1, wholeNumber(item['seq']) ?? 0, ...numbers),
      emptyTickets: tickets === undefined
    };
  }
  return { kind: 'delete-item' };
}

/** Every item of the table, as DynamoDB keeps it: those that do not decode, and how many were read. */
export async function diagnose(
  client: DynamoDBClient,
  table: string,
  now: () => number = Date.now
): Promise<{ problems: Problem[]; read: number; foreign: number }> {
  const items: RawItem[] = [];
  try {
    for await (const page of paginateScan({ client }, { TableName: table, ConsistentRead: true }))
      items.push(...(page.Items ?? []));
  } catch (err) {
    throw new RegistryUnavailableError('doctor read', err);
  }
  const fences = new Map<string, number>();
  const unreadable: { kind: Kind; item: RawItem; unreadable: Unreadable }[] = [];
  let foreign = 0;
  for (const item of items) {
    const pk = item['pk']?.S ?? '';
    const kind = kindOf(pk, item['sk']?.S ?? '');
    if (!kind) {
      foreign++;
      continue;
    }
    const d = decodeAs(kind, pk, unmarshall(item, { wrapNumbers: readNumber }));
    if (!d.ok) unreadable.push({ kind, item, unreadable: d.unreadable });
    else if (kind === 'record') {
      const { environment, fence } = d.value as { environment: string; fence?: number };
      if (fence !== undefined)
        fences.set(environment, Math.max(fences.get(environment) ?? 0, fence));
    }
  }
  const ctx: Context = { now: now(), fences };
  const problems = unreadable.map((u) => ({
    kind: u.kind,
    unreadable: u.unreadable,
    item: u.item,
    repair: repairFor(u.kind, u.unreadable, u.item, ctx)
  }));
  return { problems, read: items.length, foreign };
}

/** The repair in a few words, for the operator who confirms it. */
export function describeRepair(r: Repair): string {
  switch (r.kind) {
    case 'remove-attribute':
      return `remove the attribute ${r.path.join('.')} (the rest of the item is kept)`;
    case 'wait':
      return `none yet: its holder heartbeated at ${r.lastHeartbeat} and may still be deploying (its release clears the holding); if it does not, run doctor again after ${r.until}`;
    case 'free-lock':
      return `free the lock (its holding removed, fence ${r.fence} kept: the next run takes ${r.fence + 1}); a holder still running finds its lock lost`;
    case 'remove-ticket':
      return `remove ticket ${r.ticket} from the queue (a run still waiting on it queues again)`;
    case 'reset-queue':
      return `set the queue's counter seq to ${r.seq} (the next run takes ${r.seq + 1})${r.emptyTickets ? ' and its tickets to an empty map' : ''}`;
    case 'delete-item':
      return 'delete the item';
  }
}
