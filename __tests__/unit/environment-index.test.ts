import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Participant } from '../../src/ports/registry.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { envIndexKey, envOfIndexKey } from '../../src/registry/dynamodb-table.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';

// The index of environments: what `status` without an environment reads with one Query (the
// policy grants no Scan), kept by enqueue in passing, never at the cost of a wait.

let rig: DynamoRig;
beforeAll(async () => {
  rig = await DynamoRig.start();
});
afterAll(async () => {
  await rig.close();
});

const participant = (
  environment: string,
  correlationId = `run-${environment}-0001`
): Participant => ({
  correlationId,
  owner: `owner-${correlationId}`,
  environment,
  stacks: ['AppStack'],
  run: {},
  leaseMs: 60_000
});

/** Whether a request's input is a write to the index (before or after marshalling). */
function toIndex(input: unknown): boolean {
  const pk = (input as { Key?: { pk?: unknown } }).Key?.pk;
  return pk === 'ENVS' || (pk as { S?: string } | undefined)?.S === 'ENVS';
}

/** The registry on a client whose writes to the index get `index(...)` instead of an answer. */
function registryWith(index?: () => Promise<never>) {
  const client: DynamoDBClient = rig.client({ maxAttempts: 1 });
  if (index)
    client.middlewareStack.add(
      (next) => async (args) => {
        return toIndex(args.input) ? index() : next(args);
      },
      { step: 'initialize', name: 'indexFault' }
    );
  return dynamoRegistry(client, rig.table);
}

/**
 * Polls `check` until it holds, for at most 10 s: a bound that only stops a hang (the work it
 * waits for takes milliseconds on loopback). The caller asserts what it waited for afterwards.
 */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const indexItems = async (): Promise<Record<string, unknown>[]> =>
  (await rig.items()).filter((i) => i['pk'] === 'ENVS');

describe('the index keys', () => {
  it('an environment is the item pk=ENVS, sk=ENV#<environment>, and its name comes back from the key', () => {
    expect(envIndexKey('production')).toEqual({ pk: 'ENVS', sk: 'ENV#production' });
    for (const name of ['production', 'eu/prod-1.blue', 'ENV#odd'])
      expect(envOfIndexKey(envIndexKey(name).sk!)).toBe(name);
  });
});

describe('enqueue keeps the index; environments() reads it', () => {
  it('every environment a run queued in, by name, with one Query', async () => {
    const registry = registryWith();
    await registry.lock.enqueue(participant('staging-a'));
    await registry.lock.enqueue(participant('production-a'));
    await registry.lock.enqueue(participant('staging-a', 'run-staging-a-0002'));
    // The writes are in the background: they land shortly after.
    await until(async () => (await indexItems()).length === 2);
    rig.resetCounts();
    expect(await registry.lock.environments()).toEqual(['production-a', 'staging-a']);
    expect(rig.opCounts()).toEqual({ Query: 1 });
    expect(await indexItems()).toEqual([
      expect.objectContaining({
        pk: 'ENVS',
        sk: 'ENV#production-a',
        environment: 'production-a',
        queuedAt: expect.any(String),
        expiresAt: expect.any(Number)
      }),
      expect.objectContaining({ sk: 'ENV#staging-a', environment: 'staging-a' })
    ]);
  });

  it('an index write that never answers neither fails nor delays the enqueue', async () => {
    // The index write is held unanswered until the test answers it, after the enqueue resolved:
    // an enqueue that waited for it would never resolve (and the test would time out).
    const events: string[] = [];
    let answer: (() => void) | undefined;
    const registry = registryWith(() => {
      events.push('index write sent');
      return new Promise<never>((_, reject) => {
        answer = () => reject(Object.assign(new Error('no answer'), { name: 'TimeoutError' }));
      });
    });
    const ticket = await registry.lock.enqueue(participant('hung-index'));
    events.push('enqueue resolved');
    expect(ticket?.seq).toBe(1);
    expect((await registry.lock.view('hung-index')).tickets).toHaveLength(1);
    // The write was sent (before the enqueue's own calls) and is still unanswered.
    expect(events).toEqual(['index write sent', 'enqueue resolved']);
    expect(await indexItems()).not.toContainEqual(
      expect.objectContaining({ sk: 'ENV#hung-index' })
    );
    // Answered at last (a failure): the registry's catch forgets it, for the next enqueue to retry.
    answer?.();
  });

  it('a failed index write does not fail the enqueue, and the next enqueue writes it', async () => {
    let failing = true;
    /** Each index write the client sent, and whether it was refused. */
    const writes: string[] = [];
    const client: DynamoDBClient = rig.client({ maxAttempts: 1 });
    client.middlewareStack.add(
      (next) => async (args) => {
        if (toIndex(args.input)) writes.push(failing ? 'refused' : 'sent');
        if (failing && toIndex(args.input))
          throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
        return next(args);
      },
      { step: 'initialize', name: 'indexDenied' }
    );
    const registry = dynamoRegistry(client, rig.table);
    await expect(registry.lock.enqueue(participant('flaky-index'))).resolves.toMatchObject({
      seq: 1
    });
    // The background write was tried and refused: that is why the index does not name it.
    await until(() => writes.length > 0);
    expect(writes).toEqual(['refused']);
    expect(await registry.lock.environments()).not.toContain('flaky-index');
    // The refusal reached the registry's catch through promise callbacks alone (no I/O), so the
    // round trips since (the enqueue's, the read's) saw it handled: the next enqueue may retry.
    failing = false;
    await registry.lock.enqueue(participant('flaky-index', 'run-flaky-index-0002'));
    // The next enqueue wrote it again (a write it would skip had the first one landed).
    expect(writes).toEqual(['refused', 'sent']);
    await until(async () => (await registry.lock.environments()).includes('flaky-index'));
    expect(await registry.lock.environments()).toContain('flaky-index');
  });
});
