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

/** Polls `check` for up to a second. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
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
    const registry = registryWith(() => new Promise<never>(() => undefined));
    const started = Date.now();
    const ticket = await registry.lock.enqueue(participant('hung-index'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ticket.seq).toBe(1);
    expect((await registry.lock.view('hung-index')).tickets).toHaveLength(1);
    expect(await indexItems()).not.toContainEqual(
      expect.objectContaining({ sk: 'ENV#hung-index' })
    );
  });

  it('a failed index write does not fail the enqueue, and the next enqueue writes it', async () => {
    let failing = true;
    const client: DynamoDBClient = rig.client({ maxAttempts: 1 });
    client.middlewareStack.add(
      (next) => async (args) => {
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
    await new Promise((r) => setTimeout(r, 50));
    expect(await registry.lock.environments()).not.toContain('flaky-index');
    failing = false;
    await registry.lock.enqueue(participant('flaky-index', 'run-flaky-index-0002'));
    await until(async () => (await registry.lock.environments()).includes('flaky-index'));
    expect(await registry.lock.environments()).toContain('flaky-index');
  });
});
