import { queueTickets } from '../../test-rig/dynamo-rig.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { REPO_ROOT, bundlePath } from './support.js';

// The operator CLI as a person runs it, pointed at the stand-ins through the standard
// AWS_ENDPOINT_URL_* variables: in process (runCli with the child's framing, cli-in-process.ts), and
// the bundle (package.json `bin`) in a child process where that is the point: 'the bundle in a
// child process' below, which also holds the two to the same output.

const CLI = bundlePath('cli');
const NODE = process.env['DC_TEST_NODE'] || process.execPath;
const STACK = 'AppStack';
const OPERATOR = 'test-operator';
const COMMAND_NAMES = [
  'status',
  'can-deploy',
  'wait',
  'register',
  'release',
  'history',
  'estimate',
  'unlock'
] as const;

let cfn: CloudFormationStandin;
let dynamo: DynamoRig;
/** One table for the file; each test coordinates its own environment in it. */
let env = '';
let envSeq = 0;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it with npm run build`);
  [cfn, dynamo] = await Promise.all([CloudFormationStandin.start(), DynamoRig.start()]);
});
afterAll(async () => {
  await Promise.all([cfn.close(), dynamo.close()]);
});
beforeEach(() => {
  cfn.reset();
  cfn.putStack(STACK, { status: 'UPDATE_COMPLETE', tags: { team: 'platform' } });
  dynamo.resetCounts();
  env = `production-${++envSeq}`;
});
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The caller's environment without anything a runner or an AWS profile would leak in. */
const cliEnv = (): NodeJS.ProcessEnv => operatorShell(cfn, dynamo.url, OPERATOR);

/** The bundle in a child process. */
function spawnCli(args: readonly string[]): {
  child: ChildProcess;
  stderrSoFar: () => string;
  done: Promise<CliResult>;
} {
  const child = spawn(NODE, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, stderrSoFar: () => stderr, done };
}

/** The CLI in process, with what it writes so far on stderr. */
const startCli = (
  args: readonly string[]
): { stderrSoFar: () => string; done: Promise<CliResult> } => startInProcess(args, cliEnv());

const cli = (...args: string[]): Promise<CliResult> => startCli(args).done;
const cliProcess = (...args: string[]): Promise<CliResult> => spawnCli(args).done;

/** The options naming this test's stack, environment and table. */
const target = (): string[] => [
  '--stack-name',
  STACK,
  '--environment',
  env,
  '--registry-table',
  dynamo.table
];

const canDeploy = (...extra: string[]): Promise<CliResult> =>
  cli('can-deploy', ...target(), ...extra);

const json = <T>(r: CliResult): T => JSON.parse(r.stdout) as T;

async function register(...extra: string[]): Promise<{ id: string; fence: number }> {
  const r = await cli('register', ...target(), '--json', ...extra);
  expect(r.code).toBe(0);
  const out = json<{ acquired: boolean; correlationId: string; fence: number }>(r);
  expect(out.acquired).toBe(true);
  return { id: out.correlationId, fence: out.fence };
}

async function lockItem(): Promise<Record<string, unknown> | undefined> {
  return (await dynamo.items()).find((i) => i['pk'] === `ENV#${env}` && i['sk'] === 'LOCK');
}

async function record(
  id: string
): Promise<{ transitions: Array<{ state: string; note?: string }> } & Record<string, unknown>> {
  const items = await dynamo.items();
  return items.find((i) => i['pk'] === `DEPLOY#${id}` && i['sk'] === 'RECORD') as never;
}

async function queueItems(): Promise<Record<string, unknown>[]> {
  return queueTickets(await dynamo.items(), `ENV#${env}`);
}

async function putHistory(entry: {
  correlationId: string;
  outcome: string;
  startedAt: string;
  durationMs: number;
}): Promise<string> {
  const endedAt = new Date(Date.parse(entry.startedAt) + entry.durationMs).toISOString();
  await dynamo.doc().send(
    new PutCommand({
      TableName: dynamo.table,
      Item: {
        pk: `ENV#${env}`,
        sk: `HIST#${endedAt}#${entry.correlationId}`,
        environment: env,
        stacks: [STACK],
        endedAt,
        ...entry
      }
    })
  );
  return endedAt;
}

