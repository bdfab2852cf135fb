import { spawn } from 'node:child_process';
import {
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue
} from '@aws-sdk/client-dynamodb';
import { asTestCaller } from '../../test-rig/aws-calls.js';
import { operatorShell, startInProcess } from './cli-in-process.js';
import { REPO_ROOT, bundlePath } from './support.js';
import { cfn, deployStep, dynamo, registryJob } from './registry-queue-harness.js';

// Items no release of the action wrote, in environments a run may or may not concern: each is
// left out, marked or refused where it matters, listed by `doctor`, and repaired by
// `doctor --fix` without touching anything else. Runs through the runner harness and the CLI (in
// process: cli-in-process.ts; its bundle in a child process where it answers doctor --fix's
// questions on stdin, and once to compare the two), all over dynalite.

const CLI = bundlePath('cli');
type Raw = Record<string, AttributeValue>;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const shell = (): NodeJS.ProcessEnv => operatorShell(cfn, dynamo.url);

/** The CLI in process, stdin empty. */
const cli = (args: string[]): Promise<CliResult> =>
  startInProcess([...args, '--registry-table', dynamo.table], shell()).done;

/** The bundle in a child process, `input` on its stdin (the answers to doctor --fix). */
function cliProcess(args: string[], input = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args, '--registry-table', dynamo.table], {
    cwd: REPO_ROOT,
    env: shell(),
    stdio: ['pipe', 'pipe', 'pipe']
  });
  child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every item as DynamoDB keeps it (no number rounded), keyed pk / sk. */
async function rawItems(): Promise<Map<string, Raw>> {
  const out = await asTestCaller(dynamo.client()).send(
    new ScanCommand({ TableName: dynamo.table, ConsistentRead: true })
  );
  return new Map((out.Items ?? []).map((i) => [`${i['pk']?.S} / ${i['sk']?.S}`, i]));
}

const put = (item: Raw): Promise<unknown> =>
  asTestCaller(dynamo.client()).send(new PutItemCommand({ TableName: dynamo.table, Item: item }));

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: string): AttributeValue => ({ N: n });

/** A history item without its stacks and with a duration of 2^53 ms. */
const BAD_HISTORY: Raw = {
  pk: S('ENV#production'),
  sk: S('HIST#2026-12-01T10:00:00.000Z#hand-written'),
  correlationId: S('hand-written'),
  environment: S('production'),
  outcome: S('succeeded'),
  startedAt: S('2026-12-01T09:50:00.000Z'),
  endedAt: S('2026-12-01T10:00:00.000Z'),
  durationMs: N('9007199254740992')
};
/** A freeze of qa whose duration is 2^53 ms. */
const BAD_FREEZE: Raw = {
  pk: S('FREEZES'),
  sk: S('FREEZE#qa#fz-bad'),
  id: S('fz-bad'),
  environment: S('qa'),
  reason: S('weekly'),
  by: S('script'),
  createdAt: S('2026-12-01T10:00:00.000Z'),
  cron: S('0 9 * * 1'),
  durationMs: N('9007199254740992'),
  timeZone: S('UTC')
};

async function deploy(name: string, runId: number, environment: string) {
  const job = await registryJob(name, runId, { environment, 'wait-timeout-minutes': '0.2' });
  await job.runStage('pre');
  const main = await job.runStage('main');
  await deployStep(job, main, 50);
  const post = await job.runStage('post');
  return { main, post };
}

