/**
 * coordinate(), in process, through its injected dependencies (test-rig/in-process.ts): the real
 * registry against dynalite, the scripted CloudFormation, the real Slack client against the
 * stand-in, the real monitor loop, all on virtual time. Each test tells one of the story's
 * outcomes and checks what happened, and in what order, from the outputs, the state, the log,
 * the registry's calls and records.
 */
import { Outputs, State } from '../../src/config/state.js';
import type { Holder } from '../../src/ports/registry.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { STACK, World, scratchRunnerTemp, type Job } from '../../test-rig/in-process.js';
import { SlackStandin } from '../../test-rig/slack-standin.js';
import { holder, outputs, question } from './stories.js';

const LEASE_MS = 60_000;

let dynamo: DynamoRig;
let slack: SlackStandin;
let cleanUp: () => void;
let world: World | undefined;

beforeAll(async () => {
  cleanUp = scratchRunnerTemp();
  [dynamo, slack] = await Promise.all([DynamoRig.start(), SlackStandin.start()]);
});
afterAll(async () => {
  await Promise.all([dynamo.close(), slack.close()]);
  cleanUp();
});
beforeEach(() => slack.reset());
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Every line a job logged carried its correlation ID, and none its owner token. */
function expectCleanLog(job: Job): void {
  expect(job.sink.lines.filter((l) => !l.tagged)).toEqual([]);
  expect(job.sink.lines.filter((l) => l.message.includes(job.owner))).toEqual([]);
}

describe('coordinate: the lock is free', () => {
  it('acquires at once: outputs, state, the record queued then acquired, the monitor holding the lease', async () => {
    world = new World({ dynamo });
    const a = world.job('a');
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    expect(outputs(io)).toEqual({
      [Outputs.CorrelationId]: a.correlationId,
      [Outputs.Result]: 'acquired',
      [Outputs.Registry]: 'dynamodb',
      [Outputs.WaitedSeconds]: '0',
      [Outputs.QueuePosition]: '0',
      [Outputs.ActiveCorrelationId]: '',
      [Outputs.StackStatus]: JSON.stringify({ [STACK]: 'UPDATE_COMPLETE' }),
      [Outputs.ConsoleUrl]: `https://console.example/${STACK}`,
      [Outputs.EstimatedMinutes]: '30',
      [Outputs.CfnTags]: JSON.stringify([
        { Key: 'DeploymentCorrelationId', Value: a.correlationId }
      ]),
      [Outputs.Validation]: '[]',
      [Outputs.FencingToken]: '1'
    });

    // What finalize needs, saved the moment the lock was taken.
    const got = world.calls({ job: a, op: 'lock.acquire' });
    expect(got).toHaveLength(1);
    const granted = got[0]!.result as Holder;
    expect(granted).toMatchObject({ owner: a.owner, fence: 1, correlationId: a.correlationId });
    expect(a.state.get(State.Owner)).toBe(a.owner);
    expect(a.state.get(State.Fence)).toBe('1');
    expect(a.state.get(State.AcquiredAt)).toBe(granted.acquiredAt);
    expect(a.state.get(State.Registry)).toBe('dynamodb');
    expect(a.state.get(State.Result)).toBe('acquired');

    // The table: the lock is this run's, its ticket gone; the record says queued, then acquired.
    const q = await world.queue();
    expect(q.lock.holder).toMatchObject({ owner: a.owner, fence: 1 });
    expect(q.tickets).toEqual([]);
    const record = await world.record(a.correlationId);
    expect(record?.transitions.map((t) => t.state)).toEqual(['queued', 'acquired']);
    expect(record?.transitions[0]?.note).toBe('position 0; lock free');
    expect(record?.fence).toBe(1);

    // In that order: the ticket, the lock, the record's 'acquired', then the monitor's first heartbeat.
    const ops = world.calls({ job: a }).map((c) => `${c.stage} ${c.op}`);
    const at = (op: string): number => ops.indexOf(op);
    expect(at('coordinate lock.enqueue')).toBeLessThan(at('coordinate lock.acquire'));
    expect(at('coordinate lock.acquire')).toBeLessThan(at('coordinate lock.removeTicket'));
    expect(at('coordinate lock.acquire')).toBeLessThan(at('coordinate records.addTransition'));
    expect(at('coordinate records.addTransition')).toBeLessThan(at('monitor lock.heartbeatLock'));
    expect(a.sink.line('Acquired env-').message).toBe(
      `Acquired ${world.environment} (fencing token 1): ${STACK}=UPDATE_COMPLETE`
    );
    expect(a.sink.line('Result:').message).toBe(
      `Result: acquired (exit 0) for ${world.environment}.`
    );
    expect(a.sink.annotations()).toEqual([]);
    expectCleanLog(a);
  });
});

