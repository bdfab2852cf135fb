/**
 * A table that answers, but never as the run needs: an acquire whose condition never holds, a
 * request refused as invalid. Every try comes after a pause, and the run ends blocked
 * (REGISTRY_CORRUPT, naming the item), never by falling back and never by looping; in process
 * (test-rig/in-process.ts) against dynalite, on virtual time.
 */
import { Outputs } from '../../src/config/state.js';
import { RegistryUnavailableError } from '../../src/ports/registry-errors.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { World, scratchRunnerTemp } from '../../test-rig/in-process.js';

let dynamo: DynamoRig;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  dynamo = await DynamoRig.start();
});
afterAll(async () => {
  await dynamo.close();
  cleanUp();
});
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const POLL_MS = 1_000;

/** The virtual times of the calls of `op` by the job's coordinate, and the gaps between them. */
function tries(w: World, job: string, op: string): { count: number; gaps: number[] } {
  const at = w.registryCalls
    .filter((c) => c.job === job && c.stage === 'coordinate' && c.op === op)
    .map((c) => c.startedAt);
  return { count: at.length, gaps: at.slice(1).map((t, i) => t - at[i]!) };
}

describe('a table that never lets the run through', () => {
  it('an acquire whose condition never holds, the lock free: five tries, each after a pause, then blocked naming the LOCK', async () => {
    world = new World({ dynamo });
    const job = world.job('refused', {
      'wait-timeout-minutes': '10',
      'poll-interval-seconds': String(POLL_MS / 1000)
    });
    job.net.coordinate.answers = (op) => (op === 'lock.acquire' ? { value: undefined } : undefined);
    const { io } = await world.until(job.coordinate());
    expect(io.output(Outputs.Result)).toBe('blocked');
    const { count, gaps } = tries(world, 'refused', 'lock.acquire');
    expect(count).toBe(5);
    for (const gap of gaps) expect(gap).toBeGreaterThan(0);
    const said = job.sink.annotations('coordinate').map((a) => a.message);
    expect(said.some((m) => m.includes('REGISTRY_CORRUPT'))).toBe(true);
    expect(
      said.some((m) => m.includes(`ENV#${world!.environment} / LOCK: holder, fence, heartbeat`))
    ).toBe(true);
    expect(job.sink.find('Falling back', 'coordinate')).toBeUndefined();
    await world.until(job.finalize());
  });

  it('a request the table refuses as invalid after arrival: three refusals, each after a pause, then blocked naming the item; never a fallback', async () => {
    world = new World({ dynamo });
    const job = world.job('invalid', {
      'wait-timeout-minutes': '10',
      'poll-interval-seconds': String(POLL_MS / 1000)
    });
    const refusal = new RegistryUnavailableError(
      'acquire',
      Object.assign(
        new Error('The provided expression refers to an attribute that does not exist in the item'),
        {
          name: 'ValidationException'
        }
      )
    );
    job.net.coordinate.answers = (op) => (op === 'lock.acquire' ? { error: refusal } : undefined);
    const { io } = await world.until(job.coordinate());
    expect(io.output(Outputs.Result)).toBe('blocked');
    expect(io.output(Outputs.Registry)).toBe('dynamodb');
    const { count, gaps } = tries(world, 'invalid', 'lock.acquire');
    expect(count).toBe(3);
    for (const gap of gaps) expect(gap).toBeGreaterThan(0);
    const said = job.sink.annotations('coordinate').map((a) => a.message);
    expect(
      said.some(
        (m) => m.includes('REGISTRY_CORRUPT') && m.includes(`ENV#${world!.environment} / LOCK`)
      )
    ).toBe(true);
    expect(said.some((m) => /the table refused at 3 polls in a row/.test(m))).toBe(true);
    expect(job.sink.find('Falling back', 'coordinate')).toBeUndefined();
    await world.until(job.finalize());
  });
});
