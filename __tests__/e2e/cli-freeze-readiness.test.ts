import { spawn, type ChildProcess } from 'node:child_process';
import type { Participant } from '../../src/ports/registry.js';
import type { Priority } from '../../src/domain/priority.js';
import { dynamoRegistry } from '../../src/registry/dynamodb.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { REPO_ROOT } from './support.js';
import { CLI, cfn, dynamo, operatorCli, waitUntil } from './lock-safety-harness.js';

// The operator CLI's readiness commands and deploy freezes: can-deploy and wait obey a freeze set
// with the CLI as the action does, and status --stack-name shows the queue in the order it is
// served and the freeze in force. The CLI in process (cli-in-process.ts), and its bundle in a child
// process where that is the point (a wait a freeze outlasts; the last test), over dynalite.

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/;

const cli = (...args: string[]) => operatorCli(...args, '--registry-table', dynamo.table);
const target = ['--stack-name', 'AppStack', '--environment', 'production'];

interface CanDeployJson {
  canDeploy: boolean;
  reasons: string[];
  findings: unknown[];
  frozen?: { until: string; reason: string; by: string; ids: string[] };
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

const shell = (): NodeJS.ProcessEnv => operatorShell(cfn, dynamo.url);

interface CliRun {
  stderrSoFar: () => string;
  exited: () => boolean;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** The CLI in the background (in process), its stderr (the log: `Waiting: ...`) readable as it comes. */
function startCli(args: readonly string[]): CliRun {
  const run = startInProcess([...args, '--registry-table', dynamo.table], shell());
  let exited = false;
  const done = run.done.finally(() => (exited = true));
  return { stderrSoFar: run.stderrSoFar, exited: () => exited, done };
}

/** The same, the bundle in a child process. */
function spawnCli(args: readonly string[]): CliRun {
  const child = spawn(process.execPath, [CLI, ...args, '--registry-table', dynamo.table], {
    cwd: REPO_ROOT,
    env: shell(),
    stdio: ['ignore', 'pipe', 'pipe']
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(guard);
        exited = true;
        running.delete(child);
        resolve({ code, stdout, stderr });
      });
    }
  );
  return { stderrSoFar: () => stderr, exited: () => exited, done };
}

const waitingLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.includes('Waiting: '));

/** Sets a freeze of `environment` with the CLI; its id. */
async function freeze(environment: string, forText: string, reason: string): Promise<string> {
  const set = await cli(
    'freeze',
    '--environment',
    environment,
    '--for',
    forText,
    '--reason',
    reason
  );
  expect(set.code).toBe(0);
  const id = /Freeze (fz-[0-9a-f]{8})/.exec(set.stdout)?.[1];
  expect(id).toBeDefined();
  return id!;
}

/** The freeze's end, as the table keeps it (the CLI's list). */
async function untilOf(id: string): Promise<string> {
  const listed = JSON.parse((await cli('freezes', '--json')).stdout) as {
    id: string;
    until: string;
  }[];
  const until = listed.find((f) => f.id === id)?.until;
  expect(until).toMatch(ISO);
  return until!;
}

const participant = (correlationId: string, priority?: Priority): Participant => ({
  correlationId,
  owner: `owner-${correlationId}`,
  environment: 'production',
  stacks: ['AppStack'],
  run: { runUrl: `https://github.com/o/r/actions/runs/${correlationId}` },
  leaseMs: 60_000,
  ...(priority ? { priority } : {})
});

describe('can-deploy and wait during a deploy freeze', () => {
  it('a freeze set with the CLI: can-deploy is not free (exit 1, the freeze in its reasons and --json), other environments and the CLI without a registry are unaffected', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const before = await cli('can-deploy', ...target);
    expect(before).toEqual({ code: 0, stdout: 'production: free to deploy.\n' });

    const id = await freeze('production', '2h', 'release freeze');
    const until = await untilOf(id);
    const [text, j, staging, noRegistry] = await Promise.all([
      cli('can-deploy', ...target),
      cli('can-deploy', ...target, '--json'),
      cli('can-deploy', '--stack-name', 'AppStack', '--environment', 'staging'),
      operatorCli('can-deploy', ...target)
    ]);
    const said = new RegExp(
      `^production is frozen until ${until.replace(/\./g, '\\.')} \\(in (1h 59m|2h 00m)\\): "release freeze" \\(freeze ${id} by oncall\\)$`
    );
    expect(text.code).toBe(1);
    const [head, ...reasons] = text.stdout.trimEnd().split('\n');
    expect(head).toBe('production: not now.');
    expect(reasons.map((r) => r.trim())).toEqual([expect.stringMatching(said)]);

    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout) as CanDeployJson).toEqual({
      canDeploy: false,
      reasons: [expect.stringMatching(said)],
      findings: [],
      frozen: { until, reason: 'release freeze', by: 'oncall', ids: [id] }
    });

    // The freeze is production's: staging is free; without a registry there are no freezes.
    expect(staging).toEqual({ code: 0, stdout: 'staging: free to deploy.\n' });
    expect(noRegistry.code).toBe(0);
    expect(noRegistry.stdout).toContain('production: free to deploy.');
  }, 60_000);

  it('wait waits through a freeze and goes once it is thawed; a freeze that outlasts the wait ends it with exit 1', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const id = await freeze('production', '1h', 'holiday freeze');

    // Outlasted: every poll said frozen, then exit 1 with the freeze in --json (the bundle).
    const short = await spawnCli([
      'wait',
      ...target,
      '--wait-timeout-minutes',
      '0.01',
      '--poll-interval-seconds',
      '0.2',
      '--json'
    ]).done;
    expect(short.code).toBe(1);
    const polled = waitingLines(short.stderr);
    expect(polled.length).toBeGreaterThanOrEqual(1);
    for (const line of polled)
      expect(line).toMatch(/Waiting: production is frozen until .*"holiday freeze" \(freeze fz-/);
    expect(JSON.parse(short.stdout)).toEqual({
      canDeploy: false,
      waitedMs: expect.any(Number),
      reasons: [expect.stringContaining(`"holiday freeze" (freeze ${id} by oncall)`)],
      frozen: expect.objectContaining({ reason: 'holiday freeze', ids: [id] })
    });

    // Thawed while it waits: it goes, well before its wait runs out (a minute).
    const long = startCli([
      'wait',
      ...target,
      '--wait-timeout-minutes',
      '1',
      '--poll-interval-seconds',
      '0.2',
      '--json'
    ]);
    await waitUntil(() => waitingLines(long.stderrSoFar()).length >= 2, 15_000);
    expect(waitingLines(long.stderrSoFar()).length).toBeGreaterThanOrEqual(2);
    // Still waiting when the thaw is asked for: it was the freeze that held it.
    expect(long.exited()).toBe(false);
    const thaw = await cli('thaw', '--id', id);
    expect(thaw.code).toBe(0);
    const r = await long.done;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ canDeploy: true, waitedMs: expect.any(Number) });
    for (const line of waitingLines(r.stderr)) expect(line).toContain('is frozen until');
  }, 60_000);
});

