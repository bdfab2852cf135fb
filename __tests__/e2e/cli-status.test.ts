import { spawn, type ChildProcess } from 'node:child_process';
import type { Overview } from '../../src/cli/overview.js';
import type { HistoryEntry, Participant } from '../../src/ports/registry.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import type { Job } from '../../test-rig/runner.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { CLI, arrive, cfn, deployJob, dynamo, waitUntil } from './lock-safety-harness.js';
import { REPO_ROOT } from './support.js';

// One view of every environment: `deploy-coordinator status` without --stack-name, in process
// (cli-in-process.ts) and its bundle in a child process where that is the point (Ctrl-C; the last
// test compares the two), over a table whose holders and waiters are real runs of the action (the runner
// harness) or set up through the product's registry.

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The operator's shell (see operatorShell), with `extra` variables set or (undefined) unset. */
function shell(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = operatorShell(cfn, dynamo.url);
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** The bundle in a child process. */
function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = shell()
): { child: ChildProcess; stdoutSoFar: () => string; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdoutSoFar: () => stdout, done };
}

/** The CLI in process (no signal ends it). */
const cli = async (
  args: readonly string[],
  env: NodeJS.ProcessEnv = shell()
): Promise<CliResult> => ({
  ...(await startInProcess(args, env).done),
  signal: null
});
const cliProcess = (args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliResult> =>
  spawnCli(args, env).done;

const json = <T>(r: CliResult): T => JSON.parse(r.stdout) as T;

const runUrlOf = (job: Job): string =>
  `https://github.com/${job.env['GITHUB_REPOSITORY']}/actions/runs/${job.env['GITHUB_RUN_ID']}/attempts/1`;

/** A run that takes the lock of `environment` (pre and main; its monitor keeps the lease). */
async function holder(environment: string, stack: string): Promise<{ job: Job; id: string }> {
  const job = await deployJob(`holder-${environment}`, { environment, 'stack-name': stack });
  await job.runStage('pre');
  const main = await job.runStage('main');
  expect(main?.outputs['result']).toBe('acquired');
  expect(main?.stdout).toContain(`Acquired ${environment} (fencing token 1)`);
  return { job, id: main!.outputs['correlation-id']! };
}

/** A run that queues behind the holder of `environment` and keeps polling. */
async function waiter(environment: string, stack: string): Promise<{ job: Job; id: string }> {
  const job = await deployJob(`waiter-${environment}`, { environment, 'stack-name': stack });
  await arrive(job);
  return { job, id: job.state['correlation-id']! };
}

const past = (
  environment: string,
  correlationId: string,
  stacks: string[],
  endedAt: string,
  durationMs: number
): HistoryEntry => ({
  correlationId,
  environment,
  stacks,
  outcome: 'succeeded',
  startedAt: new Date(Date.parse(endedAt) - durationMs).toISOString(),
  endedAt,
  durationMs
});

/**
 * Until the index of environments names `environment` (enqueue writes it in the background):
 * polled, with a bound of 10 s that only stops a hang; then asserted.
 */
async function indexed(environment: string): Promise<void> {
  const entries = async (): Promise<unknown[]> =>
    (await dynamo.items()).filter((i) => i['pk'] === 'ENVS' && i['sk'] === `ENV#${environment}`);
  await waitUntil(async () => (await entries()).length > 0, 10_000);
  expect(await entries()).toEqual([expect.objectContaining({ environment })]);
}

const participant = (environment: string, correlationId: string): Participant => ({
  correlationId,
  owner: `owner-${correlationId}`,
  environment,
  stacks: ['AppStack'],
  run: { runUrl: `https://github.com/o/r/actions/runs/${correlationId}` },
  leaseMs: 60_000
});

describe('status without an environment', () => {
  it('`deploy-coordinator status --json` with no environment, while two environments each have a holder and a waiter: both environments, each with its holder and its queue', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    cfn.putStack('StagingStack', { status: 'UPDATE_COMPLETE' });
    const prodHolder = await holder('production', 'AppStack');
    const stagingHolder = await holder('staging', 'StagingStack');
    const prodWaiter = await waiter('production', 'AppStack');
    const stagingWaiter = await waiter('staging', 'StagingStack');

    const [j, text] = await Promise.all([
      cli(['status', '--registry-table', dynamo.table, '--json']),
      cli(['status', '--registry-table', dynamo.table])
    ]);
    expect({ code: j.code, stderr: j.stderr }).toEqual({ code: 0, stderr: '' });
    const out = json<Overview>(j);
    const entry = (h: { job: Job; id: string }, w: { job: Job; id: string }, stack: string) => ({
      environment: expect.any(String),
      holder: {
        correlationId: h.id,
        runUrl: runUrlOf(h.job),
        since: h.job.state['acquired-at'],
        fence: 1,
        stacks: [stack],
        expectedEnd: new Date(Date.parse(h.job.state['acquired-at']!) + 30 * 60_000).toISOString(),
        expectedMs: 30 * 60_000,
        estimateBasis: 'no history yet'
      },
      queue: [
        {
          position: 1,
          priority: 'normal',
          ticket: 2,
          correlationId: w.id,
          runUrl: runUrlOf(w.job),
          waitingSince: expect.any(String),
          expectedStart: new Date(
            Date.parse(h.job.state['acquired-at']!) + 30 * 60_000
          ).toISOString()
        }
      ]
    });
    expect(out).toEqual({
      at: expect.any(String),
      environments: [
        { ...entry(prodHolder, prodWaiter, 'AppStack'), environment: 'production' },
        { ...entry(stagingHolder, stagingWaiter, 'StagingStack'), environment: 'staging' }
      ]
    });
    // Owner tokens are identities: they stay in the table.
    expect(j.stdout).not.toContain('owner');

    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Registry ${dynamo.table}, 2 environments, at `);
    for (const [env, h, w] of [
      ['production', prodHolder, prodWaiter],
      ['staging', stagingHolder, stagingWaiter]
    ] as const) {
      expect(text.stdout).toContain(`\nEnvironment ${env}\n`);
      expect(text.stdout).toContain(
        `  Lock: held by ${h.id} (${runUrlOf(h.job)}) since ${h.job.state['acquired-at']}`
      );
      expect(text.stdout).toContain(`1. ${w.id} (${runUrlOf(w.job)}, ticket #2) waiting since `);
    }

    // --environment alone: that environment only, in the same shape.
    const one = await cli([
      'status',
      '--registry-table',
      dynamo.table,
      '--environment',
      'staging',
      '--json'
    ]);
    expect(one.code).toBe(0);
    expect(json<Overview>(one).environments).toEqual([
      { ...entry(stagingHolder, stagingWaiter, 'StagingStack'), environment: 'staging' }
    ]);

    // The index the runs wrote on arrival: one item per environment.
    expect((await dynamo.items()).filter((i) => i['pk'] === 'ENVS')).toEqual([
      expect.objectContaining({ sk: 'ENV#production', environment: 'production' }),
      expect.objectContaining({ sk: 'ENV#staging', environment: 'staging' })
    ]);
  }, 90_000);

  it('an empty table says so; expected ends and starts come from the history', async () => {
    const empty = await cli(['status', '--registry-table', dynamo.table]);
    expect(empty.code).toBe(0);
    expect(empty.stdout.trim()).toBe(
      `No environment in registry ${dynamo.table} yet: one appears once a run queues in it.`
    );

    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.history.add(
      past('qa', 'done-1', ['AppStack'], '2025-01-01T10:00:00.000Z', 240_000)
    );
    await registry.lock.enqueue(participant('qa', 'holder-qa-01'));
    const view = await registry.lock.view('qa');
    const held = await registry.lock.acquire(participant('qa', 'holder-qa-01'), view.lock);
    await registry.lock.removeTicket('qa', 1);
    await registry.lock.enqueue(participant('qa', 'waiter-qa-02'));
    await indexed('qa');

    const r = await cli(['status', '--registry-table', dynamo.table, '--json']);
    expect(r.code).toBe(0);
    const end = new Date(Date.parse(held!.acquiredAt) + 240_000).toISOString();
    expect(json<Overview>(r).environments).toEqual([
      {
        environment: 'qa',
        holder: expect.objectContaining({
          correlationId: 'holder-qa-01',
          expectedEnd: end,
          expectedMs: 240_000,
          estimateBasis: expect.stringContaining('median of 1 successful deployment')
        }),
        queue: [
          expect.objectContaining({
            position: 1,
            correlationId: 'waiter-qa-02',
            expectedStart: end
          })
        ]
      }
    ]);
  });
});

