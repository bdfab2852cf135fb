import {
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  deployStep,
  dynamo,
  expectAcquired,
  expectHandoff,
  finalizeFirst,
  slack,
  slackMessage,
  sleep,
  titled,
  waitUntil
} from './lock-safety-harness.js';

describe('the lease lives from acquire to release: a second run waits for the post of the first', () => {
  it('(a) a warnings: ask question answered in Slack after 14 s: coordinate keeps heartbeating while it waits', async () => {
    // The last deployment failed and was rolled back: a LAST_DEPLOYMENT_FAILED warning, asked about.
    cfn.putStack('AppStack', {
      status: 'UPDATE_ROLLBACK_COMPLETE',
      stackStatusReason: 'Runtime nodejs8.x is not supported'
    });
    const first = await deployJob(
      'first',
      {
        warnings: 'ask',
        'slack-interact-channel': '#deploy-interact',
        'ask-timeout-minutes': '5'
      },
      { slack: true, stageTimeoutMs: 60_000 }
    );
    await first.runStage('pre');
    const firstMain = first.startStage('main').result;
    const question = await slackMessage('#deploy-interact', /despite 1 warning/);
    expect(question.text).toContain('LAST_DEPLOYMENT_FAILED');

    // The second arrives while the question is pending: the lock is held, so it queues.
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));
    await sleep(question.versions[0]!.at + 14_000 - Date.now());
    slack.react(question.channel, question.ts, 'white_check_mark');

    const held = expectAcquired(await firstMain, 1);
    expect(held.stdout).toMatch(/proceed: answered 'proceed' in Slack/);
    await deployStep(first, held);
    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);
    const main = await expectHandoff(done, second);
    expect(titled(main, 'warning', 'Stale lock taken over')).toEqual([]);
  }, 90_000);

  it('(b) two runs with one correlation-id queue like any other two; the second is warned', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const id = 'release-2024.06.1';
    const first = await deployJob('first', { 'correlation-id': id });
    const held = await acquireFirst(first);
    expect(held.outputs['correlation-id']).toBe(id);

    const second = await arrive(
      await deployJob('second', { 'correlation-id': id, 'wait-timeout-minutes': '1' })
    );
    await deployStep(first, held);
    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);
    const main = await expectHandoff(done, second);
    expect(main.outputs['correlation-id']).toBe(id);
    expect(titled(main, 'warning', 'Correlation ID not unique')).toHaveLength(1);
    expect(main.outputs['queue-position']).toBe('1');
  }, 60_000);

  it('(c) 25 throttled DynamoDB requests while the holder waits 6 s before its stack operation', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first');
    const held = await acquireFirst(first);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));

    dynamo.throttle(25);
    // The holder's job does something else for 6 s (a lease) before it deploys.
    const wait = await first.runStep([process.execPath, '-e', 'setTimeout(() => {}, 6000)'], {
      name: 'build'
    });
    expect(wait.exitCode).toBe(0);
    await waitUntil(() => dynamo.faultsPending() === 0, 20_000);
    await deployStep(first, held);
    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);

    expect(dynamo.requests.filter((r) => r.faulted).length).toBe(25);
    const main = await expectHandoff(done, second);
    expect(titled(main, 'warning', 'Registry unavailable')).toEqual([]);
    expect(titled(main, 'warning', 'Stale lock taken over')).toEqual([]);
  }, 90_000);
});
