import {
  DeleteItemCommand,
  UpdateItemCommand,
  paginateScan,
  type AttributeValue,
  type DynamoDBClient
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { RegistryUnavailableError, type Unreadable } from '../ports/registry.js';
import { isConditionFailure } from './dynamodb-table.js';
import {
  decodeFreeze,
  decodeHistory,
  decodeIndexEntry,
  decodeLock,
  decodeQueue,
  decodeRecord,
  readNumber,
  type Decoded
} from './schema.js';

/**
 * `doctor`: every item of the table read as DynamoDB keeps it (no number rounded on the way), each
 * decoded through the schema the action reads it with, and for each that does not decode the
 * smallest repair that makes it readable again, applied with a conditional write that holds only
 * while the item is still exactly as it was read (a live change is never overwritten).
 */

export type RawItem = Record<string, AttributeValue>;

/** The repair of one unreadable item. */
export type Repair =
  /** An attribute no release of the action reads: removed, the rest of the item kept. */
  | { readonly kind: 'remove-attribute'; readonly attribute: string }
  /** A lock whose holding cannot be read: freed (the fence kept where it reads), as `unlock` does. */
  | { readonly kind: 'free-lock'; readonly fence: number }
  /** A ticket that cannot be read: removed from the queue (its run, if alive, queues again). */
  | { readonly kind: 'remove-ticket'; readonly ticket: string }
  /** A queue whose counter or map cannot be read: counter set past every ticket, the map kept or emptied. */
  | { readonly kind: 'reset-queue'; readonly seq: number; readonly emptyTickets: boolean }
  /** History, records, index entries and freezes that cannot be read: deleted. */
  | { readonly kind: 'delete-item' };

export interface Problem {
  readonly unreadable: Unreadable;
  readonly item: RawItem;
  readonly repair: Repair;
}

type Kind = 'lock' | 'queue' | 'history' | 'record' | 'index' | 'freeze';

function kindOf(pk: string, sk: string): Kind | undefined {
  if (pk.startsWith('ENV#') && sk === 'LOCK') return 'lock';
  if (pk.startsWith('ENV#') && sk === 'QUEUE') return 'queue';
  if (pk.startsWith('ENV#') && sk.startsWith('HIST#')) return 'history';
  if (pk.startsWith('DEPLOY#') && sk === 'RECORD') return 'record';
  if (pk === 'ENVS' && sk.startsWith('ENV#')) return 'index';
  if (pk === 'FREEZES' && sk.startsWith('FREEZE#')) return 'freeze';
  return undefined;
}

/** The attributes each kind of item has (besides pk, sk and expiresAt, which TTL reads). */
const DECLARED: Readonly<Record<'lock' | 'queue', readonly string[]>> = {
  lock: [
    'fence',
    'holder',
    'owner',
    'heartbeat',
    'heartbeatAt',
    'acquiredAt',
    'leaseMs',
    'run',
    'stacks',
    'lastHolder',
    'lastOutcome',
    'releasedAt',
    'lastForcedUnlock'
  ],
  queue: ['seq', 'tickets']
};
/** What a holding is made of: one of these unreadable, and the lock is freed. */
const HOLDING = [
  'holder',
  'owner',
  'heartbeat',
  'heartbeatAt',
  'acquiredAt',
  'leaseMs',
  'run',
  'stacks'
];

const KEYS = new Set(['pk', 'sk', 'expiresAt']);

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

/** The repair for an item of `kind` that does not decode at `u.attribute`. */
function repairFor(kind: Kind, u: Unreadable, item: RawItem): Repair {
  const root = rootOf(u.attribute);
  if (kind === 'lock' || kind === 'queue') {
    if (root && !KEYS.has(root) && !DECLARED[kind].includes(root))
      return { kind: 'remove-attribute', attribute: root };
    if (kind === 'lock') {
      const fence = item['fence']?.N !== undefined ? Number(item['fence'].N) : NaN;
      const readable = root !== 'fence' && Number.isSafeInteger(fence) && fence >= 0;
      if (HOLDING.includes(root) || root === 'fence' || root === '')
        return { kind: 'free-lock', fence: readable ? fence : 0 };
      return { kind: 'remove-attribute', attribute: root };
    }
    const ticket = /^tickets\.([^.[]+)/.exec(u.attribute)?.[1];
    const tickets = item['tickets']?.M;
    if (ticket !== undefined && tickets?.[ticket] !== undefined && root === 'tickets')
      return { kind: 'remove-ticket', ticket };
    const numbers = Object.keys(tickets ?? {})
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
    const counter = item['seq']?.N !== undefined ? Number(item['seq'].N) : NaN;
    return {
      kind: 'reset-queue',
      seq: Math.max(0, ...numbers, ...(Number.isSafeInteger(counter) ? [counter] : [])),
      emptyTickets: tickets === undefined
    };
  }
  return { kind: 'delete-item' };
}

/** Every item of the table, as DynamoDB keeps it: those that do not decode, and how many were read. */
export async function diagnose(
  client: DynamoDBClient,
  table: string
): Promise<{ problems: Problem[]; read: number; foreign: number }> {
  const problems: Problem[] = [];
  let read = 0;
  let foreign = 0;
  try {
    for await (const page of paginateScan({ client }, { TableName: table, ConsistentRead: true }))
      for (const item of page.Items ?? []) {
        read++;
        const pk = item['pk']?.S ?? '';
        const sk = item['sk']?.S ?? '';
        const kind = kindOf(pk, sk);
        if (!kind) {
          foreign++;
          continue;
        }
        const d = decodeAs(kind, pk, unmarshall(item, { wrapNumbers: readNumber }));
        if (!d.ok)
          problems.push({
            unreadable: d.unreadable,
            item,
            repair: repairFor(kind, d.unreadable, item)
          });
      }
  } catch (err) {
    throw new RegistryUnavailableError('doctor read', err);
  }
  return { problems, read, foreign };
}

/** The repair in a few words, for the operator who confirms it. */
export function describeRepair(r: Repair): string {
  switch (r.kind) {
    case 'remove-attribute':
      return `remove the attribute ${r.attribute} (the rest of the item is kept)`;
    case 'free-lock':
      return `free the lock (its holding removed, fence ${r.fence} kept: the next run takes ${r.fence + 1}); a holder still running finds its lock lost`;
    case 'remove-ticket':
      return `remove ticket ${r.ticket} from the queue (a run still waiting on it queues again)`;
    case 'reset-queue':
      return `set the queue's counter seq to ${r.seq}${r.emptyTickets ? ' and its tickets to an empty map' : ''}`;
    case 'delete-item':
      return 'delete the item';
  }
}

/**
 * The condition that the item is still as read: each attribute equal (scalars), or of the same size
 * (lists, maps, sets: DynamoDB compares those by size here), and no attribute added.
 */
function unchanged(item: RawItem): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: RawItem;
} {
  const names: Record<string, string> = {};
  const values: RawItem = {};
  const parts: string[] = [];
  Object.entries(item).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    if (value.S !== undefined || value.N !== undefined || value.BOOL !== undefined) {
      values[`:a${i}`] = value;
      parts.push(`#a${i} = :a${i}`);
    } else {
      const size =
        value.L?.length ??
        (value.M && Object.keys(value.M).length) ??
        value.SS?.length ??
        value.NS?.length ??
        value.BS?.length ??
        value.B?.length;
      if (size === undefined) parts.push(`attribute_exists(#a${i})`);
      else {
        values[`:a${i}`] = { N: String(size) };
        parts.push(`size(#a${i}) = :a${i}`);
      }
    }
  });
  return {
    ConditionExpression: parts.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values
  };
}

