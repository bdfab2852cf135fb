import { execFile } from 'node:child_process';
import { REPO_ROOT, awsEnv } from './support.js';
import {
  CLI,
  acquireFirst,
  arrive,
  cfn,
  deployJob,
  deployStep,
  dynamo,
  operatorCli,
  titled
} from './lock-safety-harness.js';

// Deploy freezes through the runner harness: set and thawed with the operator CLI (its bundle),
// obeyed by the action's bundles, one process per stage. Poll interval 0.5 s.

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/;

const cli = (...args: string[]) => operatorCli(...args, '--registry-table', dynamo.table);

describe('deploy freezes, set with the CLI, obeyed by the action', () => {
  it('a freeze --for set with the CLI holds a waiting run (its log says until when and why); thaw lets it acquire within two polls', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const first = await deployJob('first');
    const held = await acquireFirst(first);
    const second = await arrive(await deployJob('second', { 'wait-timeout-minutes': '2' }));

    const set = await cli(
      'freeze',
      '--environment',
      'production',
      '--for',
      '1h',
      '--reason',
      'holiday freeze'
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(
      /^Froze production until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: holiday freeze\n/
    );
    const id = /Freeze (fz-[0-9a-f]{8})/.exec(set.stdout)?.[1];
    expect(id).toBeDefined();
    const listed = await cli('freezes', '--environment', 'production', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        id,
        environment: 'production',
        reason: 'holiday freeze',
        by: 'oncall',
        active: true
      })
    ]);

    // The holder is not stopped: it deploys and releases; the waiter stays, frozen.
    await deployStep(first, held);
    expect((await first.runStage('post'))?.exitCode).toBe(0);
    const line = await second.job.waitForLog(/is frozen until .*holiday freeze/, 10_000);
    expect(line).toMatch(
      new RegExp(
        `production is frozen until ${ISO.source} \\(in 59m \\d\\ds\\): "holiday freeze" \\(freeze ${id} by oncall\\)\\. This run keeps its place in the queue and waits`
      )
    );
    await second.job.waitForLog(/Poll \d+ .*Frozen until .*"holiday freeze"\./, 5_000);
    expect(second.endedAt).toBeUndefined();
    expect((await dynamo.items()).find((i) => i['sk'] === 'LOCK')?.['holder']).toBeUndefined();

    // The one view shows the freeze, and no start before its end; a frozen environment no run
    // has queued in is listed too.
    expect(
      (await cli('freeze', '--environment', 'staging', '--for', '30m', '--reason', 'migration'))
        .code
    ).toBe(0);
    const view = JSON.parse((await cli('status', '--json')).stdout) as {
      environments: {
        environment: string;
        freeze?: { reason: string; until: string; by: string; ids: string[] };
        queue: { expectedStart: string }[];
      }[];
    };
    expect(view.environments.map((e) => e.environment)).toEqual(['production', 'staging']);
    const [prod, staging] = view.environments;
    expect(prod?.freeze).toEqual({
      reason: 'holiday freeze',
      until: expect.stringMatching(ISO),
      by: 'oncall',
      ids: [id]
    });
    expect(prod?.queue).toHaveLength(1);
    expect(Date.parse(prod!.queue[0]!.expectedStart)).toBeGreaterThanOrEqual(
      Date.parse(prod!.freeze!.until)
    );
    expect(staging?.freeze?.reason).toBe('migration');
    expect(staging?.queue).toEqual([]);
    const text = (await cli('status')).stdout;
    expect(text).toMatch(
      new RegExp(
        `Freeze: until ${ISO.source} \\(in 59m \\d\\ds\\): holiday freeze \\(by oncall; ${id}\\)`
      )
    );

    // Within two polls of the thaw, counted in polls (not milliseconds): the waiter logs every
    // poll that does not acquire, so at most one more poll line may follow the thaw's answer.
    const polls = (): number[] =>
      second.job.log.flatMap((l) => {
        const m = /Poll (\d+) /.exec(l);
        return m ? [Number(m[1])] : [];
      });
    const thaw = await cli('thaw', '--environment', 'production');
    const beforeThaw = Math.max(...polls());
    expect(thaw.code).toBe(0);
    expect(thaw.stdout).toContain(`Thawed ${id}: production`);
    const main = await second.result;
    expect(main?.exitCode).toBe(0);
    expect(main?.outputs['result']).toBe('acquired');
    const acquiringPoll = Math.max(...polls()) + 1;
    expect(acquiringPoll - beforeThaw).toBeLessThanOrEqual(2);
    expect(main?.stdout).toContain('The freeze of production is over (thawed or ended): going on.');
    expect(titled(main, 'warning', 'Deploy freeze')).toHaveLength(1);
    await deployStep(second.job, main!);
    const post = await second.job.runStage('post');
    expect(post?.summary).toMatch(/\| Freeze \| waited through it: production is frozen until /);
  }, 60_000);

  it('a freeze longer than the wait: result frozen, exit 1, the end of the freeze in the message; the same run with override-freeze acquires, the reason in the summary', async () => {
    cfn.putStack('AppStack', { status: 'UPDATE_COMPLETE' });
    const set = await cli(
      'freeze',
      '--environment',
      'production',
      '--for',
      '2h',
      '--reason',
      'audit'
    );
    expect(set.code).toBe(0);
    const until = (JSON.parse((await cli('freezes', '--json')).stdout) as { until: string }[])[0]!
      .until;

    const frozen = await deployJob('frozen', { 'wait-timeout-minutes': '0.05' });
    await frozen.runStage('pre');
    const main = await frozen.runStage('main');
    expect(main?.exitCode).toBe(1);
    expect(main?.outputs['result']).toBe('frozen');
    const [error] = titled(main, 'error', 'Deploy freeze');
    expect(error?.message).toContain(`production is frozen until ${until}`);
    expect(error?.message).toContain('"audit"');
    expect(main?.stdout).toContain('Result: frozen (exit 1) for production.');
    const post = await frozen.runStage('post');
    expect(post?.summary).toContain('| Coordination | frozen |');
    expect(post?.summary).toContain(`frozen until ${until}`);

    const hotfix = await deployJob('hotfix', {
      'wait-timeout-minutes': '0.05',
      'override-freeze': 'hotfix for INC-42'
    });
    await hotfix.runStage('pre');
    const go = await hotfix.runStage('main');
    expect(go?.exitCode).toBe(0);
    expect(go?.outputs['result']).toBe('acquired');
    expect(titled(go, 'warning', 'Freeze overridden')[0]?.message).toContain(
      `Freeze overridden (override-freeze: hotfix for INC-42): production is frozen until ${until}`
    );
    await deployStep(hotfix, go!);
    const hotfixPost = await hotfix.runStage('post');
    expect(hotfixPost?.summary).toContain(
      '| Freeze overridden | hotfix for INC-42 (override-freeze); production is frozen until'
    );
    const record = (await dynamo.items()).find(
      (i) => i['pk'] === `DEPLOY#${go?.outputs['correlation-id']}`
    ) as { transitions: { state: string; note?: string }[] };
    expect(record.transitions).toContainEqual(
      expect.objectContaining({
        state: 'freeze-overridden',
        note: expect.stringMatching(/^hotfix for INC-42; /)
      })
    );
  }, 60_000);

  it('the CLI: a recurring window in a time zone for all environments, listed and thawed by id; what it refuses', async () => {
    const weekly = await cli(
      'freeze',
      '--all',
      '--cron',
      '0 14 * * 5',
      '--duration',
      '3h',
      '--time-zone',
      'Europe/Berlin',
      '--reason',
      'no deploys on Friday afternoon',
      '--json'
    );
    expect(weekly.code).toBe(0);
    const f = JSON.parse(weekly.stdout) as { id: string; environment: string; durationMs: number };
    expect(f).toMatchObject({
      environment: '*',
      cron: '0 14 * * 5',
      durationMs: 3 * 3_600_000,
      timeZone: 'Europe/Berlin'
    });
    const item = (await dynamo.items()).find((i) => i['pk'] === 'FREEZES');
    expect(item?.['sk']).toBe(`FREEZE#*#${f.id}`);
    const listed = await cli('freezes', '--environment', 'staging');
    expect(listed.stdout).toMatch(
      new RegExp(
        `${f.id}: all environments, every "0 14 \\* \\* 5" \\(Europe/Berlin\\) for 3h 00m, (now until|next) \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} Europe/Berlin`
      )
    );
    expect(listed.stdout).toContain('"no deploys on Friday afternoon" (by oncall)');

    const refusals: [string[], RegExp][] = [
      [['--environment', 'production', '--for', '2h'], /--reason/],
      [
        ['--environment', 'production', '--for', 'two hours', '--reason', 'x'],
        /--for "two hours": expected a duration/
      ],
      [
        ['--environment', 'production', '--until', '2026-12-24T18:00', '--reason', 'x'],
        /--until .*with --time-zone/
      ],
      [
        [
          '--all',
          '--cron',
          '0 14 * * 5',
          '--duration',
          '3h',
          '--time-zone',
          'Mars/Olympus',
          '--reason',
          'x'
        ],
        /not a time zone/
      ],
      [
        ['--all', '--cron', '0 99 * * *', '--duration', '3h', '--reason', 'x'],
        /--cron "0 99 \* \* \*"/
      ],
      [['--for', '2h', '--reason', 'x'], /--environment NAME \| --all/]
    ];
    for (const [args, why] of refusals) {
      const r = await cliWithStderr('freeze', ...args, '--registry-table', dynamo.table);
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr).toMatch(why);
    }
    const noTable = await cliWithStderr('freeze', '--all', '--for', '1h', '--reason', 'x');
    expect(noTable.code).toBe(1);
    expect(noTable.stderr).toContain(
      'freeze needs --registry-table: without a registry there are no freezes.'
    );

    const thawed = await cli('thaw', '--id', f.id);
    expect(thawed.code).toBe(0);
    expect(thawed.stdout).toContain(`Thawed ${f.id}: all environments`);
    expect((await cli('freezes')).stdout).toBe('No freeze now or later.\n');
    expect((await cli('thaw', '--id', f.id)).code).toBe(1);
  }, 60_000);
});

/** The CLI with its stderr (where refusals go). */
async function cliWithStderr(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          ...awsEnv(cfn),
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
          USER: 'oncall'
        },
        timeout: 15_000
      },
      (err, _stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stderr })
    );
  });
}