describe('status while a freeze holds an environment', () => {
  it('a run with override-freeze is marked and listed before the frozen waiters, expected to start when the holder ends; the frozen after the freeze (both views)', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    const env = 'uat';
    await registry.history.add(
      past(env, 'done-uat', ['AppStack'], '2025-01-01T10:00:00.000Z', 240_000)
    );
    await registry.lock.enqueue(participant(env, 'holder-uat-01'));
    const held = await registry.lock.acquire(
      participant(env, 'holder-uat-01'),
      (await registry.lock.view(env)).lock
    );
    await registry.lock.removeTicket(env, 1);
    await registry.lock.enqueue(participant(env, 'frozen-uat-02'));
    await registry.lock.enqueue({ ...participant(env, 'override-uat-03'), overridesFreeze: true });
    await indexed(env);
    const until = new Date(Date.now() + 3 * 3_600_000).toISOString();
    await registry.freezes.add({
      id: 'fz-0c0c0c0c',
      environment: env,
      reason: 'audit',
      by: 'oncall',
      createdAt: new Date().toISOString(),
      from: new Date(Date.now() - 60_000).toISOString(),
      until
    });

    const r = await cli([
      'status',
      '--registry-table',
      dynamo.table,
      '--environment',
      env,
      '--json'
    ]);
    expect(r.code).toBe(0);
    const end = new Date(Date.parse(held!.acquiredAt) + 240_000).toISOString();
    const [uat] = json<Overview>(r).environments;
    expect(uat?.queue).toEqual([
      expect.objectContaining({
        position: 1,
        correlationId: 'override-uat-03',
        overridesFreeze: true,
        expectedStart: expect.any(String)
      }),
      expect.objectContaining({ position: 2, correlationId: 'frozen-uat-02', expectedStart: until })
    ]);
    // Not put off by the freeze: when the holder ends (or now, were it overdue).
    expect(Date.parse(uat!.queue[0]!.expectedStart)).toBeLessThanOrEqual(
      Math.max(Date.parse(end), Date.parse(json<Overview>(r).at))
    );
    expect(uat?.queue[1]).not.toHaveProperty('overridesFreeze');

    const text = await cli(['status', '--registry-table', dynamo.table, '--environment', env]);
    expect(text.stdout).toMatch(
      /Queue: 1\. override-uat-03 \([^,]+, ticket #3, override-freeze\) waiting since .*\n\s+2\. frozen-uat-02 \([^,]+, ticket #2\) waiting since/
    );

    const stacks = await cli([
      'status',
      '--registry-table',
      dynamo.table,
      '--environment',
      env,
      '--stack-name',
      'AppStack',
      '--json'
    ]);
    expect(stacks.code).toBe(0);
    const frame = json<{ queue: { correlationId: string; overridesFreeze?: boolean }[] }>(stacks);
    expect(frame.queue.map((t) => [t.correlationId, t.overridesFreeze])).toEqual([
      ['override-uat-03', true],
      ['frozen-uat-02', undefined]
    ]);
    const stacksText = await cli([
      'status',
      '--registry-table',
      dynamo.table,
      '--environment',
      env,
      '--stack-name',
      'AppStack'
    ]);
    expect(stacksText.stdout).toMatch(
      /Queue: 1\. #3 override-uat-03 \([^,]+, override-freeze\) since .*\n\s+2\. #2 frozen-uat-02 \([^,)]+\) since/
    );
  });
});