describe('coordinate: another run holds the lock', () => {
  it('queues behind the holder and acquires at its first poll after the release', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const b = world.job('b');
    const waiting = b.coordinate();
    await world.advance(20_000);
    // Queued behind a, position 1 on arrival, on the record.
    expect(await world.transitions(b.correlationId)).toEqual(['queued']);
    expect((await world.record(b.correlationId))?.transitions[0]?.note).toContain(
      `position 1; lock held by ${a.correlationId}`
    );
    expect(b.state.get(State.TicketSeq)).toBe('2');

    await world.until(a.deploy({ durationMs: 90_000 }));
    await world.until(a.finalize());
    const { report, io } = await world.until(waiting);

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    const out = outputs(io);
    expect(out[Outputs.QueuePosition]).toBe('1');
    expect(out[Outputs.FencingToken]).toBe('2');
    expect(out[Outputs.ActiveCorrelationId]).toBe(a.correlationId);
    expect(Number(out[Outputs.WaitedSeconds])).toBeGreaterThan(0);
    expect(out[Outputs.WaitedSeconds]).toBe(String(Math.round(report.turn.waitedMs / 1000)));
    expect(report.turn.waitedFor.map((h) => h.correlationId)).toEqual([a.correlationId]);

    // b's acquire was sent only after a's release had landed, and the first one it sent got the lock.
    const release = world.calls({ job: a, op: 'lock.release' });
    expect(release.map((c) => c.result)).toEqual([true]);
    const acquires = world.calls({ job: b, op: 'lock.acquire' });
    expect(acquires).toHaveLength(1);
    expect(acquires[0]!.seq).toBeGreaterThan(release[0]!.endSeq!);
    expect(acquires[0]!.result).toMatchObject({ owner: b.owner, fence: 2 });
    expect(await world.transitions(b.correlationId)).toEqual(['queued', 'acquired']);
    expect(b.sink.find("This run's turn came after")).toBeDefined();
    expect(b.sink.annotations()).toEqual([]);
    expectCleanLog(b);
  });

  it("wait-timeout-minutes 0: result concurrent, exit 2, its ticket removed, 'Another deployment is active'", async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const b = world.job('b', { 'wait-timeout-minutes': '0' });
    const { report, io } = await world.until(b.coordinate());

    expect(report.result).toBe('concurrent');
    expect(io.exitCode).toBe(2);
    const out = outputs(io);
    expect(out[Outputs.Result]).toBe('concurrent');
    expect(out[Outputs.ActiveCorrelationId]).toBe(a.correlationId);
    expect(out[Outputs.QueuePosition]).toBe('1');
    expect(out[Outputs.FencingToken]).toBe('');

    expect(b.sink.annotations()).toEqual([
      {
        level: 'error',
        title: 'Another deployment is active',
        message: expect.stringContaining(
          `Not waiting (wait-timeout-minutes is 0).\nLock held by ${a.correlationId}`
        )
      }
    ]);
    // The ticket it took is gone; the lock is still a's and b never tried to take it.
    const seq = Number(b.state.get(State.TicketSeq));
    expect(world.calls({ job: b, op: 'lock.removeTicket' }).map((c) => c.args[1])).toEqual([seq]);
    expect(world.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    const q = await world.queue();
    expect(q.tickets).toEqual([]);
    expect(q.lock.holder).toMatchObject({ owner: a.owner, fence: 1 });
    expect(await world.transitions(b.correlationId)).toEqual(['queued', 'timed-out']);
    expect(b.monitorStarts).toEqual([]);
  });

  it('cancelled while waiting (the runner signals): aborted, its ticket removed, the record cancelled', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const b = world.job('b');
    const cancel = new AbortController();
    const waiting = b.coordinate({ signal: cancel.signal });
    await world.advance(20_000);
    cancel.abort();
    const { report, io } = await world.until(waiting);

    expect(report.result).toBe('aborted');
    expect(io.exitCode).toBe(1);
    expect(b.sink.annotations()).toEqual([
      {
        level: 'error',
        title: 'Another deployment is active',
        message: expect.stringMatching(
          new RegExp(`^Cancelled after waiting 20s\\.\\nLock held by ${a.correlationId}`)
        )
      }
    ]);
    expect(world.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    expect((await world.queue()).tickets).toEqual([]);
    expect(await world.transitions(b.correlationId)).toEqual(['queued', 'cancelled']);
  });

  it("takes over a lock whose holder stopped heartbeating: 'Stale lock taken over', took-over / taken-over", async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    // a's monitor is cut off from the table: its heartbeats stop landing.
    a.net.monitor.down = true;
    const b = world.job('b', { 'wait-timeout-minutes': '10' });
    const { report, io } = await world.until(b.coordinate());

    expect(report.result).toBe('acquired');
    expect(outputs(io)[Outputs.FencingToken]).toBe('2');
    expect(report.turn.tookOver?.from.correlationId).toBe(a.correlationId);
    expect(b.sink.annotations()).toEqual([
      {
        level: 'warning',
        title: 'Stale lock taken over',
        message: `Taking over the lock of ${a.correlationId} (${a.run.runUrl}): no heartbeat for 1m 00s.`
      }
    ]);
    // Taken only once a's last lock write that landed was a lease old.
    const aWrites = world
      .calls({ job: a, op: 'lock.heartbeatLock' })
      .filter((c) => c.result === true)
      .map((c) => c.endedAt!);
    const lastOfA = Math.max(...aWrites, Date.parse(a.state.get(State.AcquiredAt)!));
    const [acquire] = world.calls({ job: b, op: 'lock.acquire' });
    expect(acquire!.startedAt - lastOfA).toBeGreaterThanOrEqual(LEASE_MS);
    expect(acquire!.result).toMatchObject({ owner: b.owner, fence: 2 });

    expect(await world.transitions(b.correlationId)).toEqual(['queued', 'took-over', 'acquired']);
    expect(await world.transitions(a.correlationId)).toEqual(['queued', 'acquired', 'taken-over']);
    const tookOver = (await world.record(b.correlationId))?.transitions[1];
    expect(tookOver?.note).toBe(`from ${a.correlationId}: no heartbeat for 1m 00s`);
  });

  it('on-active-failure abort: the deployment it waited for failed, so it does not deploy and gives the lock back', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const b = world.job('b', { 'on-active-failure': 'abort' });
    const waiting = b.coordinate();
    await world.until(a.deploy({ durationMs: 60_000, fails: true }));
    await world.until(a.finalize());
    const { report, io } = await world.until(waiting);

    expect(report.result).toBe('aborted');
    expect(io.exitCode).toBe(1);
    expect(report.turn.lockBefore).toMatchObject({
      lastHolder: a.correlationId,
      lastOutcome: 'failed'
    });
    expect(b.sink.annotations()).toEqual([
      expect.objectContaining({ level: 'warning', title: 'Warning: LAST_DEPLOYMENT_FAILED' }),
      {
        level: 'error',
        title: 'Active deployment failed',
        message:
          "The deployment this run waited for failed and on-active-failure is 'abort': not deploying."
      }
    ]);
    const releases = world.calls({ job: b, op: 'lock.release' });
    expect(releases.map((c) => [c.args[2], c.result])).toEqual([['aborted', true]]);
    expect((await world.queue()).lock).toMatchObject({ fence: 2, lastOutcome: 'aborted' });
    expect((await world.queue()).lock.holder).toBeUndefined();
    expect(await world.transitions(b.correlationId)).toEqual(['queued', 'acquired', 'released']);
    expect(b.monitorStarts).toEqual([]);
  });
});

