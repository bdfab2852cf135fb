/**
 * coordinate(), in process, in CloudFormation-only mode (no registry-table): the stacks' own
 * status is the only lock. Through its injected dependencies (test-rig/in-process.ts): the
 * scripted CloudFormation (test-rig/scripted-cloudformation.ts), the CloudFormation-only lock
 * and the history file, all on virtual time, so a wait is measured exactly. Each test tells one
 * outcome and checks it from the outputs, the state, the log and annotations, and the
 * CloudFormation calls. What needs real processes (the runner's file commands, signals, the real
 * SDK's errors, the Actions cache) stays in __tests__/e2e/coordinate-cloudformation.test.ts.
 */
import { Outputs, State } from '../../src/config/state.js';
import { T0, World, scratchRunnerTemp, type Job, type LogLine } from '../../test-rig/in-process.js';
import { outputs } from './stories.js';

/** The correlation ID of the deployment another pipeline is running on a busy stack. */
const OTHER_ID = '20261122-090000-0badc0de';
/** The busy stack's operation began this long before the run arrived (at T0). */
const BUSY_FOR_MS = 90_000;
/** The CloudFormation calls that only read. */
const READS = new Set(['describeStacks', 'currentOperation', 'eventsSince', 'pastEvents']);

let cleanUp: () => void;
let world: World | undefined;

beforeAll(() => {
  cleanUp = scratchRunnerTemp();
});
afterAll(() => cleanUp());
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const iso = (ms: number): string => new Date(ms).toISOString();
/** An event as the log prints it: the time of day, then what happened. */
const hhmmss = (ms: number): string => iso(ms).slice(11, 19);

/**
 * A stack mid-update, started 90 s before the run arrives by another deployment (its correlation
 * tag on the stack), with resource events; the update ends `endsAfterMs` after the run arrived,
 * or never.
 */
