/**
 * The queue, in process (test-rig/in-process.ts): several jobs' coordinate(), deploy step and
 * finalize() against one table (the real registry against dynalite), the scripted CloudFormation,
 * all on virtual time. Who waited for whom, in what order, and what each one was told, from the
 * outputs, the state, the log, the registry's calls and records and the stack's updates.
 */
import { Outputs, State } from '../../src/config/state.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { STACK, World, scratchRunnerTemp } from '../../test-rig/in-process.js';
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

describe('queue: arrival order', () => {
  it('five jobs started 200 ms apart deploy one at a time, in arrival order, with queue positions 0 to 4', async () => {
    world = new World({ dynamo });
    const w = world;
    const five = [0, 1, 2, 3, 4].map((i) => w.job(`job${i}`, { 'wait-timeout-minutes': '10' }));
    const deployMs = 30_000;
    /** What the workflow's deploy step saw: the fence it was handed, when it started and ended. */
    const steps: { event: 'start' | 'end'; id: string; fence: number; seq: number }[] = [];
    const runs = five.map(async (job, i) => {
      await w.vt.sleep(i * 200);
      const arrivedAt = w.vt.now();
      const { io: main } = await job.coordinate();
      // The workflow's deploy step runs only when coordinate acquired.
      if (main.outputs.get(Outputs.Result) === 'acquired') {
        const step = { id: job.correlationId, fence: Number(main.output(Outputs.FencingToken)) };
        steps.push({ event: 'start', ...step, seq: w.tick() });
        expect(await job.deploy({ durationMs: deployMs })).toBe(true);
        steps.push({ event: 'end', ...step, seq: w.tick() });
      }
      const post = await job.finalize();
      return { job, main, post, arrivedAt };
    });
    const results = await world.until(Promise.all(runs));

    // Arrival order (200 ms apart) is the order of the queue tickets (DynamoDB's own counter).
    expect(results.map((r) => Number(r.job.state.get(State.TicketSeq)))).toEqual([1, 2, 3, 4, 5]);
    for (const r of results) {
      expect(r.main.exitCode).toBe(0);
      expect(r.main.output(Outputs.Result)).toBe('acquired');
      expect(r.main.output(Outputs.Registry)).toBe('dynamodb');
      // finalize set no failure exit code; its monitor is stopped and nothing of the job still runs.
      expect(r.post.exitCode).toBeUndefined();
      expect(r.job.monitor?.ended).toBe(true);
      const procs = Object.values(r.job.procs).map((p) => p.name);
      expect(world.vt.pending().filter((t) => t.proc && procs.includes(t.proc))).toEqual([]);
    }
    expect(results.map((r) => r.main.output(Outputs.QueuePosition))).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4'
    ]);

    // Never two at once, in arrival order, each with a larger fencing token than the last.
    const ids = five.map((j) => j.correlationId);
    expect(steps.map((l) => `${l.event}:${l.id}`)).toEqual(
      ids.flatMap((id) => [`start:${id}`, `end:${id}`])
    );
    const fences = steps.filter((l) => l.event === 'start').map((l) => l.fence);
    expect(fences).toEqual([1, 2, 3, 4, 5]);
    // CloudFormation agrees: no update was refused as the stack was busy, each began after the last ended.
    expect(world.cfn.updatesRefused).toEqual([]);
    expect(world.cfn.updates.map((u) => u.by)).toEqual(ids);
    for (let i = 1; i < 5; i++)
      expect(world.cfn.updates[i]!.at).toBeGreaterThanOrEqual(
        world.cfn.updates[i - 1]!.at + deployMs
      );
    // Each acquire was sent only after the previous holder's release had landed, and got the lock at once.
    for (let i = 1; i < 5; i++) {
      const [release] = world.calls({ job: five[i - 1], op: 'lock.release' });
      const acquires = world.calls({ job: five[i], op: 'lock.acquire' });
      expect(release!.result).toBe(true);
      expect(acquires).toHaveLength(1);
      expect(acquires[0]!.seq).toBeGreaterThan(release!.endSeq!);
      expect(acquires[0]!.result).toMatchObject({ fence: i + 1 });
    }

    // Each waiter names the holder it waited for: correlation ID and run link, in its log and its record.
    const first = five[0]!;
    const firstAcquiredAt = first.state.get(State.AcquiredAt);
    for (let i = 1; i < 5; i++) {
      const job = five[i]!;
      const before = five[i - 1]!;
      expect(
        job.sink.find(`lock held by ${before.correlationId} (${before.run.runUrl})`)
      ).toBeDefined();
      // On arrival (all within the first's deployment): its position, the first job holding, the
      // jobs between them ahead.
      const queued = (await world.record(job.correlationId))?.transitions[0];
      expect(queued?.state).toBe('queued');
      expect(queued?.note).toBe(
        [
          `position ${i}`,
          `lock held by ${first.correlationId} (${first.run.runUrl}) since ${firstAcquiredAt}`,
          ...(i > 1 ? [`ahead: ${ids.slice(1, i).join(', ')}`] : [])
        ].join('; ')
      );
    }
    expect(results[1]!.main.output(Outputs.ActiveCorrelationId)).toBe(first.correlationId);

    // Every record went queued -> acquired -> completed -> released; no ticket and no holder is left.
    for (const id of ids)
      expect(await world.transitions(id)).toEqual(['queued', 'acquired', 'completed', 'released']);
    const q = await world.queue();
    expect(q.tickets).toEqual([]);
    expect(q.lock.holder).toBeUndefined();
    expect(q.lock).toMatchObject({ fence: 5, lastHolder: ids[4], lastOutcome: 'succeeded' });
    expect((await world.history()).map((h) => h.correlationId).sort()).toEqual([...ids].sort());
  });
});