describe('doctor, and the items it repairs', () => {
  beforeEach(() => cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' }));

  it('a corrupt history item and a corrupt freeze: left out with a warning, marked unreadable by every view, refused where they hold; doctor --fix --yes repairs them and nothing else', async () => {
    // An ordinary table first: two environments with a deployment each.
    for (const [i, env] of ['production', 'staging'].entries())
      expect((await deploy(`seed-${env}`, 8100 + i, env)).main?.outputs['result']).toBe('acquired');
    await put(BAD_HISTORY);
    await put(BAD_FREEZE);
    const before = await rawItems();

    // The environment of the history item deploys, with one warning that names the item.
    const prod = await deploy('prod', 8201, 'production');
    expect(prod.main?.outputs['result']).toBe('acquired');
    const warned = prod.main!.annotations.filter((a) =>
      /Unreadable history/.test(a.properties['title'] ?? '')
    );
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toContain(
      'ENV#production / HIST#2026-12-01T10:00:00.000Z#hand-written'
    );
    expect(warned[0]!.message).toContain(
      'durationMs is the number "9007199254740992", which JavaScript cannot hold exactly'
    );
    expect(prod.post?.exitCode).toBe(0);
    // Another environment: as usual, not a word about either item.
    const staging = await deploy('staging', 8202, 'staging');
    expect(staging.main?.outputs['result']).toBe('acquired');
    expect(staging.main!.stdout).not.toMatch(/unreadable|REGISTRY_CORRUPT/i);
    // The environment the freeze could hold: not deployed, the item named.
    const qa = await deploy('qa', 8203, 'qa');
    expect(qa.main?.outputs['result']).toBe('blocked');
    expect(qa.main!.stdout).toMatch(/REGISTRY_CORRUPT/);
    expect(qa.main!.stdout).toContain('FREEZES / FREEZE#qa#fz-bad');
    expect(qa.main!.stdout).toContain('durationMs');

    // The views answer, the items marked unreadable.
    const status = await cli(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      'unreadable FREEZES / FREEZE#qa#fz-bad: durationMs is the number "9007199254740992"'
    );
    expect(status.stdout).toMatch(/Environment production|production/);
    const freezes = await cli(['freezes']);
    expect(freezes.code).toBe(0);
    expect(freezes.stdout).toContain('unreadable FREEZES / FREEZE#qa#fz-bad');
    expect(freezes.stdout).toContain('deploy-coordinator doctor --fix');
    const history = await cli(['history', '--environment', 'production']);
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(
      'unreadable ENV#production / HIST#2026-12-01T10:00:00.000Z#hand-written'
    );
    expect(history.stdout.match(/succeeded/g)?.length).toBeGreaterThanOrEqual(2);
    const canQa = await cli(['can-deploy', '--stack-name', 'AppStack', '--environment', 'qa']);
    expect(canQa.code).toBe(1);
    expect(canQa.stdout + canQa.stderr).toContain('REGISTRY_CORRUPT');
    const canProd = await cli([
      'can-deploy',
      '--stack-name',
      'AppStack',
      '--environment',
      'production'
    ]);
    expect(canProd.code).toBe(0);

    // doctor lists both (and nothing else), each with its repair; the bundle in a child process
    // says exactly the same.
    const [listed, listedByProcess] = await Promise.all([cli(['doctor']), cliProcess(['doctor'])]);
    expect(listedByProcess).toEqual(listed);
    expect(listed.code).toBe(1);
    expect(listed.stdout).toMatch(/: 2 cannot be read/);
    expect(listed.stdout).toContain('FREEZES / FREEZE#qa#fz-bad: durationMs');
    expect(listed.stdout).toContain('ENV#production / HIST#2026-12-01T10:00:00.000Z#hand-written');
    expect(listed.stdout.match(/repair: delete the item/g)).toHaveLength(2);
    // The old item in full, every number as written.
    expect(listed.stdout).toContain('"durationMs":{"N":"9007199254740992"}');

    // Asked and refused: nothing written.
    const refused = await cliProcess(['doctor', '--fix'], 'n\nno\n');
    expect(refused.code).toBe(1);
    expect(refused.stdout.match(/skipped\./g)).toHaveLength(2);
    const before2 = await rawItems();
    expect(before2.has('FREEZES / FREEZE#qa#fz-bad')).toBe(true);
    expect(before2.has('ENV#production / HIST#2026-12-01T10:00:00.000Z#hand-written')).toBe(true);
    const fixed = await cli(['doctor', '--fix', '--yes']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/Repaired 2, left 0/);
    const after = await rawItems();
    // Every other item byte for byte as it was (those the runs above wrote since included).
    const expected = new Map(before2);
    expected.delete('FREEZES / FREEZE#qa#fz-bad');
    expected.delete('ENV#production / HIST#2026-12-01T10:00:00.000Z#hand-written');
    expect(after).toEqual(expected);
    expect(before.size).toBeLessThan(before2.size);

    // And every run and command works on it.
    expect((await cli(['doctor'])).code).toBe(0);
    expect((await cli(['freezes'])).stdout).not.toMatch(/unreadable/);
    expect((await cli(['status'])).stdout).not.toMatch(/unreadable/);
    expect((await cli(['history', '--environment', 'production'])).stdout).not.toMatch(
      /unreadable/
    );
    expect(
      (await cli(['can-deploy', '--stack-name', 'AppStack', '--environment', 'qa'])).code
    ).toBe(0);
    const again = await deploy('qa-again', 8204, 'qa');
    expect(again.main?.outputs['result']).toBe('acquired');
    expect(again.post?.exitCode).toBe(0);
  }, 120_000);

  it("a live holder's lock with an unconvertible attribute: doctor removes that attribute alone, conditionally; the holder keeps its lock and releases it", async () => {
    const holder = await registryJob('holder', 8301, {});
    await holder.runStage('pre');
    const main = await holder.runStage('main');
    expect(main?.outputs['result']).toBe('acquired');
    await asTestCaller(dynamo.client()).send(
      new UpdateItemCommand({
        TableName: dynamo.table,
        Key: { pk: S('ENV#production'), sk: S('LOCK') },
        UpdateExpression: 'SET heartbeatNs = :n',
        ExpressionAttributeValues: { ':n': N('1733590000000000000.5') }
      })
    );
    const status = await cli(['status', '--stack-name', 'AppStack', '--environment', 'production']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('unreadable ENV#production / LOCK: heartbeatNs is the number');

    const listed = await cli(['doctor', '--json']);
    expect(listed.code).toBe(1);
    const report = JSON.parse(listed.stdout) as { problems: Array<Record<string, unknown>> };
    expect(report.problems).toEqual([
      expect.objectContaining({
        pk: 'ENV#production',
        sk: 'LOCK',
        attribute: 'heartbeatNs',
        repair: 'remove the attribute heartbeatNs (the rest of the item is kept)'
      })
    ]);
    const lockBefore = (await rawItems()).get('ENV#production / LOCK')!;
    const fixed = await cliProcess(['doctor', '--fix'], 'y\n');
    expect(fixed.code).toBe(0);
    const lockAfter = (await rawItems()).get('ENV#production / LOCK')!;
    expect(lockAfter['heartbeatNs']).toBeUndefined();
    expect(lockAfter['holder']).toEqual(lockBefore['holder']);
    expect(lockAfter['fence']).toEqual(lockBefore['fence']);

    await deployStep(holder, main, 50);
    const post = await holder.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Released production \(fencing token 1\), outcome succeeded/);
  }, 60_000);
});