const noAwsCall = (): void => {
  expect(cfn.calls).toEqual([]);
  expect(dynamo.requests).toEqual([]);
};

describe('help and usage', () => {
  it('--help lists every command with a summary and exits 0', async () => {
    for (const r of await Promise.all(['--help', 'help'].map((flag) => cli(flag)))) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: deploy-coordinator <command> [options]');
      for (const name of COMMAND_NAMES)
        expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
      expect(r.stdout).toContain("Run 'deploy-coordinator <command> --help'");
    }
    noAwsCall();
  });

  const ownOptions: Record<(typeof COMMAND_NAMES)[number], string[]> = {
    status: [],
    'can-deploy': [],
    wait: ['--wait-timeout-minutes', '--poll-interval-seconds'],
    register: ['--wait-timeout-minutes', '--lease-minutes', '--correlation-id'],
    release: ['--correlation-id', '--fence', '--outcome'],
    history: ['--limit'],
    estimate: [],
    unlock: ['--force', '--reason']
  };
  it.each(COMMAND_NAMES)('%s --help names its options and exits 0', async (name) => {
    const r = await cli(name, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: deploy-coordinator ${name} `);
    for (const option of [
      '--stack-name',
      '--environment',
      '--region',
      '--registry-table',
      '--json',
      '--help',
      ...ownOptions[name]
    ])
      expect(r.stdout).toContain(option);
    noAwsCall();
  });

  it("a command's help wins over input that would fail validation", async () => {
    const [help, withBadInput] = await Promise.all([
      cli('register', '--help'),
      cli('register', '--stack-name', 'bad_name', '-h')
    ]);
    expect(withBadInput.code).toBe(0);
    expect(withBadInput.stdout).toBe(help.stdout);
    noAwsCall();
  });

  it('no command at all prints the usage and exits 1', async () => {
    const r = await cli();
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain('Usage: deploy-coordinator <command> [options]');
    noAwsCall();
  });

  it('an unknown command fails with exit 1, names it and shows the usage', async () => {
    const r = await cli('deploy', '--stack-name', STACK);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("Unknown command 'deploy'.");
    expect(r.stderr).toContain('Usage: deploy-coordinator <command> [options]');
    noAwsCall();
  });

  it.each([
    ['an unknown option', ['--stak-name', STACK], /--stak-name/],
    [
      'an action input the CLI does not take',
      ['--stack-name', STACK, '--monitor', 'false'],
      /--monitor/
    ],
    ['a stray positional argument', ['--stack-name', STACK, 'extra'], /extra/],
    ['an option without its value', ['--stack-name'], /--stack-name/]
  ])('%s fails with exit 1 and a hint to --help', async (...[, args, named]) => {
    const r = await cli('status', ...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(named);
    expect(r.stderr).toContain("Run 'deploy-coordinator status --help'.");
    noAwsCall();
  });
});

describe("bad input: the action's checks, in the command line's words, before any AWS call", () => {
  // Each case through a different command: they all share the action's checks.
  it.each([
    [
      'a bad stack name',
      'status',
      ['--stack-name', 'bad_name'],
      '--stack-name is "bad_name": a stack name starts with a letter'
    ],
    ['no stack name', 'register', [], '--stack-name is required'],
    [
      'a bad region',
      'can-deploy',
      ['--stack-name', STACK, '--region', 'moon-1'],
      '--region is "moon-1"'
    ],
    [
      'a negative wait timeout',
      'wait',
      ['--stack-name', STACK, '--wait-timeout-minutes=-5'],
      '--wait-timeout-minutes is "-5": expected 0 (no wait), or a number from 0.01'
    ],
    [
      'a poll interval that is not a number',
      'register',
      ['--stack-name', STACK, '--poll-interval-seconds', 'fast'],
      '--poll-interval-seconds is "fast"'
    ],
    [
      'a bad correlation ID',
      'release',
      ['--stack-name', STACK, '--correlation-id', 'my id'],
      '--correlation-id is "my id"'
    ]
  ])('%s (%s) exits 1 naming the option and the value', async (...[, command, args, message]) => {
    const r = await cli(command, ...args, '--registry-table', dynamo.table);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/'[a-z-]+'/); // no action-input quoting left over
    noAwsCall();
  });

  it('reports every problem at once', async () => {
    const r = await cli('can-deploy', '--stack-name', 'bad_name', '--region', 'moon-1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid inputs:');
    expect(r.stderr).toContain('--stack-name is "bad_name"');
    expect(r.stderr).toContain('--region is "moon-1"');
    noAwsCall();
  });
});

describe('can-deploy', () => {
  it('exits 0 on a free stack, with JSON saying so', async () => {
    const [r, j] = await Promise.all([canDeploy(), canDeploy('--json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`${env}: free to deploy.`);
    expect(j.code).toBe(0);
    expect(json(j)).toMatchObject({ canDeploy: true, reasons: [] });
    expect(cfn.callsOf('DescribeStacks').length).toBeGreaterThan(0);
  });

  it('exits 2 while the stack is UPDATE_IN_PROGRESS', async () => {
    cfn.putStack(STACK, { status: 'UPDATE_IN_PROGRESS' });
    const [r, j] = await Promise.all([canDeploy(), canDeploy('--json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${env}: not now.`);
    expect(r.stdout).toContain('STACK_IN_PROGRESS');
    expect(j.code).toBe(2);
    const out = json<{ canDeploy: boolean; reasons: string[] }>(j);
    expect(out.canDeploy).toBe(false);
    expect(out.reasons).toEqual([expect.stringContaining('UPDATE_IN_PROGRESS')]);
  });

  it('exits 2 while the registry lock is held, naming the holder', async () => {
    const { id } = await register();
    const [r, j] = await Promise.all([canDeploy(), canDeploy('--json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`lock held by ${id}`);
    expect(j.code).toBe(2);
    expect(json(j)).toMatchObject({
      canDeploy: false,
      reasons: [expect.stringContaining(`lock held by ${id}`)]
    });
  });

  it('exits 1 on a stack in UPDATE_ROLLBACK_FAILED', async () => {
    cfn.putStack(STACK, { status: 'UPDATE_ROLLBACK_FAILED' });
    const [r, j] = await Promise.all([canDeploy(), canDeploy('--json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('STACK_NEEDS_CONTINUE_ROLLBACK');
    expect(j.code).toBe(1);
    expect(json(j)).toMatchObject({
      canDeploy: false,
      findings: [expect.objectContaining({ code: 'STACK_NEEDS_CONTINUE_ROLLBACK' })]
    });
  });
});

describe('register, status and release', () => {
  it('register takes the lock; status shows holder and fencing token; release needs the right fence', async () => {
    const free = await cli('status', ...target());
    expect(free.code).toBe(0);
    expect(free.stdout).toContain(`Environment ${env} (registry ${dynamo.table})`);
    expect(free.stdout).toContain('  Lock: free');
    expect(free.stdout).toContain(`  Stack ${STACK}: UPDATE_COMPLETE`);

    // Text output: the correlation ID, the fencing token and the command to release it.
    const reg = await cli('register', ...target());
    expect(reg.code).toBe(0);
    const m = new RegExp(`^Registered (\\S+) on ${env}, fencing token (\\d+)\\.$`, 'm').exec(
      reg.stdout
    );
    expect(m).not.toBeNull();
    const id = m?.[1] ?? '';
    const fence = Number(m?.[2]);
    expect(fence).toBeGreaterThanOrEqual(1);
    expect(reg.stdout).toContain(
      `Release with: deploy-coordinator release --stack-name ${STACK} --environment ${env} --registry-table ${dynamo.table} --correlation-id ${id} --fence ${fence}`
    );
    expect(await lockItem()).toMatchObject({ holder: id, fence });
    expect((await record(id)).transitions).toContainEqual(
      expect.objectContaining({ state: 'acquired' })
    );
    expect(await queueItems()).toEqual([]);

    const [status, sj] = await Promise.all([
      cli('status', ...target()),
      cli('status', ...target(), '--json')
    ]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      new RegExp(`Lock: held by ${id} \\(no run link\\) since \\S+, fencing token ${fence}$`, 'm')
    );
    expect(sj.code).toBe(0);
    expect(json(sj)).toMatchObject({
      environment: env,
      registry: 'dynamodb',
      lock: { fence, holder: { correlationId: id, fence } },
      queue: [],
      stacks: [{ name: STACK, status: 'UPDATE_COMPLETE' }]
    });

    // A second register does not queue without --wait-timeout-minutes: busy, exit 2, nothing left behind.
    const [second, secondJson] = await Promise.all([
      cli('register', ...target()),
      cli('register', ...target(), '--json')
    ]);
    expect(second.code).toBe(2);
    expect(second.stdout).toContain(`${env}: busy; not registered.`);
    expect(secondJson.code).toBe(2);
    expect(json(secondJson)).toMatchObject({
      acquired: false,
      waitedFor: [expect.objectContaining({ correlationId: id })]
    });
    expect(await lockItem()).toMatchObject({ holder: id, fence });
    expect(await queueItems()).toEqual([]);

    // The wrong fence (or the wrong ID) releases nothing.
    const release = (...args: string[]): Promise<CliResult> => cli('release', ...target(), ...args);
    const [wrong, stranger, missing] = await Promise.all([
      release('--correlation-id', id, '--fence', String(fence + 1)),
      release('--correlation-id', 'someone-else-0001', '--fence', String(fence)),
      release('--correlation-id', id)
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(
      `Not released: ${env} is not held by ${id} with fencing token ${fence + 1}.`
    );
    expect(stranger.code).toBe(1);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('release needs --correlation-id and --fence');
    expect(await lockItem()).toMatchObject({ holder: id, fence });

    // The right one frees it, and says so on the record.
    const right = await release('--correlation-id', id, '--fence', String(fence), '--json');
    expect(right.code).toBe(0);
    expect(json(right)).toEqual({ released: true });
    const lock = await lockItem();
    expect(lock?.['holder']).toBeUndefined();
    expect(lock).toMatchObject({ lastHolder: id, lastOutcome: 'succeeded' });
    expect((await record(id)).transitions.map((t) => t.state)).toEqual([
      'queued',
      'acquired',
      'released'
    ]);

    const after = await cli('status', ...target());
    expect(after.stdout).toContain(`Lock: free (last: ${id}, succeeded, released `);

    // The next holder gets a larger fencing token.
    const next = await register('--correlation-id', 'manual-fix-0002');
    expect(next.id).toBe('manual-fix-0002');
    expect(next.fence).toBeGreaterThan(fence);
  });
});

describe('wait', () => {
  it('exits 2 after --wait-timeout-minutes while the lock is held, and takes no lock', async () => {
    const { id, fence } = await register();
    const before = await lockItem();
    const started = Date.now();
    const r = await cli(
      'wait',
      ...target(),
      '--wait-timeout-minutes',
      '0.05',
      '--poll-interval-seconds',
      '0.2'
    );
    expect(r.code).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(r.stdout).toContain(`${env}: still busy after`);
    expect(r.stdout).toContain(`lock held by ${id}`);
    expect(r.stderr).toContain('Waiting: lock held by');
    expect(await lockItem()).toEqual(before);
    expect(before).toMatchObject({ holder: id, fence });
    expect(await queueItems()).toEqual([]);
  });

  it('exits 0 once the lock is released while it waits', async () => {
    const { id, fence } = await register();
    const waiting = startCli([
      'wait',
      ...target(),
      // Long enough never to run out here: it ends by the release, not by time.
      '--wait-timeout-minutes',
      '1',
      '--poll-interval-seconds',
      '0.2',
      '--json'
    ]);
    // A bound only against a hang: the assertion is what it said.
    const deadline = Date.now() + 20_000;
    while (!waiting.stderrSoFar().includes('Waiting:') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waiting.stderrSoFar()).toContain(`Waiting: lock held by ${id}`);
    const release = await cli(
      'release',
      ...target(),
      '--correlation-id',
      id,
      '--fence',
      String(fence)
    );
    expect(release.code).toBe(0);
    const r = await waiting.done;
    expect(r.code).toBe(0);
    const out = json<{ canDeploy: boolean; waitedMs: number }>(r);
    expect(out.canDeploy).toBe(true);
    // It waited (it saw the holder), and it ended by the release: exit 0, not a timeout (exit 2).
    expect(out.waitedMs).toBeGreaterThan(0);
    expect((await lockItem())?.['holder']).toBeUndefined();
    expect(await queueItems()).toEqual([]);
  });

  it('exits 1, like can-deploy, on a stack that waiting cannot unblock (UPDATE_ROLLBACK_FAILED)', async () => {
    cfn.putStack(STACK, { status: 'UPDATE_ROLLBACK_FAILED' });
    const r = await cli(
      'wait',
      ...target(),
      '--wait-timeout-minutes',
      '0.01',
      '--poll-interval-seconds',
      '0.2'
    );
    expect({ code: r.code, stdout: r.stdout }).toEqual({
      code: 1,
      stdout: expect.stringContaining('STACK_NEEDS_CONTINUE_ROLLBACK')
    });
  });
});

describe('unlock', () => {
  it('needs --force and --reason, and changes nothing without them', async () => {
    const { id, fence } = await register();
    const before = await dynamo.items();
    const refused = await Promise.all(
      [['--force'], ['--reason', 'stuck'], ['--force', '--reason', '   ']].map((args) =>
        cli('unlock', ...target(), ...args)
      )
    );
    for (const r of refused) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('unlock needs --force and --reason TEXT');
    }
    expect(await dynamo.items()).toEqual(before);
    expect(await lockItem()).toMatchObject({ holder: id, fence });
  });

  it("with both frees the lock and records force-unlocked with the reason on the holder's record", async () => {
    const { id, fence } = await register();
    const reason = 'runner died mid-deploy, checked the stack by hand';
    const r = await cli('unlock', ...target(), '--force', '--reason', reason);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Unlocked ${env}: was held by ${id}`);
    expect(r.stdout).toContain(`Recorded: by ${OPERATOR}: ${reason}`);

    const lock = await lockItem();
    expect(lock?.['holder']).toBeUndefined();
    expect(lock).toMatchObject({
      lastHolder: id,
      lastOutcome: 'force-unlocked',
      lastForcedUnlock: { by: OPERATOR, reason }
    });
    expect((await record(id)).transitions).toContainEqual(
      expect.objectContaining({ state: 'force-unlocked', note: `by ${OPERATOR}: ${reason}` })
    );

    // Unlocking a free lock is a no-op that says so.
    const again = await cli('unlock', ...target(), '--force', '--reason', reason, '--json');
    expect(again.code).toBe(0);
    expect(json(again)).toMatchObject({ unlocked: false });
    // The old holder's fence is no longer good for anything.
    const late = await cli(
      'release',
      ...target(),
      '--correlation-id',
      id,
      '--fence',
      String(fence)
    );
    expect(late.code).toBe(1);
  });
});

describe('history and estimate', () => {
  it("say 'no history yet' on an empty table, and --json parses", async () => {
    const [h, hj, e, ej] = await Promise.all([
      cli('history', ...target()),
      cli('history', ...target(), '--json'),
      cli('estimate', ...target()),
      cli('estimate', ...target(), '--json')
    ]);
    expect(h.code).toBe(0);
    expect(h.stdout.trim()).toBe(`${env}: no history yet.`);
    expect(hj.code).toBe(0);
    expect(json(hj)).toEqual([]);

    expect(e.code).toBe(0);
    expect(e.stdout).toContain('no history yet');
    expect(ej.code).toBe(0);
    expect(json(ej)).toEqual({ expectedMs: 30 * 60_000, samples: 0 });
  });

  it('list a finished deployment and estimate from its duration', async () => {
    const endedOk = await putHistory({
      correlationId: 'deploy-ok-0001',
      outcome: 'succeeded',
      startedAt: '2025-01-10T10:00:00.000Z',
      durationMs: 250_000
    });
    const endedFailed = await putHistory({
      correlationId: 'deploy-bad-0002',
      outcome: 'failed',
      startedAt: '2025-01-11T10:00:00.000Z',
      durationMs: 90_000
    });

    const [h, hj, e, ej] = await Promise.all([
      cli('history', ...target()),
      cli('history', ...target(), '--json', '--limit', '1'),
      cli('estimate', ...target()),
      cli('estimate', ...target(), '--json')
    ]);
    expect(h.code).toBe(0);
    const lines = h.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    // Newest first.
    expect(lines[0]).toMatch(
      new RegExp(`^${endedFailed}\\s+failed\\s+1m 30s\\s+deploy-bad-0002\\s+${STACK}$`)
    );
    expect(lines[1]).toMatch(
      new RegExp(`^${endedOk}\\s+succeeded\\s+4m 10s\\s+deploy-ok-0001\\s+${STACK}$`)
    );
    expect(hj.code).toBe(0);
    expect(json(hj)).toEqual([
      expect.objectContaining({
        correlationId: 'deploy-bad-0002',
        outcome: 'failed',
        durationMs: 90_000
      })
    ]);

    // Only successful deployments count.
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('Expected 4m 10s');
    expect(e.stdout).toContain('(median of 1 successful deployment, p20 to p80 4m 10s to 4m 10s)');
    expect(ej.code).toBe(0);
    expect(json(ej)).toEqual({
      expectedMs: 250_000,
      lowMs: 250_000,
      highMs: 250_000,
      samples: 1,
      basis: 'median of 1 successful deployment, p20 to p80 4m 10s to 4m 10s'
    });
  });
});

describe('the commands that work on the registry', () => {
  // register refuses to run without a table; the others must too, rather than answer for a lock or a
  // history they never looked at (CloudFormation-only 'release' reports a release that did not happen).
  it.each([
    ['register', []],
    ['release', ['--correlation-id', 'held-by-release', '--fence', '1']],
    ['unlock', ['--force', '--reason', 'stuck']],
    ['history', []],
    ['estimate', []]
  ])('%s without --registry-table exits 1 and says it needs one', async (...[command, args]) => {
    // A lock and a history the table holds, which these must not claim to have dealt with or not found.
    if (command === 'release' || command === 'unlock')
      await register('--correlation-id', `held-by-${command}`);
    await putHistory({
      correlationId: 'deploy-ok-0001',
      outcome: 'succeeded',
      startedAt: '2025-01-10T10:00:00.000Z',
      durationMs: 250_000
    });
    const before = await dynamo.items();
    const r = await cli(command, '--stack-name', STACK, '--environment', env, ...args);
    // Today: release prints 'Released ...', unlock '... was not locked.', history and estimate
    // '... no history yet', all with exit 0.
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toContain('--registry-table');
    expect(await dynamo.items()).toEqual(before);
  });
});

describe('the bundle in a child process', () => {
  it('exits and prints exactly as runCli does in process', async () => {
    cfn.putStack(STACK, { status: 'UPDATE_ROLLBACK_FAILED' });
    const cases: string[][] = [
      ['--help'],
      ['deploy', '--stack-name', STACK],
      ['status', '--stak-name', STACK],
      ['can-deploy', ...target(), '--region', 'moon-1'],
      // Through the AWS SDK: stdout, exit 1, and the log on stderr (a fixed correlation ID).
      ['can-deploy', ...target(), '--correlation-id', 'both-ways-0001'],
      ['status', ...target(), '--correlation-id', 'both-ways-0002', '--registry-table', 'nope']
    ];
    const [asProcess, inProcess] = await Promise.all([
      Promise.all(cases.map((args) => cliProcess(...args))),
      Promise.all(cases.map((args) => cli(...args)))
    ]);
    expect(asProcess).toEqual(inProcess);
    expect(asProcess.map((r) => r.code)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(asProcess[4]?.stdout).toContain('STACK_NEEDS_CONTINUE_ROLLBACK');
    expect(asProcess[5]?.stderr).toContain('ResourceNotFoundException');
  });

  it('exits 0 on a free stack, with JSON saying so', async () => {
    const r = await cliProcess('can-deploy', ...target(), '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(json(r)).toMatchObject({ canDeploy: true, reasons: [] });
    expect(cfn.callsOf('DescribeStacks').length).toBeGreaterThan(0);
  });
});