describe('queue: leaving it early', () => {
  it('with skip-superseded, a queued run exits superseded when a newer run of the same ref queues behind it', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const older = world.job('older', { 'skip-superseded': 'true', 'wait-timeout-minutes': '10' });
    const running = older.coordinate();
    await polling(world, older);
    const newer = world.job('newer', { 'wait-timeout-minutes': '1' });
    const newerRunning = newer.coordinate();
    const { report, io } = await world.until(running);

    expect(report.result).toBe('superseded');
    expect(io.exitCode).toBe(1);
    expect(io.output(Outputs.Result)).toBe('superseded');
    const said = older.sink.line('A newer run for refs/heads/main is queued behind this one');
    expect(said.message).toBe(
      `A newer run for refs/heads/main is queued behind this one (${newer.correlationId}, ${newer.run.runUrl}): skipping this older deployment.`
    );
    // At its first poll after the newer run's ticket landed, within a poll interval.
    const [enqueued] = world.calls({ job: newer, op: 'lock.enqueue' });
    expect(said.seq).toBeGreaterThan(enqueued!.endSeq!);
    expect(said.at - enqueued!.endedAt!).toBeLessThanOrEqual(5_000);
    expect(await world.transitions(older.correlationId)).toEqual(['queued', 'superseded']);
    // Its ticket is gone; it never tried to take the lock, which is still a's.
    const seq = Number(older.state.get(State.TicketSeq));
    expect(world.calls({ job: older, op: 'lock.removeTicket' }).map((c) => c.args[1])).toEqual([
      seq
    ]);
    expect(world.calls({ job: older, op: 'lock.acquire' })).toEqual([]);
    expect((await world.queue()).tickets.map((t) => t.correlationId)).toEqual([
      newer.correlationId
    ]);
    expect(older.monitorStarts).toEqual([]);

    // The newer run waits behind a, which holds on, until its own wait-timeout-minutes.
    const newerEnd = await world.until(newerRunning);
    expect(newerEnd.report.result).toBe('concurrent');
    expect((await world.queue()).lock.holder).toMatchObject({ owner: a.owner, fence: 1 });
  });

  it('with on-active-failure: abort, a waiter whose awaited deployment failed gives the lock back and exits aborted', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const b = world.job('b', { 'on-active-failure': 'abort', 'wait-timeout-minutes': '10' });
    const waiting = b.coordinate();
    await polling(world, b);

    // The holder's deployment fails and rolls back; its finalize records the failure.
    expect(await world.until(a.deploy({ durationMs: 60_000, fails: true }))).toBe(true);
    expect((await world.cfn.describeStacks([STACK]))[0]?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    await world.until(a.finalize());
    expect(a.sink.line('Released', 'finalize').message).toBe(
      `Released ${world.environment} (fencing token 1), outcome failed.`
    );
    const { report, io } = await world.until(waiting);

    expect(report.result).toBe('aborted');
    expect(io.exitCode).toBe(1);
    expect(io.output(Outputs.Result)).toBe('aborted');
    expect(b.sink.annotations()).toContainEqual({
      level: 'error',
      title: 'Active deployment failed',
      message:
        "The deployment this run waited for failed and on-active-failure is 'abort': not deploying."
    });
    // It took the lock once a's release (with a's outcome) had landed, then gave it back at once.
    const [aRelease] = world.calls({ job: a, op: 'lock.release' });
    const [acquire] = world.calls({ job: b, op: 'lock.acquire' });
    const bReleases = world.calls({ job: b, op: 'lock.release' });
    expect(acquire!.seq).toBeGreaterThan(aRelease!.endSeq!);
    expect(bReleases.map((c) => [c.args[2], c.result])).toEqual([['aborted', true]]);
    expect(bReleases[0]!.seq).toBeGreaterThan(acquire!.endSeq!);
    const lock = (await world.queue()).lock;
    expect(lock.holder).toBeUndefined();
    expect(lock).toMatchObject({ fence: 2, lastHolder: b.correlationId, lastOutcome: 'aborted' });
    expect(world.stackChanges().map((c) => `${c.job} ${c.op}`)).toEqual(['a update']);
    expect(b.monitorStarts).toEqual([]);
  });
});