describe('status --watch', () => {
  it('draws again every --interval seconds until Ctrl-C, which ends it with exit 0', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.lock.enqueue(participant('watched', 'waiter-w-001'));
    await indexed('watched');

    const asJson = spawnCli([
      'status',
      '--registry-table',
      dynamo.table,
      '--watch',
      '--interval',
      '0.5',
      '--json'
    ]);
    const text = spawnCli([
      'status',
      '--registry-table',
      dynamo.table,
      '--watch',
      '--interval',
      '0.5'
    ]);
    const deadline = Date.now() + 10_000;
    const lines = (): string[] =>
      asJson
        .stdoutSoFar()
        .split('\n')
        .filter((l) => l !== '');
    const frames = (): number =>
      text.stdoutSoFar().split('(every 0.5 s; Ctrl-C to stop)').length - 1;
    while ((lines().length < 2 || frames() < 2) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    // A change between frames shows in the next one.
    await registry.lock.enqueue(participant('watched', 'waiter-w-002'));
    const seen = lines().length;
    while (lines().length < seen + 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    asJson.child.kill('SIGINT');
    text.child.kill('SIGINT');
    const [j, t] = await Promise.all([asJson.done, text.done]);

    expect({ code: j.code, signal: j.signal, stderr: j.stderr }).toEqual({
      code: 0,
      signal: null,
      stderr: ''
    });
    // JSON Lines: one whole overview a line.
    const docs = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Overview);
    expect(docs.length).toBeGreaterThanOrEqual(3);
    expect(docs[0]?.environments.map((e) => e.queue.map((w) => w.correlationId))).toEqual([
      ['waiter-w-001']
    ]);
    expect(docs.at(-1)?.environments.map((e) => e.queue.map((w) => w.correlationId))).toEqual([
      ['waiter-w-001', 'waiter-w-002']
    ]);
    expect(new Set(docs.map((d) => d.at)).size).toBe(docs.length);

    expect({ code: t.code, signal: t.signal }).toEqual({ code: 0, signal: null });
    const drawn = t.stdout.split('(every 0.5 s; Ctrl-C to stop)').length - 1;
    expect(drawn).toBeGreaterThanOrEqual(2);
    expect(t.stdout.split(`Registry ${dynamo.table}, 1 environment, at `).length - 1).toBe(drawn);
    // Not a terminal: frames follow each other, no screen clearing.
    expect(t.stdout).not.toContain('\x1b[');
  });

  it('--interval outside 0.5 to 3600 seconds, or without --watch, is refused before any call', async () => {
    dynamo.resetCounts();
    const [fast, alone] = await Promise.all([
      cli(['status', '--registry-table', dynamo.table, '--watch', '--interval', '0.1']),
      cli(['status', '--registry-table', dynamo.table, '--interval', '2'])
    ]);
    expect({ code: fast.code, stdout: fast.stdout }).toEqual({ code: 1, stdout: '' });
    expect(fast.stderr).toContain(
      '--interval is "0.1": expected a number of seconds from 0.5 to 3600 (default 5).'
    );
    expect({ code: alone.code, stdout: alone.stdout }).toEqual({ code: 1, stdout: '' });
    expect(alone.stderr).toContain('--interval goes with --watch.');
    expect(dynamo.requestCount).toBe(0);
  });
});

