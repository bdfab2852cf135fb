import { readFileSync } from 'node:fs';
import {
  TOKEN,
  cfn,
  deploy,
  dynamo,
  settle,
  slack,
  slackJob,
  sleep,
  texts
} from './slack-harness.js';

// The questions in the interact channel are asked in process in __tests__/stages/slack.test.ts
// (and __tests__/stages/coordinate.test.ts).
describe('Slack: one thread per deployment', () => {
  it('Slack down for the whole job: the deployment and the lock are unaffected and the job summary lists what was not delivered', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    slack.down(true);
    const job = await slackJob('slack-down');
    await job.runStage('pre');
    const main = await job.runStage('main');
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    deploy(800);
    await settle();
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Released production/);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();
    expect(job.summary()).toMatch(/not delivered/);
    // Why, in a person's words: the stand-in answered every call HTTP 503.
    expect(job.summary()).toMatch(/HTTP 503/);
    expect(job.summary()).toMatch(/\| started \|/);
    expect(post?.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', properties: { title: 'Slack messages lost' } })
    );
    expect(await job.end()).toEqual([]);
  }, 90_000);

  it('a monitor that dies is restarted by its supervisor and the thread gets a monitoring gap notice', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await slackJob('gap');
    await job.runStage('pre');
    const main = await job.runStage('main');
    const workers = async (): Promise<number[]> =>
      (await job.processes()).filter((p) => p.cmdline.includes('--worker')).map((p) => p.pid);
    let first: number[] = [];
    for (let i = 0; i < 50 && first.length === 0; i++) {
      first = await workers();
      await sleep(50);
    }
    expect(first).toHaveLength(1);
    // The detached processes carry only what they need of the job's environment: none of the
    // action's inputs (the tokens among them), its state or the runner's tokens; and the Slack
    // token is in no variable at all (it came on their stdin).
    for (const p of await job.processes()) {
      if (!/supervisor|--worker/.test(p.cmdline)) continue;
      const environ = readFileSync(`/proc/${p.pid}/environ`, 'utf8');
      expect(environ).not.toContain(TOKEN);
      expect(p.cmdline).not.toContain(TOKEN);
      const names = environ.split('\0').map((kv) => kv.split('=')[0]!);
      expect(names.filter((n) => /^(INPUT_|STATE_|ACTIONS_|GITHUB_TOKEN$)/.test(n))).toEqual([]);
      expect(names).toEqual(expect.arrayContaining(['RUNNER_TEMP', 'RUNNER_TRACKING_ID']));
    }
    // The supervisor is a process of its own entry, not the monitor's.
    expect((await job.processes()).some((p) => p.cmdline.includes('supervisor/index.js'))).toBe(
      true
    );
    process.kill(first[0]!, 'SIGKILL');
    let gap: string | undefined;
    for (let i = 0; i < 60 && !gap; i++) {
      await sleep(100);
      gap = texts().find((t) => /monitoring gap/i.test(t));
    }
    expect(gap).toContain(main?.outputs['correlation-id']);
    // The supervisor posts the notice, then starts the new worker: wait for it to be there.
    let now: number[] = [];
    for (let i = 0; i < 50 && (now.length === 0 || now[0] === first[0]); i++) {
      now = await workers();
      if (now.length === 0 || now[0] === first[0]) await sleep(100);
    }
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first[0]);
    // The lock is still heartbeated and finalize still stops everything.
    const post = await job.runStage('post');
    expect(post?.stdout).toMatch(/Released production/);
    expect(await job.end()).toEqual([]);
  });
});
