import {
  API,
  HEARTBEAT_MS,
  LEASE_MS,
  MUTATING,
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  deployStep,
  dynamo,
  expectHandoff,
  finalizeFirst,
  operatorCli,
  record,
  slack,
  titled,
  waitUntil
} from './lock-safety-harness.js';

describe('the lease lives from acquire to release: a second run waits for the post of the first', () => {
  it('(g) a registry table missing on arrival stops both runs: blocked, REGISTRY_MISCONFIGURED, nothing touched', async () => {
    // A stack auto-rollback would repair: nothing may touch it when the run does not coordinate.
    cfn.putStack('AppStack', {
      status: 'UPDATE_FAILED',
      disableRollback: true,
      resources: [{ ...API, status: 'UPDATE_FAILED', reason: 'Runtime nodejs8.x is not supported' }]
    });
    await dynamo.deleteTable();
    const runs = [await deployJob('first'), await deployJob('second')];
    await Promise.all(runs.map((job) => job.runStage('pre')));
    const mains = await Promise.all(runs.map((job) => job.runStage('main')));
    for (const main of mains) {
      expect(main?.exitCode).toBe(1);
      expect(main?.outputs['result']).toBe('blocked');
      const findings = JSON.parse(main?.outputs['validation'] ?? '[]') as Array<{
        code: string;
        severity: string;
        message: string;
      }>;
      const misconfigured = findings.find((f) => f.code === 'REGISTRY_MISCONFIGURED');
      expect(misconfigured?.severity).toBe('blocking');
      expect(misconfigured?.message).toContain('registry-table');
      expect(main?.stdout).not.toContain('Acquired production');
    }
    const posts = await Promise.all(runs.map((job) => job.runStage('post')));
    for (const post of posts) expect(post?.exitCode).toBe(0);
    expect(cfn.calls.filter((c) => MUTATING.includes(c.action))).toEqual([]);
    expect(cfn.stack('AppStack')?.status).toBe('UPDATE_FAILED');
  }, 60_000);

  it('(h) a DynamoDB outage longer than a lease: the waiter falls back to CloudFormation-only, not before a lease', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first');
    const held = await acquireFirst(first);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));

    await dynamo.stop();
    const stoppedAt = Date.now();
    // The holder keeps going: it deploys through CloudFormation and finalizes during the outage.
    await deployStep(first, held);
    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);
    expect(done.post.stdout).toContain('Could not release production');

    await second.job.waitForLog(/Falling back to CloudFormation-only coordination/, 30_000);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(LEASE_MS);
    const main = await expectHandoff(done, second, {
      registry: 'cloudformation-only',
      released: false
    });
    expect(titled(main, 'warning', 'Registry unavailable')).toHaveLength(1);
    expect(main.stdout).toContain('Acquired production (CloudFormation only)');
  }, 90_000);

  it('(i) an operator unlock --force: the monitor exits within two heartbeats, the thread and finalize say the lock was lost', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first', {}, { slack: true });
    const held = await acquireFirst(first);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '1' }));

    // The deploy step starts the update and returns (update-stack without waiting): 10 s in CloudFormation.
    cfn.runOperation(
      'AppStack',
      [
        { atMs: 100, ...API, status: 'UPDATE_IN_PROGRESS' },
        { atMs: 9_900, ...API, status: 'UPDATE_COMPLETE' },
        { atMs: 10_000, stackStatus: 'UPDATE_COMPLETE' }
      ],
      { startStatus: 'UPDATE_IN_PROGRESS' }
    );
    const unlock = await operatorCli(
      'unlock',
      '--stack-name',
      'AppStack',
      '--environment',
      'production',
      '--registry-table',
      dynamo.table,
      '--force',
      '--reason',
      'runner looked stuck'
    );
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain(
      `Unlocked production: was held by ${held.outputs['correlation-id']}`
    );
    // When the unlock was written, by the table's own record of it.
    const lock = (await dynamo.items()).find((i) => i['sk'] === 'LOCK');
    expect(lock?.['lastOutcome']).toBe('force-unlocked');
    const unlockedAt = Date.parse(String(lock?.['releasedAt']));
    await waitUntil(async () => (await first.processes()).length === 0, 10_000);
    // The requirement: the monitor exits within two heartbeats (2 × 2 s), plus a little slack.
    expect(await first.processes()).toEqual([]);
    expect(Date.now() - unlockedAt).toBeLessThanOrEqual(2 * HEARTBEAT_MS + 1_000);

    const [channel, ts] = (first.state['slack-thread'] ?? '').split(':');
    expect(channel).toBeTruthy();
    await waitUntil(() => slack.thread(ts!).some((m) => /lost the lock/.test(m.text)), 5_000);
    expect(
      slack.thread(ts!).filter((m) => /^:rotating_light: .*lost the lock/.test(m.text))
    ).not.toEqual([]);

    const done = await finalizeFirst(first, second);
    expect(done.post.exitCode).toBe(0);
    expect(titled(done.post, 'error', 'Lock lost')).toHaveLength(1);
    expect(first.summary()).toMatch(/\| Lock \| \*\*lost\*\* \(fencing token 1\)/);
    const id = held.outputs['correlation-id'] ?? '';
    expect((await record(id)).transitions.map((t) => t.state)).toContain('lock-lost');
    // The lock was the operator's to give away; CloudFormation still held the second back.
    await expectHandoff(done, second, { released: false });
  }, 90_000);
});