describe('history --environment', () => {
  it('without --stack-name: every stack of the environment, newest first, and no other environment', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.history.add(
      past('production', 'app-0001', ['AppStack'], '2025-01-10T10:00:00.000Z', 60_000)
    );
    await registry.history.add(
      past('production', 'data-0002', ['DataStack'], '2025-01-11T10:00:00.000Z', 90_000)
    );
    await registry.history.add(
      past('staging', 'stg-0003', ['AppStack'], '2025-01-12T10:00:00.000Z', 30_000)
    );

    const [text, j] = await Promise.all([
      cli(['history', '--environment', 'production', '--registry-table', dynamo.table]),
      cli(['history', '--environment', 'production', '--registry-table', dynamo.table, '--json'])
    ]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^2025-01-11T10:00:00.000Z\s+succeeded\s+1m 30s\s+data-0002\s+DataStack$/
      ),
      expect.stringMatching(/^2025-01-10T10:00:00.000Z\s+succeeded\s+1m 00s\s+app-0001\s+AppStack$/)
    ]);
    expect(j.code).toBe(0);
    expect(json<HistoryEntry[]>(j).map((e) => e.correlationId)).toEqual(['data-0002', 'app-0001']);
  });

  it('with neither --environment nor --stack-name: exit 1, saying what it needs', async () => {
    const r = await cli(['history', '--registry-table', dynamo.table]);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toContain('history needs --environment NAME');
  });
});

