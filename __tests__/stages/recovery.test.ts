/**
 * What coordinate() and finalize() recover from, in process (test-rig/in-process.ts): a table that
 * stops answering mid-wait (and one that answers again, after a fallback, with a lock nobody can
 * read), a finalize run twice, a failed deployment's stack repaired before the next run is let
 * in, and a repair that itself fails. The real registry against dynalite, the
 * scripted CloudFormation (a failing resource scripted into a repair where a story needs one:
 * `nextRepair.steps`), all on virtual time.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Outputs, State } from '../../src/config/state.js';
import { RegistryCorruptError } from '../../src/ports/registry-errors.js';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { STACK, World, scratchRunnerTemp } from '../../test-rig/in-process.js';
import { holder, polling, summaryRow } from './stories.js';

const LEASE_MS = 60_000;

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

describe('recovery: the table stops answering', () => {
  it('falls back to CloudFormation-only when the table stops mid-wait for longer than a lease, and the in-progress check still holds', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    // The holder's deployment: the stack is busy for 3 minutes, well past the fallback.
    const deployStartedAt = world.vt.now();
    const deploying = a.deploy({ durationMs: 180_000 });
    const stackDoneAt = deployStartedAt + 180_000;

    const b = world.job('b', { 'wait-timeout-minutes': '10' });
    const waiting = b.coordinate();
    await polling(world, b);
    // The table stops: nobody's calls reach it any more.
    const stoppedAt = world.vt.now();
    for (const j of world.jobs) for (const n of Object.values(j.net)) n.down = true;
    const { report, io } = await world.until(waiting);

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(io.output(Outputs.Registry)).toBe('cloudformation-only');
    expect(io.output(Outputs.FencingToken)).toBe('');
    expect(b.state.get(State.Registry)).toBe('cloudformation-only');

    // It fell back only once the table had not answered for a lease: counted from its first read
    // of the queue that failed, and no later than one backoff (at most a third of a lease) after.
    const [firstFailed] = world
      .calls({ job: b, stage: 'coordinate', op: 'lock.view' })
      .filter((c) => c.error !== undefined);
    expect(firstFailed!.startedAt).toBeGreaterThanOrEqual(stoppedAt);
    const fellBack = b.sink.line('Falling back to CloudFormation-only coordination', 'coordinate');
    expect(fellBack.at - firstFailed!.startedAt).toBeGreaterThanOrEqual(LEASE_MS);
    expect(fellBack.at - firstFailed!.startedAt).toBeLessThanOrEqual(LEASE_MS + LEASE_MS / 3);
    expect(fellBack.at).toBeLessThan(stackDoneAt);
    expect(b.sink.annotations('coordinate')).toContainEqual({
      level: 'warning',
      title: 'Registry unavailable',
      message: expect.stringMatching(
        /^The registry has not answered for \d+m \d\ds, longer than a lease \(.*ECONNREFUSED.*\)\. Falling back to CloudFormation-only coordination: no queue order, but a stack in progress still holds this run back\.$/
      )
    });
    expect(JSON.parse(io.output(Outputs.Validation))).toContainEqual(
      expect.objectContaining({ code: 'REGISTRY_UNAVAILABLE', severity: 'warning' })
    );

    // The in-progress check held it back until a's stack operation ended (it kept polling
    // CloudFormation meanwhile): acquired only after it, at the next poll, never through the table.
    const acquiredAt = Date.parse(b.state.get(State.AcquiredAt)!);
    expect(acquiredAt).toBeGreaterThanOrEqual(stackDoneAt);
    expect(acquiredAt - stackDoneAt).toBeLessThanOrEqual(5_000);
    const pollsWhileBusy = b.sink.lines.filter(
      (l) => l.stage === 'coordinate' && l.message.startsWith('Poll ') && l.seq > fellBack.seq
    );
    expect(pollsWhileBusy.length).toBeGreaterThan(0);
    expect(world.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    expect(await world.until(deploying)).toBe(true);

    // Its finalize coordinates through CloudFormation alone too, and does no harm.
    const post = await world.until(b.finalize());
    expect(post.exitCode).toBeUndefined();
    expect(b.sink.line('nothing to release', 'finalize').message).toBe(
      'CloudFormation-only coordination holds no lock: nothing to release.'
    );
    expect(world.calls({ job: b, stage: 'finalize' })).toEqual([]);
  });
});

describe('recovery: the table answers again, with a lock nobody can read', () => {
  it('a run that fell back and acquired on CloudFormation alone, whose last look before the deploy step finds the LOCK unreadable: not deploying, blocked (REGISTRY_CORRUPT)', async () => {
    world = new World({ dynamo });
    // a holds the lock through the table and is still building: its stack is idle, its monitor
    // heartbeats the lease.
    const a = await holder(world, 'a');
    // Then the LOCK item gets an attribute with a number JavaScript cannot hold exactly (as a
    // script or another release could write it): a's heartbeats (writes) go on, no read decodes it.
    await asTestCaller(dynamo.client()).send(
      new UpdateItemCommand({
        TableName: dynamo.table,
        Key: { pk: { S: `ENV#${world.environment}` }, sk: { S: 'LOCK' } },
        UpdateExpression: 'SET #bad = :n',
        ExpressionAttributeNames: { '#bad': 'heartbeatNs' },
        ExpressionAttributeValues: { ':n': { N: '1733590000000000000.5' } }
      })
    );
    // b's network to the table is down from its arrival: after a lease it falls back to
    // CloudFormation alone, and acquires there (the stack is idle). Its network comes back the
    // moment that acquire is done: the only registry read left before the deploy step is the
    // last look, just before it.
    const b = world.job('b', { 'wait-timeout-minutes': '10' });
    b.net.coordinate.down = true;
    /** How many registry calls the world had seen when b acquired on CloudFormation alone. */
    let callsBefore: number | undefined;
    const waiting = b.coordinate({
      tweak: (d) => ({
        ...d,
        fallback: () => {
          const alone = d.fallback();
          const acquire = alone.lock.acquire.bind(alone.lock);
          alone.lock.acquire = async (...args) => {
            const held = await acquire(...args);
            callsBefore = world!.registryCalls.length;
            b.net.coordinate.down = false;
            return held;
          };
          return alone;
        }
      })
    });
    const { report, io } = await world.until(waiting);

    // It did fall back, and acquire on CloudFormation alone...
    expect(
      b.sink.find('Falling back to CloudFormation-only coordination', 'coordinate')
    ).toBeDefined();
    expect(callsBefore).toBeDefined();
    expect(world.calls({ job: b, op: 'lock.acquire' })).toEqual([]);
    // ...then its last look met the unreadable LOCK, through the table: that is an answer.
    const looks = world.registryCalls
      .slice(callsBefore)
      .filter((c) => c.job === b.name && c.stage === 'coordinate');
    expect(looks.map((c) => c.op)).toEqual(['lock.view']);
    expect(looks).toHaveLength(1);
    expect(looks[0]!.error).toBeInstanceOf(RegistryCorruptError);
    // Not deploying: the step says so, and does not hand over to the deploy step.
    expect(report.result).not.toBe('acquired');
    expect(report.result).toBe('blocked');
    expect(io.output(Outputs.Result)).not.toBe('acquired');
    expect(io.exitCode).toBeDefined();
    expect(io.exitCode).not.toBe(0);
    const said = b.sink
      .annotations('coordinate')
      .filter((x) => /REGISTRY_CORRUPT/.test(x.title ?? '') || /REGISTRY_CORRUPT/.test(x.message));
    expect(said).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining(
          `ENV#${world.environment} / LOCK: heartbeatNs is the number "1733590000000000000.5"`
        )
      })
    ]);
    // a's lease was live then: its monitor's last heartbeat had taken less than a lease before.
    const beats = world
      .calls({ job: a, stage: 'monitor', op: 'lock.heartbeatLock' })
      .filter((c) => c.result === true && c.endSeq! < looks[0]!.seq);
    expect(beats.length).toBeGreaterThan(1);
    expect(looks[0]!.startedAt - beats.at(-1)!.startedAt).toBeLessThan(LEASE_MS);
    expect(world.stackChanges()).toEqual([]);
  });
});

