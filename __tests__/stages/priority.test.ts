/**
 * Priority, in process (test-rig/in-process.ts): the real coordinate() and finalize() of several
 * jobs against one table, on virtual time. A high ticket is served before the normal ones that
 * queued before it, FIFO within each priority, and never before the holder has released.
 */
import { Outputs } from '../../src/config/state.js';
import type { LockQueue } from '../../src/ports/registry.js';
import type { CoordinateDeps } from '../../src/stages/coordinate.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { World, scratchRunnerTemp, type Job } from '../../test-rig/in-process.js';
import { holder, polling } from './stories.js';

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

describe('priority', () => {
  it('three normal runs queued, then a high one: it acquires right after the holder, before the three, and its queue-position on arrival is 1', async () => {
    world = new World({ dynamo });
    const w = world;
    const a = await holder(w, 'a');
    const order: string[] = [];
    /** A job's whole run: coordinate, the deploy step when it acquired, finalize. */
    const run = async (job: Job) => {
      const { io } = await job.coordinate();
      if (io.outputs.get(Outputs.Result) === 'acquired') {
        order.push(job.name);
        await job.deploy({ durationMs: 20_000 });
      }
      await job.finalize();
      return io;
    };
    const normal = ['n1', 'n2', 'n3'].map((n) => w.job(n, { 'wait-timeout-minutes': '20' }));
    const runs = normal.map(run);
    for (const job of normal) await polling(w, job);
    const high = w.job('h', { priority: 'high', 'wait-timeout-minutes': '20' });
    const highRun = run(high);
    await polling(w, high);

    // On arrival it has only the holder ahead; the normal ones now see it ahead of them too.
    // (Ticket #1 was the holder's.)
    expect(high.sink.line('Queued with ticket #5').message).toBe(
      `Queued with ticket #5 for ${w.environment} (priority high).`
    );
    const queued = (await w.record(high.correlationId))?.transitions[0];
    expect(queued?.note).toMatch(/^position 1; priority high; lock held by /);
    expect((await w.record(high.correlationId))?.priority).toBe('high');
    expect((await w.queue()).tickets.map((t) => [t.seq, t.priority])).toEqual([
      [2, 'normal'],
      [3, 'normal'],
      [4, 'normal'],
      [5, 'high']
    ]);

    // The holder finishes; then everyone runs to the end.
    await w.until(a.deploy({ durationMs: 30_000 }));
    const aPost = a.finalize();
    const ios = await w.until(Promise.all([...runs, highRun, aPost]));

    expect(order).toEqual(['h', 'n1', 'n2', 'n3']);
    const highIO = ios[3] as Awaited<ReturnType<typeof run>>;
    expect(highIO.output(Outputs.Result)).toBe('acquired');
    expect(highIO.output(Outputs.QueuePosition)).toBe('1');
    expect(normal.map((_, i) => (ios[i] as typeof highIO).output(Outputs.QueuePosition))).toEqual([
      '1',
      '2',
      '3'
    ]);
    // Never pre-empting: h took the lock only after a's release had landed, with the next fence.
    const [aRelease] = w.calls({ job: a, op: 'lock.release' });
    const [hAcquire] = w.calls({ job: high, op: 'lock.acquire' });
    expect(hAcquire!.seq).toBeGreaterThan(aRelease!.endSeq!);
    expect(hAcquire!.result).toMatchObject({ fence: 2 });
    // n1, the head of the normal ones, waited with h ahead of it.
    expect(normal[0]!.sink.find(`ahead: #5 ${high.correlationId} (high)`)).toBeDefined();
    expect(world.cfn.updates.map((u) => u.by)).toEqual(
      [a, high, ...normal].map((j) => j.correlationId)
    );
  });

  it('a high ticket that lands while a normal head is acquiring goes next: the head, which read the queue before it landed, still acquires', async () => {
    world = new World({ dynamo });
    const w = world;
    const head = w.job('head');
    const high = w.job('high', { priority: 'high' });
    let highRun: ReturnType<Job['coordinate']> | undefined;
    let headAcquired: () => void = () => undefined;
    const acquiredByHead = new Promise<void>((resolve) => (headAcquired = resolve));
    const sleep = head.sleep('coordinate');
    const headRun = head.coordinate({
      // Between the head's read of the queue and its acquire, the high run's ticket lands.
      tweak: (d) =>
        withLock(d, 'acquire', async (inner, args) => {
          highRun ??= high.coordinate({
            // ...and the high run reads the queue only once the head's acquire has landed.
            tweak: (h) =>
              withLock(h, 'view', async (innerHigh, viewArgs) => {
                await acquiredByHead;
                return innerHigh.view(...viewArgs);
              })
          });
          while (!w.calls({ job: high, op: 'lock.enqueue' })[0]?.endSeq) await sleep(10);
          const got = await inner.acquire(...args);
          headAcquired();
          return got;
        })
    });
    const { io } = await w.until(headRun);

    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(io.output(Outputs.QueuePosition)).toBe('0');
    const [enqueued] = w.calls({ job: high, op: 'lock.enqueue' });
    const views = w.calls({ job: head, op: 'lock.view' });
    const acquires = w.calls({ job: head, op: 'lock.acquire' });
    expect(views.at(-1)!.endSeq!).toBeLessThan(enqueued!.endSeq!);
    expect(acquires).toHaveLength(1);
    expect(acquires[0]!.seq).toBeGreaterThan(enqueued!.endSeq!);
    expect(acquires[0]!.result).toMatchObject({ fence: 1 });

    // The high run waits for the head's release (never pre-empting it), then goes.
    await polling(w, high);
    await w.until(head.deploy({ durationMs: 10_000 }));
    await w.until(head.finalize());
    const { io: highIO } = await w.until(highRun!);
    expect(highIO.output(Outputs.Result)).toBe('acquired');
    expect(highIO.output(Outputs.QueuePosition)).toBe('1');
    const [release] = w.calls({ job: head, op: 'lock.release' });
    const [highAcquire] = w.calls({ job: high, op: 'lock.acquire' });
    expect(highAcquire!.seq).toBeGreaterThan(release!.endSeq!);
    expect(highAcquire!.result).toMatchObject({ fence: 2 });
    await w.until(high.finalize());
  });

  it('a high ticket that lands while a normal head is about to acquire may take the free lock first: the head is refused by the conditional write and waits', async () => {
    world = new World({ dynamo });
    const w = world;
    const head = w.job('head');
    const high = w.job('high', { priority: 'high' });
    let highRun: ReturnType<Job['coordinate']> | undefined;
    const sleep = head.sleep('coordinate');
    const headRun = head.coordinate({
      // The head read a free lock and an empty queue; before its acquire, the high run gets in.
      tweak: (d) =>
        withLock(d, 'acquire', async (inner, args) => {
          highRun ??= high.coordinate();
          while (!w.calls({ job: high, op: 'lock.acquire' })[0]?.endSeq) await sleep(10);
          return inner.acquire(...args);
        })
    });
    await w.stepUntil(() => highRun !== undefined);
    const { io: highIO } = await w.until(highRun!);
    expect(highIO.output(Outputs.Result)).toBe('acquired');
    await w.stepUntil(() => head.sink.find('Another run took the lock first') !== undefined);
    expect(w.calls({ job: head, op: 'lock.acquire' })[0]!.result).toBeUndefined();
    await w.until(high.deploy({ durationMs: 10_000 }));
    await w.until(high.finalize());
    const { io } = await w.until(headRun);
    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(w.calls({ job: head, op: 'lock.acquire' }).at(-1)!.result).toMatchObject({ fence: 2 });
    await w.until(head.finalize());
  });

  it('skip-superseded: a newer normal run of the same ref does not drop an older high one (it would queue behind the rest); a newer high run does', async () => {
    world = new World({ dynamo });
    const w = world;
    await holder(w, 'a');
    const hotfix = w.job('hotfix', {
      priority: 'high',
      'skip-superseded': 'true',
      'wait-timeout-minutes': '10'
    });
    const running = hotfix.coordinate();
    await polling(w, hotfix);
    const normal = w.job('normal', { 'wait-timeout-minutes': '10' });
    void normal.coordinate();
    await polling(w, normal);
    await w.advance(30_000);
    expect(hotfix.coordinateIO?.outputs.get(Outputs.Result)).toBeUndefined();
    expect(hotfix.sink.find('A newer run for')).toBeUndefined();
    const newerHigh = w.job('newer-high', { priority: 'high', 'wait-timeout-minutes': '10' });
    void newerHigh.coordinate();
    const { report } = await w.until(running);
    expect(report.result).toBe('superseded');
    expect(hotfix.sink.line('A newer run for refs/heads/main').message).toContain(
      newerHigh.correlationId
    );
  });
});

/** coordinate's dependencies with one method of the lock replaced (`inner` is the real lock). */
function withLock<K extends 'acquire' | 'view'>(
  d: CoordinateDeps,
  method: K,
  replace: (inner: LockQueue, args: Parameters<LockQueue[K]>) => ReturnType<LockQueue[K]>
): CoordinateDeps {
  const inner = d.registry.lock;
  const lock = new Proxy(inner, {
    get: (target, prop, receiver) =>
      prop === method
        ? (...args: Parameters<LockQueue[K]>) => replace(inner, args)
        : (Reflect.get(target, prop, receiver) as unknown)
  });
  return { ...d, registry: { ...d.registry, lock } };
}