describe('the table and the region from the shell', () => {
  it('DEPLOY_COORDINATOR_REGISTRY_TABLE and AWS_DEFAULT_REGION stand in for the flags; a flag wins', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.history.add(
      past('production', 'app-0001', ['AppStack'], '2025-01-10T10:00:00.000Z', 60_000)
    );
    await registry.lock.enqueue(participant('production', 'waiter-p-001'));
    await indexed('production');
    const env = shell({
      DEPLOY_COORDINATOR_REGISTRY_TABLE: dynamo.table,
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: 'us-east-1'
    });

    const [status, history] = await Promise.all([
      cli(['status', '--json'], env),
      cli(['history', '--environment', 'production', '--json'], env)
    ]);
    expect(status.code).toBe(0);
    expect(json<Overview>(status).environments).toEqual([
      expect.objectContaining({
        environment: 'production',
        queue: [expect.objectContaining({ correlationId: 'waiter-p-001' })]
      })
    ]);
    expect(history.code).toBe(0);
    expect(json<HistoryEntry[]>(history).map((e) => e.correlationId)).toEqual(['app-0001']);

    // The flag wins: another table (which does not exist), or none at all.
    const [other, none] = await Promise.all([
      cli(['status', '--registry-table', 'no-such-table', '--json'], env),
      cli(['history', '--environment', 'production', '--registry-table='], env)
    ]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('ResourceNotFoundException');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('history needs --registry-table');

    // A bad value from the shell is named as the variable it came from.
    const bad = await cli(['status'], { ...env, DEPLOY_COORDINATOR_REGISTRY_TABLE: 'x' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DEPLOY_COORDINATOR_REGISTRY_TABLE is "x"');
  });

  it('without a table from either, status without --stack-name exits 1 naming both', async () => {
    dynamo.resetCounts();
    const r = await cli(['status']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toContain(
      'status without --stack-name reads the registry: give --registry-table (or set DEPLOY_COORDINATOR_REGISTRY_TABLE)'
    );
    expect(dynamo.requestCount).toBe(0);
  });

  it('the help says where the defaults come from, and that flags win', async () => {
    const [top, status] = await Promise.all([cli(['--help']), cli(['status', '--help'])]);
    expect(top.stdout).toContain('DEPLOY_COORDINATOR_REGISTRY_TABLE, AWS_REGION');
    expect(top.stdout).toContain('--registry-table and --region win over them');
    for (const option of [
      '--watch',
      '--interval',
      '--environment',
      'DEPLOY_COORDINATOR_REGISTRY_TABLE'
    ])
      expect(status.stdout).toContain(option);
    expect(status.stdout).toContain(
      '--stack-name NAMES         stacks, comma separated (optional here)'
    );
    expect(status.stdout).toContain('Flags win over the environment variables.');
  });
});

describe('the bundle in a child process', () => {
  it('exits and prints exactly as runCli does in process', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.history.add(
      past('production', 'app-0001', ['AppStack'], '2025-01-10T10:00:00.000Z', 60_000)
    );
    const env = shell({ DEPLOY_COORDINATOR_REGISTRY_TABLE: dynamo.table });
    const cases: string[][] = [
      ['history', '--environment', 'production'],
      ['history', '--environment', 'production', '--json'],
      ['status', '--registry-table', 'no-such-table', '--correlation-id', 'both-ways-0001'],
      ['status', '--watch', '--interval', '0.1'],
      ['status', '--help']
    ];
    const [asProcess, inProcess] = await Promise.all([
      Promise.all(cases.map((args) => cliProcess(args, env))),
      Promise.all(cases.map((args) => cli(args, env)))
    ]);
    expect(asProcess).toEqual(inProcess);
    expect(asProcess.map((r) => r.code)).toEqual([0, 0, 1, 1, 0]);
    expect(asProcess[0]?.stdout).toContain('app-0001');
    expect(asProcess[2]?.stderr).toContain('ResourceNotFoundException');
  });
});