describe('recovery: finalize run again', () => {
  it('finalize run twice releases once and says what it found the second time', async () => {
    world = new World({ dynamo });
    const a = await holder(world, 'a');
    const first = await world.until(a.finalize());
    const second = await world.until(a.finalize());

    expect(first.exitCode).toBeUndefined();
    expect(second.exitCode).toBeUndefined();
    const [released, nothing, ...more] = a.sink.lines
      .filter((l) => l.stage === 'finalize' && /^(Released|Nothing to release)/.test(l.message))
      .map((l) => l.message);
    expect(released).toBe(`Released ${world.environment} (fencing token 1), outcome no-change.`);
    expect(nothing).toBe(
      `Nothing to release: ${world.environment} was already released (fencing token 1).`
    );
    expect(more).toEqual([]);
    expect(world.calls({ job: a, op: 'lock.release' }).map((c) => c.result)).toEqual([true]);
    expect(a.sink.annotations('finalize')).toEqual([]);
    const states = await world.transitions(a.correlationId);
    expect(states).toEqual(['queued', 'acquired', 'completed', 'released']);
    expect(summaryRow(second.summary, 'Lock')).toBe(
      '| Lock | already released (fencing token 1) |'
    );
  });
});

describe('recovery: finalize repairs what a failed deployment left, then lets the next run in', () => {
  it('rolls an UPDATE_FAILED stack back, reports failed with the root cause, and the queued run deploys', async () => {
    world = new World({ dynamo });
    const first = await holder(world, 'first');
    const next = world.job('next');
    const waiting = next.coordinate();
    await polling(world, next);

    // The deploy step with rollback disabled: the update fails and stays UPDATE_FAILED.
    await world.until(first.deploy({ durationMs: 60_000, fails: true, disableRollback: true }));
    expect((await world.cfn.describeStacks([STACK]))[0]?.status).toBe('UPDATE_FAILED');
    const post = await world.until(first.finalize());

    expect(post.exitCode).toBeUndefined();
    const repairs = world.stackChanges().filter((c) => c.op !== 'update');
    expect(repairs.map((c) => `${c.job} ${c.stage} ${c.op}`)).toEqual([
      'first finalize rollbackStack'
    ]);
    expect(first.sink.line('Recovery:', 'finalize').message).toBe(
      `Recovery: ${STACK} is UPDATE_FAILED; RollbackStack.`
    );
    expect(
      first.sink.line(`Recovery: ${STACK} is UPDATE_ROLLBACK_COMPLETE after`, 'finalize')
    ).toBeDefined();
    expect(first.sink.line('Outcome:', 'finalize').message).toBe(
      `Outcome: failed (root cause: Api (AWS::Lambda::Function) UPDATE_FAILED: Scripted failure). Stacks now: ${STACK}=UPDATE_ROLLBACK_COMPLETE`
    );
    expect(post.summary).toContain(`- ${STACK}: rollback → UPDATE_ROLLBACK_COMPLETE (done)`);
    expect(summaryRow(post.summary, 'Outcome')).toBe('| Outcome | failed |');
    // The root cause, on a line of its own and in the summary's events with its reason.
    expect(summaryRow(post.summary, 'Root cause')).toBe(
      '| Root cause | Api (AWS::Lambda::Function) UPDATE_FAILED: Scripted failure |'
    );
    expect(post.summary).toMatch(
      /\| Api \(AWS::Lambda::Function\) \| UPDATE_FAILED \| Scripted failure \|/
    );

    // The queued run got its turn only after the repair, and deployed.
    const [release] = world.calls({ job: first, op: 'lock.release' });
    expect(release!.args[2]).toBe('failed');
    expect(release!.seq).toBeGreaterThan(repairs[0]!.seq);
    const { report, io } = await world.until(waiting);
    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    expect(io.output(Outputs.Result)).toBe('acquired');
    expect(io.output(Outputs.StackStatus)).toBe(
      JSON.stringify({ [STACK]: 'UPDATE_ROLLBACK_COMPLETE' })
    );
    const [acquire] = world.calls({ job: next, op: 'lock.acquire' });
    expect(acquire!.seq).toBeGreaterThan(release!.endSeq!);
    // It waited for the failed deployment, which proceed (the default) lets it follow.
    expect(next.sink.annotations('coordinate')).toContainEqual({
      level: 'warning',
      title: 'Active deployment failed',
      message: 'The deployment this run waited for failed; proceeding (on-active-failure: proceed).'
    });
    expect(await world.until(next.deploy())).toBe(true);
    await world.until(next.finalize());
    expect(next.sink.line('Outcome:', 'finalize').message).toBe(
      `Outcome: succeeded. Stacks now: ${STACK}=UPDATE_COMPLETE`
    );
  });

  it('a rollback that itself fails: the instructions name the stuck resources and the commands', async () => {
    world = new World({ dynamo });
    const j = await holder(world, 'stuck');
    await world.until(j.deploy({ durationMs: 60_000, fails: true, disableRollback: true }));
    expect((await world.cfn.describeStacks([STACK]))[0]?.status).toBe('UPDATE_FAILED');
    // The rollback fails: a database cannot be rolled back, the stack ends UPDATE_ROLLBACK_FAILED.
    world.cfn.nextRepair = {
      durationMs: 300,
      fails: true,
      steps: [
        {
          atMs: 200,
          logicalId: 'Db',
          resourceType: 'AWS::RDS::DBInstance',
          status: 'UPDATE_FAILED',
          reason: 'DB instance is in a state that cannot be modified'
        }
      ]
    };
    const post = await world.until(j.finalize());

    expect(post.exitCode).toBeUndefined();
    const error = j.sink
      .annotations('finalize')
      .find((a) => a.level === 'error' && a.title === `Recovery failed: ${STACK}`);
    expect(error?.message.split('\n')[0]).toBe(
      `Recovery of ${STACK} failed (ended UPDATE_ROLLBACK_FAILED: Scripted repair failure).`
    );
    expect(error?.message).toContain(
      `  - Db (AWS::RDS::DBInstance) UPDATE_FAILED: DB instance is in a state that cannot be modified`
    );
    expect(error?.message).toContain(
      `aws cloudformation continue-update-rollback --stack-name ${STACK} --resources-to-skip Db`
    );
    expect(error?.message).toContain(`Console: https://console.example/${STACK}`);
    expect(post.summary).toContain('--resources-to-skip Db');
    expect(post.summary).toContain('rollback → UPDATE_ROLLBACK_FAILED (failed)');
    // One RollbackStack, nothing tried after it; the lock released (outcome failed) all the same.
    expect(world.stackChanges().map((c) => `${c.stage} ${c.op}`)).toEqual([
      'deploy update',
      'finalize rollbackStack'
    ]);
    expect(world.calls({ job: j, op: 'lock.release' }).map((c) => [c.args[2], c.result])).toEqual([
      ['failed', true]
    ]);
  });
});