/** Applies the repair if the item is still as read: true when it applied, false when it had changed. */
export async function applyRepair(
  client: DynamoDBClient,
  table: string,
  p: Problem
): Promise<boolean> {
  const Key = { pk: p.item['pk']!, sk: p.item['sk']! };
  const cond = unchanged(p.item);
  const r = p.repair;
  const update = (expression: string, names: Record<string, string>, values: RawItem = {}) =>
    new UpdateItemCommand({
      TableName: table,
      Key,
      UpdateExpression: expression,
      ConditionExpression: cond.ConditionExpression,
      ExpressionAttributeNames: { ...cond.ExpressionAttributeNames, ...names },
      ExpressionAttributeValues: { ...cond.ExpressionAttributeValues, ...values }
    });
  const command =
    r.kind === 'delete-item'
      ? new DeleteItemCommand({ TableName: table, Key, ...cond })
      : r.kind === 'remove-attribute'
        ? update('REMOVE #r', { '#r': r.attribute })
        : r.kind === 'remove-ticket'
          ? update('REMOVE #t.#k', { '#t': 'tickets', '#k': r.ticket })
          : r.kind === 'free-lock'
            ? update(
                `SET #fence = :fence, #outcome = :outcome, #at = :at REMOVE ${[
                  ...HOLDING,
                  ...Object.keys(p.item).filter((k) => !KEYS.has(k) && !DECLARED.lock.includes(k))
                ]
                  .filter((k) => k in p.item)
                  .map((_, i) => `#h${i}`)
                  .join(', ')}`.replace(/ REMOVE $/, ''),
                {
                  '#fence': 'fence',
                  '#outcome': 'lastOutcome',
                  '#at': 'releasedAt',
                  ...Object.fromEntries(
                    [
                      ...HOLDING,
                      ...Object.keys(p.item).filter(
                        (k) => !KEYS.has(k) && !DECLARED.lock.includes(k)
                      )
                    ]
                      .filter((k) => k in p.item)
                      .map((k, i) => [`#h${i}`, k])
                  )
                },
                {
                  ':fence': { N: String(r.fence) },
                  ':outcome': { S: 'repaired' },
                  ':at': { S: new Date().toISOString() }
                }
              )
            : update(
                `SET #seq = :seq${r.emptyTickets ? ', #tickets = :empty' : ''}`,
                { '#seq': 'seq', ...(r.emptyTickets ? { '#tickets': 'tickets' } : {}) },
                { ':seq': { N: String(r.seq) }, ...(r.emptyTickets ? { ':empty': { M: {} } } : {}) }
              );
  try {
    await client.send(command);
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw new RegistryUnavailableError('doctor repair', err);
  }
}
