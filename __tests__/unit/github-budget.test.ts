/**
 * The post step's budget for GitHub, in process: the project's GitHub Deployment client and job
 * status reader (the real Octokit) against the GitHub stand-in on loopback. A call that GitHub
 * never answers is given up when the budget is spent (its request aborted), later calls are not
 * made, and each miss is listed for the summary with a reason a person understands.
 */
import { GitHubDeployments } from '../../src/github/deployments.js';
import { stepCancelled } from '../../src/github/job-status.js';
import type { RunContext } from '../../src/ports/run.js';
import type { Logger } from '../../src/ports/runtime.js';
import { githubSection } from '../../src/report/summary.js';
import { TimeBudget } from '../../src/runtime/budget.js';
import { GitHubStandin } from '../../test-rig/github-standin.js';

let github: GitHubStandin;
beforeAll(async () => {
  github = await GitHubStandin.start();
});
afterAll(async () => {
  await github.close();
});
beforeEach(() => github.reset());

const warnings: string[] = [];
const log: Logger = {
  correlationId: '20260114-120000-b0d9e7',
  info: () => undefined,
  debug: () => undefined,
  warning: (m) => void warnings.push(m),
  error: () => undefined
};
const run: RunContext = {
  repository: 'octo/app',
  runId: '100',
  runAttempt: '1',
  job: 'deploy',
  sha: 'a'.repeat(40),
  runUrl: 'https://github.example/octo/app/actions/runs/100'
};
const TOKEN = 'ghs_standin-token';
const statusPath = /\/deployments\/\d+\/statuses$/;

describe('the post step spends a bounded time on GitHub', () => {
  it('a status GitHub never answers is given up at the budget; what comes after is not sent, and both are listed', async () => {
    const id = await new GitHubDeployments(TOKEN, run, log, github.url).create('production', 'c1');
    expect(id).toBeDefined();
    github.hangNext('POST', statusPath);
    const budget = new TimeBudget(800, 'GitHub');
    const deployments = new GitHubDeployments(TOKEN, run, log, github.url, budget);

    const started = Date.now();
    await deployments.status(id!, 'success', 'succeeded (c1)');
    const tookMs = Date.now() - started;
    expect(budget.gaveUp).toBe(true);
    // Given up when the budget was spent, not at the request's own 10 s timeout.
    expect(tookMs).toBeLessThan(800 + 1_000);
    const before = github.calls.length;
    await deployments.status(id!, 'failure', 'failed (c1)');
    expect(await stepCancelled(TOKEN, run, github.url, budget)).toBeUndefined();
    // Nothing was sent once the budget was spent.
    expect(github.calls.length).toBe(before);

    expect(budget.missed.map((m) => [m.what, m.why])).toEqual([
      [
        `GitHub Deployment ${id} status success`,
        'timed out: the 1 s this step gives GitHub were spent'
      ],
      [
        `GitHub Deployment ${id} status failure`,
        'not sent: the 1 s this step gives GitHub were spent'
      ],
      [
        "the job's steps read (was one cancelled?)",
        'not sent: the 1 s this step gives GitHub were spent'
      ]
    ]);
    expect(warnings.some((w) => w.includes('timed out: the 1 s this step gives GitHub'))).toBe(
      true
    );
    const section = githubSection(budget.missed);
    expect(section).toContain('### GitHub');
    expect(section).toContain(
      `| GitHub Deployment ${id} status success | timed out: the 1 s this step gives GitHub were spent |`
    );
  });

  it('an answer in time is not a miss; an error answer is listed with its status', async () => {
    const id = await new GitHubDeployments(TOKEN, run, log, github.url).create('production', 'c2');
    const budget = new TimeBudget(10_000, 'GitHub');
    const deployments = new GitHubDeployments(TOKEN, run, log, github.url, budget);
    await deployments.status(id!, 'in_progress', 'deploying (c2)');
    expect(github.statuses('octo', 'app', id!).map((s) => s.state)).toContain('in_progress');
    github.failNext('POST', statusPath, 503);
    await deployments.status(id!, 'success', 'succeeded (c2)');
    expect(budget.missed.map((m) => [m.what, m.why])).toEqual([
      [`GitHub Deployment ${id} status success`, 'HTTP 503']
    ]);
    expect(budget.gaveUp).toBe(false);
    expect(budget.left()).toBeGreaterThan(0);
  });
});
