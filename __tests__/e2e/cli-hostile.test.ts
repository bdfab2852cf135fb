import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { registryMisconfiguredFinding } from '../../src/domain/findings.js';
import type { Participant } from '../../src/ports/registry.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { REPO_ROOT, bundlePath } from './support.js';

// The operator CLI with hostile input and hostile items in its table: what an operator types is
// refused before any call (exit 1, the flag and the value named safely), what anyone with access
// to the table wrote is shown escaped, and a table that cannot be used is said as the action says
// it. The CLI in process (cli-in-process.ts), and its bundle in a child process in the last test,
// which holds the two to the same output; over dynalite.

const CLI = bundlePath('cli');
const STACK = 'AppStack';

/** Clears the screen and homes the cursor; then reorders the rest of the line. */
const CLEAR = '\u001b[2J\u001b[H';
const RLO = '\u202e';
/** What a hostile value is made of: a terminal escape, a bidi override, a zero-width space. */
const HOSTILE = `${CLEAR}pwned${RLO}exe.txt\u200b`;
const HOSTILE_SHOWN = '\\u001b[2J\\u001b[Hpwned\\u202eexe.txt\\u200b';
/** Anything a terminal would act on, or that reorders or hides text (a newline aside). */
const RAW =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

let cfn: CloudFormationStandin;
let dynamo: DynamoRig;
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
  cfn.putStack(STACK, { status: 'UPDATE_COMPLETE' });
  env = `hostile-${++envSeq}`;
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

const shell = (): NodeJS.ProcessEnv => operatorShell(cfn, dynamo.url);

/** The CLI in process. */
const cli = (...args: string[]): Promise<CliResult> => startInProcess(args, shell()).done;