function busyStack(w: World, name: string, endsAfterMs?: number): void {
  const startAt = T0 - BUSY_FOR_MS;
  w.cfn.put(name, 'UPDATE_COMPLETE', {
    tags: { DeploymentCorrelationId: OTHER_ID },
    at: startAt - 60_000
  });
  w.cfn.run(
    name,
    [
      { atMs: 0, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      {
        atMs: 1_000,
        logicalId: 'Queue',
        resourceType: 'AWS::SQS::Queue',
        status: 'UPDATE_IN_PROGRESS'
      },
      {
        atMs: 20_000,
        logicalId: 'Queue',
        resourceType: 'AWS::SQS::Queue',
        status: 'UPDATE_COMPLETE'
      },
      {
        atMs: 30_000,
        logicalId: 'Database',
        resourceType: 'AWS::RDS::DBInstance',
        status: 'UPDATE_IN_PROGRESS',
        reason: 'Modifying instance class'
      },
      ...(endsAfterMs === undefined
        ? []
        : [
            {
              atMs: BUSY_FOR_MS + endsAfterMs - 1_000,
              logicalId: 'Database',
              resourceType: 'AWS::RDS::DBInstance',
              status: 'UPDATE_COMPLETE'
            },
            { atMs: BUSY_FOR_MS + endsAfterMs, status: 'UPDATE_COMPLETE' }
          ])
    ],
    { startAt }
  );
}

/** The line the job logged right after `line`. */
function next(job: Job, line: LogLine): LogLine {
  const i = job.sink.lines.indexOf(line);
  const after = job.sink.lines[i + 1];
  if (!after) throw new Error(`nothing was logged after ${JSON.stringify(line.message)}`);
  return after;
}

/** The CloudFormation operations a job called, in order. */
const cloudFormationOps = (w: World, job: Job): string[] =>
  w.cloudFormationCalls.filter((c) => c.job === job.name).map((c) => c.op);

describe('coordinate, CloudFormation only: a stack is busy', () => {
  it('wait-timeout-minutes 0: exit 2, result concurrent at once, the active deployment described, nothing changed', async () => {
    world = new World({});
    busyStack(world, 'CourtCaseStack');
    const a = world.job('a', { 'stack-name': 'CourtCaseStack', 'wait-timeout-minutes': '0' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('concurrent');
    expect(io.exitCode).toBe(2);
    // At once: no virtual time passed.
    expect(world.vt.now()).toBe(T0);
    expect(report.turn.waitedMs).toBe(0);
    const out = outputs(io);
    expect(out[Outputs.Result]).toBe('concurrent');
    expect(out[Outputs.Registry]).toBe('cloudformation-only');
    expect(JSON.parse(out[Outputs.StackStatus]!)).toEqual({ CourtCaseStack: 'UPDATE_IN_PROGRESS' });
    expect(out[Outputs.ConsoleUrl]).toBe('https://console.example/CourtCaseStack');
    expect(out[Outputs.ActiveCorrelationId]).toBe(OTHER_ID);
    expect(out[Outputs.QueuePosition]).toBe('1');
    expect(out[Outputs.WaitedSeconds]).toBe('0');
    expect(out[Outputs.FencingToken]).toBe('');
    expect(JSON.parse(out[Outputs.Validation]!)).toEqual([
      expect.objectContaining({
        code: 'STACK_IN_PROGRESS',
        severity: 'blocking',
        stack: 'CourtCaseStack'
      })
    ]);
    expect(a.state.get(State.Result)).toBe('concurrent');

    // One error: who is deploying, since when, how far along, the latest events, the console.
    const errors = a.sink.annotations().filter((x) => x.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.title).toBe('Another deployment is active');
    const text = errors[0]!.message;
    const lines = text.split('\n');
    expect(lines[0]).toBe('Not waiting (wait-timeout-minutes is 0).');
    expect(lines[1]).toBe(
      'Stack CourtCaseStack is UPDATE_IN_PROGRESS: another deployment is active.'
    );
    expect(lines).toContain(`  Active deployment: ${OTHER_ID}`);
    expect(lines).toContain(`  Started: ${iso(T0 - BUSY_FOR_MS)} (UPDATE_IN_PROGRESS)`);
    expect(lines).toContain('  Elapsed: 1m 30s');
    expect(lines).toContain('  Progress: 1 resources done, 1 in progress, 0 failed');
    expect(lines).toContain('  Console: https://console.example/CourtCaseStack');
    const latest = lines.indexOf('  Latest events:');
    expect(latest).toBeGreaterThan(0);
    expect(lines.slice(latest + 1)).toEqual([
      `    ${hhmmss(T0 - BUSY_FOR_MS)} CourtCaseStack (AWS::CloudFormation::Stack) UPDATE_IN_PROGRESS: User Initiated`,
      `    ${hhmmss(T0 - BUSY_FOR_MS + 1_000)} Queue (AWS::SQS::Queue) UPDATE_IN_PROGRESS`,
      `    ${hhmmss(T0 - BUSY_FOR_MS + 20_000)} Queue (AWS::SQS::Queue) UPDATE_COMPLETE`,
      `    ${hhmmss(T0 - BUSY_FOR_MS + 30_000)} Database (AWS::RDS::DBInstance) UPDATE_IN_PROGRESS: Modifying instance class`
    ]);

    // The same details are in the log of the poll, right after its line, not only in the annotation.
    const poll = a.sink.line('Poll 1 ');
    expect(poll.message).toMatch(/^Poll 1 \(waited 0s of 0s\): /);
    const activity = next(a, poll);
    expect(activity.level).toBe('info');
    expect(text).toBe(`Not waiting (wait-timeout-minutes is 0).\n${activity.message}`);
    expect(a.sink.find('Poll 2 ')).toBeUndefined();

    // It only read: nothing was changed on the stack, and no monitor was started.
    const ops = cloudFormationOps(world, a);
    expect(ops).toContain('describeStacks');
    expect(ops.filter((op) => !READS.has(op))).toEqual([]);
    expect(world.stackChanges()).toEqual([]);
    expect(world.cfn.updates).toEqual([]);
    expect(a.monitorStarts).toEqual([]);
    expect(world.registryCalls).toEqual([]);
  });

  it('waits for an update that ends 3 s after it arrived, and acquires at the first poll after: waited-seconds 3', async () => {
    world = new World({});
    busyStack(world, 'AppStack', 3_000);
    const a = world.job('a', {
      'stack-name': 'AppStack',
      'wait-timeout-minutes': '0.5',
      'poll-interval-seconds': '0.25'
    });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    const out = outputs(io);
    expect(out[Outputs.Result]).toBe('acquired');
    // Exactly as long as the update still ran: polls every 250 ms, the 13th (at 3 s) found it done.
    expect(report.turn.waitedMs).toBe(3_000);
    expect(out[Outputs.WaitedSeconds]).toBe('3');
    expect(a.state.get(State.AcquiredAt)).toBe(iso(T0 + 3_000));
    expect(a.sink.find('Poll 12 ')).toBeDefined();
    expect(a.sink.find('Poll 13 ')).toBeUndefined();
    expect(out[Outputs.ActiveCorrelationId]).toBe(OTHER_ID);
    expect(out[Outputs.QueuePosition]).toBe('1');
    expect(JSON.parse(out[Outputs.StackStatus]!)).toEqual({ AppStack: 'UPDATE_COMPLETE' });

    // The waiter reports the active deployment's progress: in full at the first poll, then the
    // database's completion among the new events of the poll that saw it (at 2 s).
    expect(next(a, a.sink.line('Poll 1 ')).message).toContain(
      'Database (AWS::RDS::DBInstance) UPDATE_IN_PROGRESS: Modifying instance class'
    );
    const done = a.sink.line('Database (AWS::RDS::DBInstance) UPDATE_COMPLETE');
    expect(done.at).toBe(T0 + 2_000);
    expect(done.message).toMatch(
      /\n {2}New events:\n {4}\d\d:\d\d:\d\d Database \(AWS::RDS::DBInstance\) UPDATE_COMPLETE$/
    );
    expect(a.sink.line("This run's turn came after").message).toBe(
      "This run's turn came after 3s."
    );
    expect(a.sink.line('Acquired ').at).toBe(T0 + 3_000);
    // The run does not linger once acquired: coordinate ended at the acquisition's instant.
    expect(world.vt.now()).toBe(T0 + 3_000);
    expect(world.stackChanges()).toEqual([]);
  });

  it('gives up with result concurrent when the wait times out: waited out wait-timeout-minutes, not a poll more', async () => {
    world = new World({});
    busyStack(world, 'SlowStack');
    const a = world.job('a', {
      'stack-name': 'SlowStack',
      'wait-timeout-minutes': '0.02',
      'poll-interval-seconds': '0.3'
    });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('concurrent');
    expect(io.exitCode).toBe(2);
    expect(outputs(io)[Outputs.Result]).toBe('concurrent');
    // wait-timeout-minutes is 1.2 s: polls at 0, 0.3, 0.6, 0.9 and 1.2 s, then it gave up.
    expect(report.turn.waitedMs).toBe(1_200);
    expect(world.vt.now()).toBe(T0 + 1_200);
    expect(outputs(io)[Outputs.WaitedSeconds]).toBe('1');
    expect(a.sink.find('Poll 5 ')).toBeDefined();
    expect(a.sink.find('Poll 6 ')).toBeUndefined();
    // And says so, with the time it waited.
    const errors = a.sink.annotations().filter((x) => x.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.title).toBe('Another deployment is active');
    expect(errors[0]!.message).toMatch(
      /^Gave up after waiting 1s \(wait-timeout-minutes\)\.\nStack SlowStack is UPDATE_IN_PROGRESS: another deployment is active\.\n/
    );
    expect(a.monitorStarts).toEqual([]);
    expect(world.stackChanges()).toEqual([]);
  });

  it('checks every covered stack: one busy stack of several holds the run back', async () => {
    world = new World({});
    world.cfn.put('Network', 'UPDATE_COMPLETE');
    busyStack(world, 'Data');
    const a = world.job('a', {
      'stack-name': 'Network,Data',
      environment: 'production',
      'wait-timeout-minutes': '0'
    });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('concurrent');
    expect(io.exitCode).toBe(2);
    const out = outputs(io);
    expect(out[Outputs.Result]).toBe('concurrent');
    expect(JSON.parse(out[Outputs.StackStatus]!)).toEqual({
      Network: 'UPDATE_COMPLETE',
      Data: 'UPDATE_IN_PROGRESS'
    });
    expect(out[Outputs.ActiveCorrelationId]).toBe(OTHER_ID);
    // Both were read; the busy one is the one reported.
    expect(world.cloudFormationCalls.find((c) => c.op === 'describeStacks')?.args[0]).toEqual([
      'Network',
      'Data'
    ]);
    const errors = a.sink.annotations().filter((x) => x.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(
      'Stack Data is UPDATE_IN_PROGRESS: another deployment is active.'
    );
    expect(errors[0]!.message).not.toContain('Stack Network');
  });
});

describe('coordinate, CloudFormation only: the stacks as validation finds them', () => {
  it('proceeds to create a stack that does not exist yet', async () => {
    world = new World({});
    const a = world.job('a', { 'stack-name': 'NewStack' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    const out = outputs(io);
    expect(out[Outputs.Result]).toBe('acquired');
    expect(JSON.parse(out[Outputs.Validation]!)).toContainEqual(
      expect.objectContaining({ code: 'STACK_DOES_NOT_EXIST', severity: 'info', stack: 'NewStack' })
    );
    expect(out[Outputs.StackStatus]).toBe('{"NewStack":"DOES_NOT_EXIST"}');
    expect(out[Outputs.WaitedSeconds]).toBe('0');
    expect(out[Outputs.QueuePosition]).toBe('0');
    expect(a.sink.annotations().filter((x) => x.level === 'error')).toEqual([]);
    expect(world.stackChanges()).toEqual([]);
    expect(a.monitorStarts).toHaveLength(1);
  });

  it('auto-rollback on: continues a failed rollback it finds before deploying, once, so a retry just works', async () => {
    world = new World({});
    world.cfn.put('StuckStack', 'UPDATE_ROLLBACK_FAILED');
    const a = world.job('a', { 'stack-name': 'StuckStack', 'poll-interval-seconds': '0.1' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('acquired');
    expect(io.exitCode).toBe(0);
    expect(outputs(io)[Outputs.Result]).toBe('acquired');
    // One repair, of that stack: after the acquisition, before the monitor was started.
    const changes = world.stackChanges();
    expect(changes.map((c) => [c.stage, c.op, c.args[0]])).toEqual([
      ['coordinate', 'continueUpdateRollback', 'StuckStack']
    ]);
    expect(changes[0]!.seq).toBeGreaterThan(a.sink.line('Acquired ').seq);
    expect(changes[0]!.seq).toBeLessThan(a.sink.line('Monitor started').seq);
    // The repair takes the scripted 2 s; the run goes on once it is complete.
    const recovered = a.sink.line('Recovery: StuckStack is UPDATE_ROLLBACK_COMPLETE');
    expect(recovered.at - changes[0]!.at).toBeGreaterThanOrEqual(2_000);
    expect(a.monitorStarts).toHaveLength(1);
  });

  it('auto-rollback off: blocks a stack that needs a continue-rollback, with the resolution steps', async () => {
    world = new World({});
    world.cfn.put('StuckStack', 'UPDATE_ROLLBACK_FAILED');
    const a = world.job('a', { 'stack-name': 'StuckStack', 'auto-rollback': 'false' });
    const { report, io } = await world.until(a.coordinate());

    expect(report.result).toBe('blocked');
    expect(io.exitCode).toBe(1);
    expect(outputs(io)[Outputs.Result]).toBe('blocked');
    const findings = JSON.parse(outputs(io)[Outputs.Validation]!) as {
      code: string;
      resolution: string[];
    }[];
    const finding = findings[0]!;
    expect(finding).toMatchObject({ code: 'STACK_NEEDS_CONTINUE_ROLLBACK', severity: 'blocking' });
    expect(finding.resolution.join('\n')).toContain(
      'aws cloudformation continue-update-rollback --stack-name StuckStack'
    );
    expect(a.sink.annotations()).toContainEqual(
      expect.objectContaining({
        level: 'error',
        title: 'Blocking: STACK_NEEDS_CONTINUE_ROLLBACK'
      })
    );
    // Nothing repaired, nothing started.
    expect(world.stackChanges()).toEqual([]);
    expect(a.monitorStarts).toEqual([]);
  });

  it("a failed last deployment: warnings 'fail' stops the run; 'proceed' annotates and goes on", async () => {
    world = new World({});
    world.cfn.put('AppStack', 'UPDATE_ROLLBACK_COMPLETE', { reason: 'Bucket already exists' });

    const failing = world.job('strict', { 'stack-name': 'AppStack', warnings: 'fail' });
    const strict = await world.until(failing.coordinate());
    expect(strict.io.exitCode).toBe(1);
    expect(strict.report.result).toBe('blocked');
    expect(outputs(strict.io)[Outputs.Result]).toBe('blocked');
    expect(failing.monitorStarts).toEqual([]);

    const proceeding = world.job('lenient', { 'stack-name': 'AppStack' });
    expect(proceeding.config.warnings).toBe('proceed');
    const lenient = await world.until(proceeding.coordinate());
    expect(lenient.io.exitCode).toBe(0);
    expect(lenient.report.result).toBe('acquired');
    expect(outputs(lenient.io)[Outputs.Result]).toBe('acquired');
    expect(proceeding.sink.annotations()).toContainEqual({
      level: 'warning',
      title: 'Warning: LAST_DEPLOYMENT_FAILED',
      message: expect.stringContaining(
        'The last deployment of AppStack failed and was rolled back (UPDATE_ROLLBACK_COMPLETE: Bucket already exists).'
      )
    });
    expect(proceeding.sink.annotations().filter((x) => x.level === 'error')).toEqual([]);
    expect(proceeding.monitorStarts).toHaveLength(1);
  });
});
