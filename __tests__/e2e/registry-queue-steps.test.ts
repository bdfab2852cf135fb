import { queueTickets } from '../../test-rig/dynamo-rig.js';
import {
  REPOSITORY,
  cfn,
  deployStep,
  dynamo,
  github,
  record,
  registryJob,
  sleep
} from './registry-queue-harness.js';

describe('coordination through the DynamoDB registry', () => {
  it('a waiter cancelled by the runner (SIGINT) removes its ticket before it exits', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const holder = await registryJob('holder', 6001, {});
    await holder.runStage('pre');
    expect((await holder.runStage('main'))?.outputs['result']).toBe('acquired');

    const waiter = await registryJob('waiter', 6002, { 'wait-timeout-minutes': '1' });
    await waiter.runStage('pre');
    const running = waiter.startStage('main');
    await waiter.waitForLog(/Poll 2 /);
    const tickets = async (): Promise<unknown[]> => queueTickets(await dynamo.items());
    expect(await tickets()).toHaveLength(1);
    await waiter.cancel();
    const main = await running.result;
    expect(main?.outputs['result']).toBe('aborted');
    expect(main?.stdout).toMatch(/Removed this run's queue ticket #2/);
    expect(await tickets()).toEqual([]);
    const post = await waiter.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBe(
      holder.state['correlation-id']
    );
  });

  it('with github-deployment, a GitHub Deployment follows the deployment: in_progress, then success with the URLs', async () => {
    cfn.putStack('AppStack', {
      status: 'UPDATE_COMPLETE',
      outputs: { ApiUrl: 'https://api.example.com/' }
    });
    const job = await registryJob('gh-deployment', 9001, {
      'github-deployment': 'true',
      'url-output': 'ApiUrl'
    });
    await job.runStage('pre');
    const main = await job.runStage('main');
    await deployStep(job, main);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    const [deployment] = github.deployments('octo-org', 'deployments');
    expect(deployment).toMatchObject({
      environment: 'production',
      payload: { correlationId: main?.outputs['correlation-id'] }
    });
    const statuses = github.statuses('octo-org', 'deployments', deployment!.id);
    expect(statuses.map((st) => st.state)).toEqual(['in_progress', 'success']);
    expect(statuses[1]).toMatchObject({
      environment_url: 'https://api.example.com/',
      log_url: `https://github.com/${REPOSITORY}/actions/runs/9001/attempts/1`
    });
  });

  it("a job cancelled before any stack operation: finalize reports cancelled from the job's step conclusions", async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('cancelled-job', 9101, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    github.setJobs('octo-org', 'deployments', 9101, 1, [
      {
        name: 'cancelled-job',
        status: 'in_progress',
        steps: [
          { name: 'coordinate', status: 'completed', conclusion: 'success', number: 1 },
          { name: 'Deploy', status: 'completed', conclusion: 'cancelled', number: 2 }
        ]
      }
    ]);
    const post = await job.runStage('post');
    expect(post?.stdout).toMatch(/Outcome: cancelled/);
    const states = (await record(main?.outputs['correlation-id'] ?? '')).transitions.map(
      (t) => t.state
    );
    expect(states).toEqual(['queued', 'acquired', 'cancelled', 'released']);
  });

  it('finalize with the monitor already dead does no harm and says so; the summary has the timings', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const job = await registryJob('dead-monitor', 9201, {});
    await job.runStage('pre');
    const main = await job.runStage('main');
    await deployStep(job, main);
    for (const p of await job.processes()) process.kill(p.pid, 'SIGKILL');
    for (let i = 0; i < 50 && (await job.processes()).length > 0; i++) await sleep(20);
    const post = await job.runStage('post');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/Monitor \(pid \d+\): was no longer running/);
    expect(post?.stdout).toMatch(/Released production \(fencing token 1\), outcome succeeded/);
    expect(job.summary()).toMatch(/\| Deploying \| \d+(ms|s) \(estimate 30m 00s\) \|/);
    expect(job.summary()).toMatch(/\| Waited \| /);
  });
});
