import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Job,
  StageTimeoutError,
  evaluateStatusCondition,
  inputEnvName,
  isAlive,
  parseCommandFile,
  parseWorkflowCommands,
  resolveDefaultExpression,
  type JobOptions
} from '../../test-rig/runner.js';

const FIXTURE = fileURLToPath(new URL('../../test-rig/fixtures/echo-action', import.meta.url));

const jobs: Job[] = [];
const tempDirs: string[] = [];
async function newJob(opts: Partial<JobOptions> = {}): Promise<Job> {
  const job = await Job.create({ actionDir: FIXTURE, ...opts });
  jobs.push(job);
  return job;
}
afterEach(async () => {
  await Promise.all(jobs.splice(0).map((j) => j.dispose()));
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Value of a `key=<json>` line the fixture printed. */
function printed(stdout: string, key: string): unknown {
  const line = stdout.split('\n').find((l) => l.startsWith(`${key}=`));
  if (line === undefined) throw new Error(`no ${key}= line in:\n${stdout}`);
  return JSON.parse(line.slice(key.length + 1));
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A copy of the fixture's action.yml with other runs settings, in a temp dir (paths relative to it). */
async function variantAction(runs: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dc-rig-variant-'));
  tempDirs.push(dir);
  const sub = path.join(dir, 'sub');
  await mkdir(sub);
  const rel = (f: string) => path.relative(sub, path.join(FIXTURE, f));
  const lines = Object.entries({
    using: 'node24',
    main: rel('main.js'),
    post: rel('post.js'),
    ...runs
  }).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  await writeFile(
    path.join(sub, 'action.yml'),
    `name: variant\ninputs:\n  fail:\n    default: 'false'\nruns:\n${lines.join('\n')}\n`
  );
  return sub;
}

describe('pure helpers', () => {
  test('inputEnvName', () => {
    expect(inputEnvName('stack-name')).toBe('INPUT_STACK-NAME');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
    expect(inputEnvName('Token')).toBe('INPUT_TOKEN');
  });

  test('parseCommandFile: name=value, heredoc, CRLF, empty lines, errors', () => {
    const text =
      'a=1\n\nb=x=y\nmulti<<ghadelimiter_1\nline 1\nline 2\nghadelimiter_1\nempty<<EOF\nEOF\r\nc=3\r\n';
    expect(parseCommandFile(text)).toEqual({
      a: '1',
      b: 'x=y',
      multi: 'line 1\nline 2',
      empty: '',
      c: '3'
    });
    expect(parseCommandFile('k<<D\r\nv1\r\nv2\r\nD\r\n')).toEqual({ k: 'v1\r\nv2' });
    expect(parseCommandFile('')).toEqual({});
    expect(() => parseCommandFile('=v\n')).toThrow(/Name must not be empty/);
    expect(() => parseCommandFile('k<<D\nvalue\n')).toThrow(/Matching delimiter not found/);
    expect(() => parseCommandFile('garbage\n')).toThrow(/Invalid format/);
  });

  test('parseWorkflowCommands: annotations with properties, unescaping, masks, groups, stop-commands', () => {
    const out = [
      'plain line',
      '::warning file=src/a%2Cb.ts,line=3,title=Heads up%3A now::100%25 sure%0Anext',
      '  ::error title=Oops::bad',
      '::notice::fyi',
      '::debug::dbg %3A kept',
      '::add-mask::s3cret',
      '::group::build',
      '::endgroup::',
      '::unknown-cmd::ignored',
      '::stop-commands::tok123',
      '::error::not a command now',
      '::tok123::',
      '::set-output name=legacy::v',
      '::error title=,=x::empty props dropped'
    ].join('\n');
    const p = parseWorkflowCommands(out);
    expect(p.annotations).toEqual([
      {
        level: 'warning',
        message: '100% sure\nnext',
        properties: { file: 'src/a,b.ts', line: '3', title: 'Heads up: now' }
      },
      { level: 'error', message: 'bad', properties: { title: 'Oops' } },
      { level: 'notice', message: 'fyi', properties: {} },
      { level: 'debug', message: 'dbg %3A kept', properties: {} },
      { level: 'error', message: 'empty props dropped', properties: {} }
    ]);
    expect(p.masks).toEqual(['s3cret']);
    expect(p.groups).toEqual(['build']);
    expect(p.outputs).toEqual({ legacy: 'v' });
  });

  test('conditions and default expressions', () => {
    expect(evaluateStatusCondition('always()', 'failure')).toBe(true);
    expect(evaluateStatusCondition('${{ failure() }}', 'failure')).toBe(true);
    expect(evaluateStatusCondition('success()', 'failure')).toBe(false);
    expect(evaluateStatusCondition('!cancelled() && (success() || failure())', 'cancelled')).toBe(
      false
    );
    expect(evaluateStatusCondition('true', 'failure')).toBe(false); // implicit success() &&
    expect(() => evaluateStatusCondition("github.ref == 'x'", 'success')).toThrow(/Unsupported/);
    expect(resolveDefaultExpression('${{ github.token }}', { 'github.token': 't0k' })).toBe('t0k');
    expect(
      resolveDefaultExpression('a-${{ GitHub.Repository }}-${{ foo.bar }}', {
        'github.repository': 'o/r'
      })
    ).toBe('a-o/r-');
  });
});

describe('Job with the echo fixture', () => {
  test('inputs, state pre -> main -> post, outputs, annotations, summary, masks', async () => {
    const job = await newJob({ inputs: { greeting: 'hi there' }, githubToken: 'ghs_faketoken123' });
    const { pre, main, post } = await job.runAll();
    expect(pre && main && post).toBeTruthy();
    if (!pre || !main || !post) return;

    // Inputs: declared defaults, test value wins, runner naming, expression default.
    expect(printed(pre.stdout, 'inputs')).toEqual({
      INPUT_GREETING: 'hi there',
      'INPUT_STACK-NAME': 'demo-stack',
      INPUT_DISPLAY_NAME: 'Echo Display',
      INPUT_TOKEN: 'ghs_faketoken123',
      INPUT_FAIL: 'false',
      'INPUT_SPAWN-CHILD': 'false',
      'INPUT_WAIT-FOR-SIGNAL': ''
    });
    expect(pre.stdout).toContain('display name via core: Echo Display');
    expect(pre.stdout).toContain(`cwd=${job.env.GITHUB_WORKSPACE}`);

    // State: pre -> main -> post, accumulating, names kept as saved, heredoc values.
    expect(pre.state).toEqual({
      'pre-ran': 'yes',
      greeting: 'hi there',
      'pre multi': 'first\nsecond'
    });
    expect(printed(main.stdout, 'state-env')).toEqual({
      'STATE_pre-ran': 'yes',
      STATE_greeting: 'hi there',
      'STATE_pre multi': 'first\nsecond'
    });
    expect(printed(post.stdout, 'post-state')).toEqual({
      'STATE_pre-ran': 'yes',
      STATE_greeting: 'hi there',
      'STATE_pre multi': 'first\nsecond',
      'STATE_main-ran': 'yes'
    });
    expect(job.state['main-ran']).toBe('yes');

    // Outputs (heredoc form from core).
    expect(main.outputs).toEqual({
      greeting: 'hi there, Echo Display',
      'from-pre': 'hi there',
      multi: 'line one\nline two\nline three'
    });

    // Annotations from real @actions/core output.
    expect(main.annotations.filter((a) => a.level !== 'debug')).toEqual([
      {
        level: 'warning',
        message: 'careful: 100% sure\nsecond line',
        properties: { title: 'Heads up: a, b', file: 'src/a,b.ts', line: '3' }
      },
      { level: 'error', message: 'something odd', properties: { title: 'Oops' } },
      { level: 'notice', message: 'just so you know', properties: {} }
    ]);
    expect(main.groups).toEqual(['details']);
    expect(main.masks).toEqual(['ghs_faketoken123']);
    expect(main.exitCode).toBe(0);
    expect(main.outcome).toBe('success');
    expect(main.stdout).toContain('token=ghs_faketoken123'); // raw stdout is not masked...
    expect(job.log.some((l) => l.includes('ghs_faketoken123'))).toBe(false); // ...the log is
    expect(job.log.some((l) => l.includes('[main:out] token-length=16 token=***'))).toBe(true);

    // Summaries: one per step, concatenated.
    expect(pre.summary).toBe('');
    expect(main.summary).toContain('<h2>Echo summary</h2>');
    expect(job.summary()).toBe(main.summary);

    expect(job.results.map((r) => r.stage)).toEqual(['pre', 'main', 'post']);
    expect(job.leftBehind).toEqual([]);
  });

  test('expression default resolves to empty without a token; runner env is set', async () => {
    const job = await newJob({ env: { GITHUB_REPOSITORY: 'acme/app', GITHUB_RUN_ID: '42' } });
    const pre = await job.runStage('pre');
    expect((printed(pre?.stdout ?? '', 'inputs') as Record<string, string>).INPUT_TOKEN).toBe('');
    expect(job.env).toMatchObject({
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_OS: 'Linux',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_REPOSITORY_OWNER: 'acme',
      GITHUB_RUN_ID: '42',
      GITHUB_ACTION_PATH: FIXTURE,
      RUNNER_TRACKING_ID: job.trackingId
    });
    expect(job.trackingId).toMatch(/^github_[0-9a-f-]{36}$/);
  });

  test('INPUT_/GITHUB_/STATE_/RUNNER_ vars of the test process do not leak in', async () => {
    const leak = {
      INPUT_LEAKED: 'x',
      GITHUB_LEAKED: 'y',
      STATE_LEAKED: 'z',
      RUNNER_LEAKED: 'w',
      INPUT_GREETING: 'leak'
    };
    Object.assign(process.env, leak);
    let job: Job;
    try {
      job = await newJob();
    } finally {
      for (const k of Object.keys(leak)) delete process.env[k];
    }
    const pre = await job.runStage('pre');
    const keys = printed(pre?.stdout ?? '', 'env-keys') as string[];
    expect(keys.filter((k) => k.includes('LEAKED'))).toEqual([]);
    expect((printed(pre?.stdout ?? '', 'inputs') as Record<string, string>).INPUT_GREETING).toBe(
      'hello'
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        'GITHUB_OUTPUT',
        'GITHUB_STATE',
        'GITHUB_STEP_SUMMARY',
        'RUNNER_TRACKING_ID'
      ])
    );
  });

  test('post runs after a failing main (post-if: always())', async () => {
    const job = await newJob({ inputs: { fail: 'true' } });
    const { main, post } = await job.runAll();
    expect(main?.exitCode).toBe(1);
    expect(main?.outcome).toBe('failure');
    expect(main?.annotations).toContainEqual({
      level: 'error',
      message: 'main failed as asked',
      properties: {}
    });
    expect(job.status).toBe('failure');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toContain('post saw main-ran=yes pre-ran=yes');
  });

  test('post-if success() / failure() follow the job status; sub-action paths resolve from action.yml dir', async () => {
    const successDir = await variantAction({ 'post-if': 'success()' });
    const a = await newJob({ actionDir: successDir, inputs: { fail: 'true' } });
    const ra = await a.runAll();
    expect(ra.pre).toBeNull(); // not declared
    expect(ra.main?.exitCode).toBe(1);
    expect(ra.post).toBeNull();

    const failureDir = await variantAction({ 'post-if': '${{ failure() }}' });
    const b = await newJob({ actionDir: failureDir, inputs: { fail: 'true' } });
    const rb = await b.runAll();
    expect(rb.post?.exitCode).toBe(0);
    const c = await newJob({ actionDir: failureDir });
    expect((await c.runAll()).post).toBeNull();
  });

  test('runStep gets the job env and its own file commands; GITHUB_ENV reaches later stages', async () => {
    const job = await newJob();
    expect(await job.runStage('main')).not.toBeNull();
    const script = [
      "const fs = require('fs');",
      "fs.appendFileSync(process.env.GITHUB_OUTPUT, 'deployed=yes\\n');",
      "fs.appendFileSync(process.env.GITHUB_ENV, 'FROM_STEP=hello-from-step\\n');",
      "fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'step summary\\n');",
      'console.log(JSON.stringify({ id: process.env.RUNNER_TRACKING_ID, input: process.env.INPUT_GREETING ?? null, state: process.env["STATE_main-ran"] ?? null }));'
    ].join('\n');
    const step = await job.runStep([job.node, '-e', script], { name: 'deploy' });
    expect(step.stage).toBe('deploy');
    expect(step.outputs).toEqual({ deployed: 'yes' });
    expect(JSON.parse(step.stdout)).toEqual({ id: job.trackingId, input: null, state: null });
    const post = await job.runStage('post');
    expect(post?.stdout).toContain('exported=hello-from-step');
    expect(job.summary()).toContain('step summary\n');
  });

  test('cancel: SIGINT first, SIGTERM after the grace', async () => {
    const job = await newJob({ inputs: { 'wait-for-signal': 'SIGTERM' }, cancelGraceMs: 300 });
    const running = job.startStage('main');
    expect(running.pid()).toEqual(expect.any(Number));
    await job.waitForLog('[main:out] waiting for signal');
    await job.cancel();
    const main = await running.result;
    const times = [...(main?.stdout ?? '').matchAll(/received (SIGINT|SIGTERM) at (\d+)/g)].map(
      (m) => [m[1], Number(m[2])] as const
    );
    expect(times.map(([s]) => s)).toEqual(['SIGINT', 'SIGTERM']);
    expect((times[1]?.[1] ?? 0) - (times[0]?.[1] ?? 0)).toBeGreaterThanOrEqual(250);
    expect(main?.exitCode).toBe(143);
    expect(main?.outcome).toBe('cancelled');
    expect(job.status).toBe('cancelled');
    // post-if: always() still runs after a cancellation.
    expect((await job.runStage('post'))?.exitCode).toBe(0);
  });

  test('cancel escalates to SIGKILL when SIGINT and SIGTERM are ignored', async () => {
    const job = await newJob({
      inputs: { 'wait-for-signal': 'never' },
      cancelGraceMs: 100,
      cancelTermGraceMs: 100
    });
    const running = job.startStage('main');
    await job.waitForLog('[main:out] waiting for signal');
    await job.cancel();
    const main = await running.result;
    expect(main?.signal).toBe('SIGKILL');
    expect(main?.stdout).toMatch(/received SIGINT[\s\S]*received SIGTERM/);
  });

  test('a detached child is listed by processes(), reported in leftBehind by end(), then gone', async () => {
    const job = await newJob({ inputs: { 'spawn-child': 'true' } });
    const main = await job.runStage('main');
    const childPid = Number(main?.outputs['child-pid']);
    expect(childPid).toBeGreaterThan(0);
    const procs = await job.processes();
    expect(procs.map((p) => p.pid)).toContain(childPid);
    expect(procs.find((p) => p.pid === childPid)?.cmdline).toContain('setTimeout');
    const left = await job.end();
    expect(left.map((p) => p.pid)).toEqual([childPid]);
    expect(job.leftBehind).toEqual(left);
    expect(isAlive(childPid)).toBe(false);
    expect(await job.processes()).toEqual([]);
    await expect(job.runStage('post')).rejects.toThrow(/ended/);
  });

  test('kill() leaves no process of the job and post never runs', async () => {
    const job = await newJob({ inputs: { 'spawn-child': 'true', 'wait-for-signal': 'never' } });
    const running = job.startStage('main');
    await job.waitForLog('[main:out] waiting for signal');
    const stagePid = running.pid() as number;
    await waitFor(async () => (await job.processes()).length === 2);
    await job.kill();
    const main = await running.result;
    expect(main?.signal).toBe('SIGKILL');
    expect(isAlive(stagePid)).toBe(false);
    expect(isAlive(Number(main?.outputs['child-pid']))).toBe(false);
    expect(await job.processes()).toEqual([]);
    await expect(job.runStage('post')).rejects.toThrow(/killed/);
  });

  test('a stage that exceeds its timeout is killed and fails loudly', async () => {
    const job = await newJob({ inputs: { 'wait-for-signal': 'never' }, stageTimeoutMs: 400 });
    const err = await job.runStage('main').then(
      () => null,
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(StageTimeoutError);
    expect((err as StageTimeoutError).result.signal).toBe('SIGKILL');
    expect((err as StageTimeoutError).result.timedOut).toBe(true);
    expect(job.status).toBe('failure');
  });
});

describe('a runner process per job (runnerProcess)', () => {
  test("every step is the runner process's child; output, state and exit code come through; killRunner ends it", async () => {
    const job = await newJob({ inputs: { greeting: 'relayed' }, runnerProcess: true });
    const step = await job.runStep(
      [
        process.execPath,
        '-e',
        'console.log("parent=" + process.ppid); console.error("to stderr"); process.exit(3)'
      ],
      { continueOnError: true }
    );
    expect(job.runnerPid).toBeDefined();
    expect(step.stdout).toContain(`parent=${job.runnerPid}`);
    expect(step.stderr).toContain('to stderr');
    expect(step.exitCode).toBe(3);
    const pre = await job.runStage('pre');
    expect(pre?.exitCode).toBe(0);
    expect(pre?.state['greeting']).toBe('relayed');

    const runner = job.runnerPid!;
    await job.killRunner();
    expect(() => process.kill(runner, 0)).toThrow();
    await expect(job.runStage('main')).rejects.toThrow(/killed/);
  });
});