describe('coordinate: validation under the lease', () => {
  it('a blocking finding (UPDATE_ROLLBACK_FAILED, auto-rollback off): blocked, exit 1, the lock released at once', async () => {
    world = new World({ dynamo, stackStatus: 'UPDATE_ROLLBACK_FAILED' });
    const a = world.job('a', { 'auto-rollback': 'false' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('blocked');
    expect(io.exitCode).toBe(1);
    expect(outputs(io)[Outputs.FencingToken]).toBe('');
    expect(JSON.parse(outputs(io)[Outputs.Validation]!)).toEqual([
      expect.objectContaining({ code: 'STACK_NEEDS_CONTINUE_ROLLBACK', severity: 'blocking' })
    ]);
    expect(JSON.parse(outputs(io)[Outputs.StackStatus]!)).toEqual({
      [STACK]: 'UPDATE_ROLLBACK_FAILED'
    });
    expect(a.sink.annotations()).toEqual([
      expect.objectContaining({ level: 'error', title: 'Blocking: STACK_NEEDS_CONTINUE_ROLLBACK' }),
      {
        level: 'error',
        title: 'Deployment blocked',
        message: 'Blocked: STACK_NEEDS_CONTINUE_ROLLBACK. Nothing was deployed.'
      }
    ]);
    // Released right away, with the result as the outcome; nothing repaired, no monitor.
    expect(world.calls({ job: a, op: 'lock.release' }).map((c) => [c.args[2], c.result])).toEqual([
      ['blocked', true]
    ]);
    const q = await world.queue();
    expect(q.lock.holder).toBeUndefined();
    expect(q.lock).toMatchObject({ fence: 1, lastHolder: a.correlationId, lastOutcome: 'blocked' });
    const record = await world.record(a.correlationId);
    expect(record?.transitions.map((t) => t.state)).toEqual(['queued', 'acquired', 'released']);
    expect(record?.transitions[2]?.note).toBe('not deploying: blocked');
    expect(world.stackChanges()).toEqual([]);
    expect(a.monitorStarts).toEqual([]);
  });

  it('the same stack with auto-rollback on is repaired first, under the lease, and then deployed', async () => {
    world = new World({ dynamo, stackStatus: 'UPDATE_ROLLBACK_FAILED' });
    const a = world.job('a');
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    // The deploy step finds the stack repaired: stack-status says so, not what coordinate found first.
    expect(JSON.parse(outputs(io)[Outputs.StackStatus]!)).toEqual({
      [STACK]: 'UPDATE_ROLLBACK_COMPLETE'
    });
    const [repair] = world.stackChanges();
    expect(repair).toMatchObject({ job: 'a', stage: 'coordinate', op: 'continueUpdateRollback' });
    // After the lock was granted, before the monitor was started.
    const [acquire] = world.calls({ job: a, op: 'lock.acquire' });
    expect(repair!.seq).toBeGreaterThan(acquire!.endSeq!);
    expect(repair!.seq).toBeLessThan(a.sink.line('Monitor started').seq);
    expect(a.sink.find(`Recovery: ${STACK} is UPDATE_ROLLBACK_COMPLETE after`)).toBeDefined();
  });

  it("warnings 'fail': a failed last deployment blocks the run", async () => {
    world = new World({ dynamo, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('a', { warnings: 'fail' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('blocked');
    expect(io.exitCode).toBe(1);
    expect(a.sink.annotations()).toEqual([
      expect.objectContaining({ level: 'warning', title: 'Warning: LAST_DEPLOYMENT_FAILED' }),
      {
        level: 'error',
        title: 'Deployment blocked by warnings',
        message: "warnings is 'fail' and validation found 1 warning(s): not deploying."
      }
    ]);
    expect(await world.transitions(a.correlationId)).toEqual(['queued', 'acquired', 'released']);
    expect((await world.queue()).lock.holder).toBeUndefined();
  });

  it("warnings 'ask', answered with a ✅ reaction after three minutes: proceeds, the lease heartbeating meanwhile", async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('a', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    expect(q.text).toContain(
      `Deploy ${world.environment} despite 1 warning(s) (LAST_DEPLOYMENT_FAILED)?`
    );
    const asked = world.vt.now();
    await world.advance(3 * 60_000);
    slack.react(q.channel, q.ts, 'white_check_mark');
    const { report, io } = await world.until(running);

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    expect(a.sink.line('despite 1 warning(s) (LAST_DEPLOYMENT_FAILED)? proceed').message).toContain(
      "answered 'proceed' in Slack"
    );
    // coordinate kept the lease while the person took their time: its heartbeats landed meanwhile.
    const beats = world
      .calls({ job: a, stage: 'coordinate', op: 'lock.heartbeatLock' })
      .filter((c) => c.result === true && c.endedAt! > asked);
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(a.monitorStarts).toHaveLength(1);
    expect((await world.queue()).lock.holder).toMatchObject({ owner: a.owner });
  });

  it("warnings 'ask', answered with an 'abort' reply: aborted, the lock released", async () => {
    world = new World({ dynamo, slack, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    const a = world.job('a', { warnings: 'ask' }, { slack: true });
    const running = a.coordinate();
    const q = await question(world, slack);
    await world.advance(30_000);
    slack.reply(q.channel, q.ts, 'abort, the fix is not merged yet');
    const { report, io } = await world.until(running);

    expect(report.result).toBe('aborted');
    expect(io.exitCode).toBe(1);
    expect(a.sink.annotations()).toContainEqual({
      level: 'error',
      title: undefined,
      message: expect.stringContaining("abort: answered 'abort' in Slack by Dana (U0PERSON001).")
    });
    expect(world.calls({ job: a, op: 'lock.release' }).map((c) => [c.args[2], c.result])).toEqual([
      ['aborted', true]
    ]);
    expect(await world.transitions(a.correlationId)).toEqual(['queued', 'acquired', 'released']);
    expect(a.monitorStarts).toEqual([]);
  });
});

describe('coordinate: the handover to the monitor', () => {
  it('starts the monitor with the fence and owner, and stops heartbeating only once its first heartbeat landed', async () => {
    world = new World({ dynamo });
    const a = world.job('a');
    // The monitor's calls take 45 s to land, more than two of coordinate's heartbeat intervals.
    a.net.monitor.latencyMs = 45_000;
    const { report } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(a.monitorStarts).toEqual([
      expect.objectContaining({
        owner: a.owner,
        fence: 1,
        acquiredAt: a.state.get(State.AcquiredAt),
        registryTable: dynamo.table
      })
    ]);
    expect(a.state.get(State.MonitorPid)).toBe('4200');
    const started = a.sink.line('Monitor started');
    const holds = a.sink.line('The monitor holds the lease now');
    const [first] = world.calls({ job: a, stage: 'monitor', op: 'lock.heartbeatLock' });
    expect(first).toMatchObject({ result: true });
    expect(first!.args[1]).toMatchObject({ owner: a.owner, fence: 1 });
    expect(first!.seq).toBeGreaterThan(started.seq);
    // Until the monitor's heartbeat landed, coordinate heartbeated; after it, never again.
    const mine = world.calls({ job: a, stage: 'coordinate', op: 'lock.heartbeatLock' });
    const between = mine.filter((c) => c.seq > started.seq && c.endSeq! < first!.endSeq!);
    expect(between.length).toBeGreaterThanOrEqual(2);
    expect(between.every((c) => c.result === true)).toBe(true);
    expect(holds.seq).toBeGreaterThan(first!.endSeq!);
    expect(mine.filter((c) => c.seq > holds.seq)).toEqual([]);
    expect(a.sink.line('Result: acquired').seq).toBeGreaterThan(holds.seq);
  });

  it("a monitor whose first heartbeat never lands within a lease: 'Lock handover incomplete', aborted", async () => {
    world = new World({ dynamo });
    const a = world.job('a');
    a.net.monitor.down = true;
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('aborted');
    expect(io.exitCode).toBe(1);
    expect(a.sink.annotations()).toEqual([
      {
        level: 'error',
        title: 'Lock handover incomplete',
        message:
          "The monitor's first heartbeat has not landed within a lease (1m 00s): nobody would heartbeat the lock during the deployment, so this run does not deploy."
      }
    ]);
    // coordinate kept the lock alive for that whole lease.
    const beats = world
      .calls({ job: a, stage: 'coordinate', op: 'lock.heartbeatLock' })
      .filter((c) => c.result === true);
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(a.sink.find('The monitor holds the lease now')).toBeUndefined();
  });

  it.each([
    ['with a table', true],
    ['CloudFormation-only', false]
  ])(
    '%s: a stack that went in progress between the handover and the deploy step: not deploying (aborted)',
    async (_, table) => {
      world = new World(table ? { dynamo } : {});
      const w = world;
      const a = world.job('a');
      const { report, io } = await world.until(
        a.coordinate({
          tweak: (d) => ({
            ...d,
            startMonitor: (m) => {
              const launched = d.startMonitor!(m);
              // Someone starts an update from the console just then.
              w.cfn.update(STACK, 'console-user', {
                durationMs: 120_000,
                fails: false,
                disableRollback: false
              });
              return launched;
            }
          })
        })
      );

      expect(report.result).toBe('aborted');
      expect(io.exitCode).toBe(1);
      expect(outputs(io)[Outputs.Result]).toBe('aborted');
      expect(outputs(io)[Outputs.FencingToken]).toBe('');
      expect(a.sink.annotations()).toContainEqual({
        level: 'error',
        title: 'Another deployment is active',
        message: `${STACK} is UPDATE_IN_PROGRESS: another deployment began meanwhile; not deploying.`
      });
      expect(a.monitorStarts).toHaveLength(1);
    }
  );
});

describe('coordinate: CloudFormation-only (no registry-table)', () => {
  it("acquires once the stacks are stable: registry 'cloudformation-only', no fencing token, a REGISTRY_NOT_CONFIGURED warning", async () => {
    world = new World({});
    // Another pipeline is deploying the stack when the run arrives.
    world.cfn.update(STACK, 'other-pipeline', {
      durationMs: 40_000,
      fails: false,
      disableRollback: false
    });
    const a = world.job('a');
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    const out = outputs(io);
    expect(out[Outputs.Registry]).toBe('cloudformation-only');
    expect(out[Outputs.FencingToken]).toBe('');
    expect(out[Outputs.QueuePosition]).toBe('1');
    expect(Number(out[Outputs.WaitedSeconds])).toBeGreaterThanOrEqual(40);
    expect(a.state.get(State.Registry)).toBe('cloudformation-only');
    expect(a.state.get(State.Fence)).toBe('0');
    expect(a.state.get(State.AcquiredAt)).toBe(new Date(world.vt.now()).toISOString());
    expect(a.sink.annotations()).toEqual([
      expect.objectContaining({ level: 'warning', title: 'Warning: REGISTRY_NOT_CONFIGURED' })
    ]);
    expect(a.sink.line('Acquired env-').message).toBe(
      `Acquired ${world.environment} (CloudFormation only): ${STACK}=UPDATE_COMPLETE`
    );
    // The monitor follows the events but has no lease to hold; nobody waits for its heartbeat.
    expect(a.monitorStarts).toEqual([
      expect.objectContaining({ fence: 0, registryTable: undefined })
    ]);
    expect(a.sink.find('The monitor holds the lease now')).toBeUndefined();
    expect(world.registryCalls).toEqual([]);
  });
});