describe('status --stack-name', () => {
  it('lists the queue in the order it is served (a high ticket before an older normal one, its priority shown) and the freeze in force; can-deploy says both', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const registry = dynamoRegistry(dynamo.client(), dynamo.table);
    const normal = (await registry.lock.enqueue(participant('normal-0001')))!;
    const hotfix = (await registry.lock.enqueue(participant('hotfix-0002', 'high')))!;
    expect([normal.seq, hotfix.seq]).toEqual([1, 2]);

    const [unfrozen, unfrozenJson] = await Promise.all([
      cli('status', ...target),
      cli('status', ...target, '--json')
    ]);
    expect(unfrozen.code).toBe(0);
    expect(unfrozen.stdout).not.toContain('Freeze:');
    expect(JSON.parse(unfrozenJson.stdout)).not.toHaveProperty('freeze');

    const id = await freeze('production', '1h', 'quarter close');
    const until = await untilOf(id);
    const [text, j, can] = await Promise.all([
      cli('status', ...target),
      cli('status', ...target, '--json'),
      cli('can-deploy', ...target, '--json')
    ]);

    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as {
      queue: { seq: number; correlationId: string; priority: Priority }[];
      freeze?: unknown;
    };
    expect(out.queue.map((t) => [t.seq, t.correlationId, t.priority])).toEqual([
      [2, 'hotfix-0002', 'high'],
      [1, 'normal-0001', 'normal']
    ]);
    expect(out.freeze).toEqual({ reason: 'quarter close', until, by: 'oncall', ids: [id] });
    expect(j.stdout).not.toContain('owner');

    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const queued = lines.findIndex((l) => l.startsWith('  Queue: '));
    expect(lines.slice(queued, queued + 2)).toEqual([
      `  Queue: 1. #2 hotfix-0002 (https://github.com/o/r/actions/runs/hotfix-0002, priority high) since ${hotfix.enqueuedAt}`,
      `         2. #1 normal-0001 (https://github.com/o/r/actions/runs/normal-0001) since ${normal.enqueuedAt}`
    ]);
    expect(lines[queued + 2]).toMatch(
      new RegExp(
        `^  Freeze: until ${until.replace(/\./g, '\\.')} \\(in (59m \\d\\ds|1h 00m)\\): quarter close \\(by oncall; ${id}\\)$`
      )
    );

    // Frozen and queued: not now, exit 1 (the freeze), both said.
    expect(can.code).toBe(1);
    expect((JSON.parse(can.stdout) as CanDeployJson).reasons).toEqual([
      expect.stringMatching(/^production is frozen until .*"quarter close"/),
      '2 run(s) queued'
    ]);
  }, 60_000);
});

describe('the bundle in a child process', () => {
  it('exits and prints exactly as runCli does in process', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const id = await freeze('production', '1h', 'both ways');
    const cases: string[][] = [
      ['freezes', '--json'],
      ['can-deploy', '--stack-name', 'AppStack', '--environment', 'staging', '--json'],
      ['thaw', '--id', 'fz-0c0c0c0c'],
      ['wait', ...target, '--wait-timeout-minutes', 'soon']
    ];
    const ran = async (start: (args: readonly string[]) => CliRun): Promise<unknown[]> =>
      Promise.all(cases.map(async (args) => start(args).done));
    const [asProcess, inProcess] = await Promise.all([ran(spawnCli), ran(startCli)]);
    expect(asProcess).toEqual(inProcess);
    expect(asProcess).toEqual([
      expect.objectContaining({ code: 0, stdout: expect.stringContaining(id) }),
      expect.objectContaining({ code: 0, stdout: expect.stringContaining('"canDeploy": true') }),
      expect.objectContaining({ code: 1 }),
      expect.objectContaining({
        code: 1,
        stderr: expect.stringContaining('--wait-timeout-minutes')
      })
    ]);
  }, 60_000);
});