/** The bundle in a child process. */
function cliProcess(...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: shell(),
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise<CliResult>((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

/** This test's stack, environment and table. */
const target = (): string[] => [
  '--stack-name',
  STACK,
  '--environment',
  env,
  '--registry-table',
  dynamo.table
];

const participant = (correlationId: string, runUrl: string): Participant => ({
  correlationId,
  owner: `owner-${correlationId.length}-${Math.random()}`,
  environment: env,
  stacks: [STACK],
  run: { runUrl },
  leaseMs: 600_000
});

/** The lock of this test's environment, held (fence 1) by an ordinary run. */
async function holdLock(): Promise<void> {
  const registry = dynamoRegistry(dynamo.client(), dynamo.table);
  const observed = (await registry.lock.view(env)).lock;
  const holder = await registry.lock.acquire(
    participant('ordinary-run-0001', 'https://github.com/o/r/actions/runs/1'),
    observed
  );
  expect(holder?.fence).toBe(1);
}

describe('what an operator types: refused before any call to the table', () => {
  const long = 'x'.repeat(10_000);
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'unlock --reason with a terminal escape',
      () => ['unlock', ...target(), '--force', '--reason', `${CLEAR}gone`],
      /^--reason "\\u001b\[2J\\u001b\[Hgone": expected one line .*; that contains a control character \(U\+001B\)\.$/
    ],
    [
      'unlock --reason on two lines',
      () => ['unlock', ...target(), '--force', '--reason', 'line one\nline two'],
      /^--reason "line one\\nline two": .*; that is more than one line\.$/
    ],
    [
      'unlock --reason of 10,000 characters',
      () => ['unlock', ...target(), '--force', '--reason', long],
      /^--reason "x{80}"… \(10000 characters\): .*; that is 10000 characters long\.$/
    ],
    [
      'unlock --reason with a bidirectional override',
      () => ['unlock', ...target(), '--force', '--reason', `runner lost${RLO}kcab`],
      /^--reason "runner lost\\u202ekcab": .*; that contains a bidirectional control character \(U\+202E\)\.$/
    ],
    [
      'unlock --reason with a zero-width space',
      () => ['unlock', ...target(), '--force', '--reason', 'runner\u200blost'],
      /^--reason "runner\\u200blost": .*; that contains a zero-width character \(U\+200B\)\.$/
    ],
    [
      'history --limit -1',
      () => ['history', ...target(), '--limit=-1'],
      /^--limit is "-1": expected a whole number from 1 to 1000 in plain digits \(default 20\)\.$/
    ],
    [
      'history --limit abc',
      () => ['history', ...target(), '--limit', 'abc'],
      /^--limit is "abc": expected a whole number from 1 to 1000 in plain digits \(default 20\)\.$/
    ],
    [
      'history --limit 1e3',
      () => ['history', ...target(), '--limit', '1e3'],
      /^--limit is "1e3": expected a whole number/
    ],
    [
      'history --limit with a terminal escape',
      () => ['history', ...target(), '--limit', `${CLEAR}5`],
      /^--limit is "\\u001b\[2J\\u001b\[H5": expected a whole number/
    ],
    [
      'release --fence 1e3',
      () => ['release', ...target(), '--correlation-id', 'ordinary-run-0001', '--fence', '1e3'],
      /^--fence is "1e3": expected a whole number from 1 to 9007199254740991 in plain digits\.$/
    ],
    [
      'release --fence 0x10',
      () => ['release', ...target(), '--correlation-id', 'ordinary-run-0001', '--fence', '0x10'],
      /^--fence is "0x10": expected a whole number from 1 to \d+ in plain digits\.$/
    ],
    [
      'release --fence 0x1 (the holder is fence 1)',
      () => ['release', ...target(), '--correlation-id', 'ordinary-run-0001', '--fence', '0x1'],
      /^--fence is "0x1": expected a whole number/
    ],
    [
      'release --fence 1.0 (the holder is fence 1)',
      () => ['release', ...target(), '--correlation-id', 'ordinary-run-0001', '--fence', '1.0'],
      /^--fence is "1\.0": expected a whole number/
    ],
    [
      'release --fence=-1',
      () => ['release', ...target(), '--correlation-id', 'ordinary-run-0001', '--fence=-1'],
      /^--fence is "-1": expected a whole number/
    ],
    [
      'release --fence of 10,000 digits',
      () => [
        'release',
        ...target(),
        '--correlation-id',
        'ordinary-run-0001',
        '--fence',
        '1'.repeat(10_000)
      ],
      /^--fence is "1{80}"… \(10000 characters\): expected a whole number/
    ]
  ];

  it.each(cases)('%s: exit 1, named safely, nothing read or written', async (_, args, refusal) => {
    await holdLock();
    const before = await dynamo.items();
    dynamo.resetCounts();
    const r = await cli(...args());
    expect(r.stderr.trim()).toMatch(refusal);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(dynamo.requests).toEqual([]);
    expect(await dynamo.items()).toEqual(before);
    expect(before.find((i) => i['pk'] === `ENV#${env}` && i['sk'] === 'LOCK')).toMatchObject({
      holder: 'ordinary-run-0001',
      fence: 1
    });
  });
});

describe('what anyone with access to the table wrote: shown escaped', () => {
  /** A holder, a waiter, a freeze and a finished deployment, each with hostile texts. */
  async function hostileTable(): Promise<void> {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    const observed = (await registry.lock.view(env)).lock;
    expect(
      await registry.lock.acquire(participant(`holder${HOSTILE}`, `https://x/${HOSTILE}`), observed)
    ).toBeDefined();
    await registry.lock.enqueue(participant(`waiter${HOSTILE}`, `https://y/${HOSTILE}`));
    const now = Date.now();
    await registry.freezes.add({
      id: `fz-${HOSTILE}`,
      environment: env,
      reason: `incident ${HOSTILE}`,
      by: `by${HOSTILE}`,
      createdAt: new Date(now).toISOString(),
      from: new Date(now - 60_000).toISOString(),
      until: new Date(now + 3_600_000).toISOString()
    });
    const endedAt = new Date(now - 1_000).toISOString();
    await dynamo.doc().send(
      new PutCommand({
        TableName: dynamo.table,
        Item: {
          pk: `ENV#${env}`,
          sk: `HIST#${endedAt}#x`,
          environment: env,
          stacks: [`${STACK}${HOSTILE}`],
          correlationId: `past${HOSTILE}`,
          outcome: `succeeded${HOSTILE}`,
          startedAt: new Date(now - 61_000).toISOString(),
          endedAt,
          durationMs: 60_000
        }
      })
    );
  }

  const views: Array<[string, () => string[], string[]]> = [
    [
      'status',
      () => ['status', '--registry-table', dynamo.table, '--environment', env],
      ['holder', 'waiter', 'https://x/', 'https://y/', 'incident ', 'by']
    ],
    [
      'status --stack-name',
      () => ['status', ...target()],
      ['holder', 'waiter', 'https://x/', 'https://y/', 'incident ', 'by']
    ],
    [
      'freezes',
      () => ['freezes', '--registry-table', dynamo.table, '--environment', env],
      ['fz-', 'incident ', 'by']
    ],
    ['history', () => ['history', ...target()], ['past', 'succeeded', STACK]],
    [
      'can-deploy',
      () => ['can-deploy', ...target()],
      ['holder', 'https://x/', 'incident ', 'fz-', 'by']
    ]
  ];

  it.each(views)('%s: every hostile text escaped', async (_, args, prefixes) => {
    await hostileTable();
    const r = await cli(...args());
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stdout).not.toMatch(RAW);
    for (const p of prefixes) expect(r.stdout).toContain(`${p}${HOSTILE_SHOWN}`);
    expect(r.code).toBe(args()[0] === 'can-deploy' ? 1 : 0);
  });

  it('a reason of 10,000 characters is cut, with its length', async () => {
    await hostileTable();
    const now = Date.now();
    await dynamoRegistry(dynamo.client(), dynamo.table).freezes.add({
      id: 'fz-long0001',
      environment: env,
      reason: 'y'.repeat(10_000),
      by: 'oncall',
      createdAt: new Date(now).toISOString(),
      from: new Date(now - 60_000).toISOString(),
      until: new Date(now + 7_200_000).toISOString()
    });
    const [list, status] = await Promise.all([
      cli('freezes', '--registry-table', dynamo.table, '--environment', env),
      cli('status', '--registry-table', dynamo.table, '--environment', env)
    ]);
    expect(list.stdout).toContain(`"${'y'.repeat(500)}… (10000 characters)"`);
    expect(list.stdout).not.toContain('y'.repeat(501));
    expect(status.stdout).toMatch(/y{500}… \(\d+ characters\)/);
    expect(status.stdout).not.toContain('y'.repeat(1200));
  });

  it('unlock shows the holder it took the lock from escaped', async () => {
    await hostileTable();
    const r = await cli('unlock', ...target(), '--force', '--reason', 'runner lost');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain(`was held by holder${HOSTILE_SHOWN} (https://x/${HOSTILE_SHOWN})`);
  });

  it('--json gives the stored values exactly, with no hidden character written as it is', async () => {
    await hostileTable();
    const r = await cli('status', '--registry-table', dynamo.table, '--environment', env, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    const out = JSON.parse(r.stdout) as {
      environments: Array<{ holder: { correlationId: string }; freeze: { by: string } }>;
    };
    expect(out.environments[0]?.holder.correlationId).toBe(`holder${HOSTILE}`);
    expect(out.environments[0]?.freeze.by).toContain(`by${HOSTILE}`);
  });
});

describe('a table that cannot be used: what the action says of it', () => {
  const finding = (table: string) => registryMisconfiguredFinding(table, 'ERROR');
  /** The finding's words around the error, and its resolutions. */
  const expectFinding = (stderr: string, table: string): void => {
    const f = finding(table);
    const [before, after] = f.message.split('ERROR');
    expect(stderr).toContain(`${f.code}: ${before}`);
    expect(stderr).toContain(after);
    for (const r of f.resolution) expect(stderr).toContain(r);
    expect(stderr).not.toContain('busy');
  };

  it('register against a missing table: exit 1, REGISTRY_MISCONFIGURED, not busy', async () => {
    const before = await dynamo.items();
    const r = await cli(
      'register',
      '--stack-name',
      STACK,
      '--environment',
      env,
      '--registry-table',
      'no-such-table'
    );
    expectFinding(r.stderr, 'no-such-table');
    expect(r.stderr).toContain('ResourceNotFoundException');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(await dynamo.items()).toEqual(before);
  });

  it.each([
    ['status', ['status']],
    ['status --stack-name', ['status', '--stack-name', STACK]],
    ['history', ['history', '--environment', 'production']],
    ['freezes', ['freezes']],
    ['unlock', ['unlock', '--stack-name', STACK, '--force', '--reason', 'runner lost']]
  ])('%s against a missing table: exit 1, REGISTRY_MISCONFIGURED', async (_, args) => {
    const r = await cli(...args, '--registry-table', 'no-such-table');
    expectFinding(r.stderr, 'no-such-table');
    expect(r.stderr).not.toContain('error: RegistryUnavailableError');
    expect(r.code).toBe(1);
  });

  it('status against a table whose keys are not pk/sk: exit 1, REGISTRY_MISCONFIGURED', async () => {
    // The test's own call (not the product's: the IAM check leaves it out).
    await asTestCaller(dynamo.client()).send(
      new CreateTableCommand({
        TableName: 'wrong-keys',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST'
      })
    );
    const r = await cli('status', '--registry-table', 'wrong-keys', '--environment', env);
    expectFinding(r.stderr, 'wrong-keys');
    expect(r.code).toBe(1);
  });
});

describe('the bundle in a child process', () => {
  it('exits and prints exactly as runCli does in process, hostile texts escaped the same', async () => {
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    await registry.history.add({
      correlationId: `done${HOSTILE}`,
      environment: env,
      stacks: [STACK],
      outcome: 'succeeded',
      startedAt: '2025-01-10T10:00:00.000Z',
      endedAt: '2025-01-10T10:01:00.000Z',
      durationMs: 60_000
    });
    const cases: string[][] = [
      ['history', ...target()],
      ['unlock', ...target(), '--force', '--reason', `${CLEAR}gone`],
      [
        'register',
        ...target(),
        '--registry-table',
        'no-such-table',
        '--correlation-id',
        'both-ways-0001'
      ]
    ];
    const [asProcess, inProcess] = await Promise.all([
      Promise.all(cases.map((args) => cliProcess(...args))),
      Promise.all(cases.map((args) => cli(...args)))
    ]);
    expect(asProcess).toEqual(inProcess);
    expect(asProcess.map((r) => r.code)).toEqual([0, 1, 1]);
    expect(asProcess[0]?.stdout).toContain(`done${HOSTILE_SHOWN}`);
    for (const r of asProcess) expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW);
  });
});
