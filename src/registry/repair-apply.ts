import {
  DeleteItemCommand,
  UpdateItemCommand,
  type DynamoDBClient
} from '@aws-sdk/client-dynamodb';
import { RegistryUnavailableError } from '../ports/registry-errors.js';
import { isConditionFailure } from './dynamodb-table.js';
import { DECLARED, HOLDING, KEYS, type Kind, type Problem, type RawItem } from './repair.js';

/** `doctor --fix`: a repair found by `diagnose`, applied only while its item is as it was read. */

/**
 * The condition that the item is still as read: each attribute equal (scalars), or of the same size
 * (lists, maps, sets: compared by size, which DynamoDB and dynalite agree on), and none of the
 * attributes the action writes added.
 */
function unchanged(
  item: RawItem,
  kind: Kind
): {
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
  // Nor anything the action writes that was not there (a holding taken, a thaw, a counter set).
  [...DECLARED[kind], 'expiresAt']
    .filter((name) => !(name in item))
    .forEach((name, i) => {
      names[`#n${i}`] = name;
      parts.push(`attribute_not_exists(#n${i})`);
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
  const cond = unchanged(p.item, p.kind);
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
  if (r.kind === 'wait') return false;
  const command =
    r.kind === 'delete-item'
      ? new DeleteItemCommand({ TableName: table, Key, ...cond })
      : r.kind === 'remove-attribute'
        ? update(
            `REMOVE ${r.path.map((_, i) => `#r${i}`).join('.')}`,
            Object.fromEntries(r.path.map((name, i) => [`#r${i}`, name]))
          )
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
