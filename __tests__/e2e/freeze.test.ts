import { execFile } from 'node:child_process';
import { startInProcess } from './cli-in-process.js';
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

// Deploy freezes through the runner harness: set and thawed with the operator CLI (in process, and
// its bundle in a child process at the end), obeyed by the action's bundles, one process per stage.
// Poll interval 0.5 s.

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
    // An ISO time `n` days from now (a window that is not close to now).
    const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString();
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
      // What cron-parser would read as another schedule (or a random one): five fields, no H.
      ...(
        [
          ['', 'is empty'],
          ['H 14 * * 5', 'uses H \\(a hashed value: random at each reading\\)'],
          ['0 H/2 * * *', 'uses H \\(a hashed value: random at each reading\\)'],
          ['0 14 * *', 'has 4 fields'],
          ['0', 'has 1 field'],
          ['0 0 14 * * 5', 'has 6 fields \\(a seconds field is not accepted\\)']
        ] as const
      ).map(([cron, why]): [string[], RegExp] => [
        ['--all', '--cron', cron, '--duration', '3h', '--reason', 'x'],
        new RegExp(
          `^--cron ${JSON.stringify(cron).replace(/[*]/g, '\\*')}: expected five fields: minute hour day-of-month month day-of-week, such as "0 14 \\* \\* 5"; that ${why}\\.\n$`
        )
      ]),
      [
        ['--all', '--for', '2h', '--reason', 'a\u202eb'],
        /--reason "a\\u202eb": .*; that contains a bidirectional control character \(U\+202E\)\./
      ],
      [
        ['--all', '--for', '2h', '--reason', 'a\u200bb'],
        /--reason "a\\u200bb": .*; that contains a zero-width character \(U\+200B\)\./
      ],
      [['--for', '2h', '--reason', 'x'], /--environment NAME \| --all/],
      [
        ['--environment', 'production', '--for', '0.0001s', '--reason', 'x'],
        /--for "0\.0001s": expected a duration such as 30m, 2h, 1h30m or 1d, from 1s to 366d; that is shorter than 1s\./
      ],
      [
        ['--environment', 'production', '--for', '100000000d', '--reason', 'x'],
        /--for "100000000d": expected a duration .*from 1s to 366d; that is longer than 366d\./
      ],
      [
        ['--all', '--cron', '0 14 * * 5', '--duration', 'three hours', '--reason', 'x'],
        /--duration "three hours": expected a duration such as 30m/
      ],
      [['--all', '--cron', '0 14 * * 5', '--reason', 'x'], /--cron needs --duration DURATION/],
      [
        ['--all', '--for', '2h', '--time-zone', 'Europe/Berlin', '--reason', 'x'],
        /--time-zone "Europe\/Berlin": .*--for counts from now: drop --time-zone\./
      ],
      [
        ['--all', '--for', '2h', '--duration', '3h', '--reason', 'x'],
        /--duration "3h": .*needs --cron EXPR; --for DURATION already says how long: drop --duration\./
      ],
      [
        ['--all', '--until', inDays(2), '--duration', '3h', '--reason', 'x'],
        /--duration "3h": .*--until TIME already says when it ends: drop --duration\./
      ],
      [
        ['--all', '--from', inDays(1), '--for', '2h', '--reason', 'x'],
        /--from ".*": .*needs --until TIME/
      ],
      [
        ['--all', '--from', inDays(2), '--until', inDays(1), '--reason', 'x'],
        /--from ".*" is not before --until ".*"/
      ],
      [
        ['--all', '--from', 'soon', '--until', inDays(1), '--reason', 'x'],
        /--from "soon": expected an ISO time/
      ],
      [
        ['--all', '--for', '2h', '--reason', '\u001b[31mred\u001b[0m'],
        /--reason "\\u001b\[31mred\\u001b\[0m": expected one line of 1 to 500 characters without control characters .*; that contains a control character \(U\+001B\)\./
      ],
      [['--all', '--for', '2h', '--reason', '   '], /--reason " {3}": .*; that is empty\./],
      [
        ['--all', '--for', '2h', '--reason', 'two\nlines'],
        /--reason "two\\nlines": .*; that is more than one line\./
      ],
      [
        ['--all', '--for', '2h', '--reason', 'x'.repeat(501)],
        /--reason "x{80}"… \(501 characters\): .*; that is 501 characters long\./
      ]
    ];
    for (const [args, why] of refusals) {
      const r = await cliWithStderr('freeze', ...args, '--registry-table', dynamo.table);
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr).toMatch(why);
      // What was typed is shown quoted: no escape reaches the terminal.
      expect(r.stderr).not.toContain('\u001b');
    }
    // A zone it does not know, with --cron: said once (not again by the cron's reading).
    const zone = await cliWithStderr(
      'freeze',
      '--all',
      '--cron',
      '0 14 * * 5',
      '--duration',
      '3h',
      '--time-zone',
      'Mars/Olympus',
      '--reason',
      'x',
      '--registry-table',
      dynamo.table
    );
    expect([zone.code, zone.stderr]).toEqual([
      1,
      '--time-zone "Mars/Olympus" is not a time zone this runtime knows (IANA names such as Europe/Berlin).\n'
    ]);
    // Nothing refused was written: the table holds the weekly freeze alone.
    expect((await dynamo.items()).filter((i) => i['pk'] === 'FREEZES')).toHaveLength(1);
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

    // A freeze stored with a cron that breaks the rules (by hand, or before them): it holds nothing,
    // is listed as invalid, and can be thawed.
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await dynamo.doc().send(
      new PutCommand({
        TableName: dynamo.table,
        Item: {
          pk: 'FREEZES',
          sk: 'FREEZE#production#fz-0b0b0b0b',
          id: 'fz-0b0b0b0b',
          environment: 'production',
          reason: 'old habit',
          by: 'oncall',
          createdAt: inDays(-1),
          cron: 'H 14 * * *',
          durationMs: 3_600_000,
          timeZone: 'UTC'
        }
      })
    );
    expect((await cli('freezes')).stdout).toBe(
      'bad   fz-0b0b0b0b: production, every "H 14 * * *": invalid, holds nothing (the cron uses H (a hashed value: random at each reading); expected five fields: minute hour day-of-month month day-of-week, such as "0 14 * * 5"): "old habit" (by oncall)\n' +
        `      thaw it with: deploy-coordinator thaw --registry-table ${dynamo.table} --id fz-0b0b0b0b\n`
    );
    expect(JSON.parse((await cli('freezes', '--json')).stdout)).toEqual([
      expect.objectContaining({ id: 'fz-0b0b0b0b', active: false, invalid: true })
    ]);
    const invalid = await cli('thaw', '--id', 'fz-0b0b0b0b');
    expect(invalid.code).toBe(0);
    expect(invalid.stdout).toContain('Thawed fz-0b0b0b0b: production, every "H 14 * * *": invalid');
    expect((await cli('freezes')).stdout).toBe('No freeze now or later.\n');
  }, 60_000);

  it('thaw: an environment still held by a freeze of all environments says which (exit 1 when nothing thawed); --all thaws those only; ended freezes are left alone; --from sets the start', async () => {
    // An ISO time `n` days from now (a window that is not close to now).
    const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString();
    const idOf = (stdout: string): string => /Freeze (fz-[0-9a-f]{8})/.exec(stdout)?.[1] ?? '';
    const everywhere = await cli('freeze', '--all', '--for', '1h', '--reason', 'release train');
    expect(everywhere.code).toBe(0);
    const all = idOf(everywhere.stdout);

    const held = await cli('thaw', '--environment', 'production');
    expect(held.code).toBe(1);
    expect(held.stdout).toContain(
      'Nothing to thaw: no freeze set for production is in force or to come.\n' +
        'production is still frozen by a freeze of all environments, not thawed by --environment:\n' +
        `  now  ${all}: all environments, until `
    );
    expect(held.stdout).toContain(
      `thaw it with: deploy-coordinator thaw --registry-table ${dynamo.table} --id ${all}\n` +
        `  or every freeze of all environments with: deploy-coordinator thaw --registry-table ${dynamo.table} --all`
    );
    expect(JSON.parse((await cli('thaw', '--environment', 'staging', '--json')).stdout)).toEqual({
      thawed: [],
      notThawed: [{ id: all, environment: '*', active: true }]
    });

    // A window to come, from --from to --until (in a zone, as an operator types it).
    const [from, until] = [inDays(3), inDays(4)];
    const later = await cli(
      'freeze',
      '--environment',
      'production',
      '--from',
      from,
      '--until',
      until,
      '--reason',
      'migration weekend',
      '--json'
    );
    expect(later.code).toBe(0);
    const planned = JSON.parse(later.stdout) as { id: string; from: string; until: string };
    expect(planned).toMatchObject({ from, until, environment: 'production' });
    const wall = await cli(
      'freeze',
      '--environment',
      'production',
      '--from',
      '2099-12-24T00:00',
      '--until',
      '2099-12-27T00:00',
      '--time-zone',
      'Europe/Berlin',
      '--reason',
      'holidays'
    );
    expect(wall.stdout).toMatch(
      /^Froze production from 2099-12-24 00:00 Europe\/Berlin \(2099-12-23 23:00 UTC\) until 2099-12-27 00:00 Europe\/Berlin \(2099-12-26 23:00 UTC\): holidays\n/
    );
    const holidays = idOf(wall.stdout);
    const listed = JSON.parse(
      (await cli('freezes', '--environment', 'production', '--json')).stdout
    ) as {
      id: string;
      active: boolean;
      windowStart: string;
    }[];
    expect(listed.map((l) => [l.id, l.active])).toEqual([
      [all, true],
      [planned.id, false],
      [holidays, false]
    ]);
    expect(listed[1]?.windowStart).toBe(from);
    expect(listed[2]?.windowStart).toBe('2099-12-23T23:00:00.000Z');

    // A freeze that ended yesterday is left as it is: not thawed, its expiry not pushed out.
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const over = {
      pk: 'FREEZES',
      sk: 'FREEZE#production#fz-0e0e0e0e',
      id: 'fz-0e0e0e0e',
      environment: 'production',
      reason: 'last incident',
      by: 'oncall',
      createdAt: inDays(-3),
      from: inDays(-2),
      until: inDays(-1),
      expiresAt: Math.floor(Date.parse(inDays(-1)) / 1000) + 7 * 86_400
    };
    await dynamo.doc().send(new PutCommand({ TableName: dynamo.table, Item: over }));

    const own = await cli('thaw', '--environment', 'production');
    expect(own.code).toBe(0);
    expect(own.stdout).toContain(`Thawed ${planned.id}: production, from `);
    expect(own.stdout).toContain(`Thawed ${holidays}: production, from `);
    expect(own.stdout).not.toContain('fz-0e0e0e0e');
    expect(own.stdout).toContain(`production is still frozen by a freeze of all environments`);
    expect((await dynamo.items()).find((i) => i['id'] === 'fz-0e0e0e0e')).toEqual(over);
    const ended = await cli('thaw', '--id', 'fz-0e0e0e0e');
    expect(ended.code).toBe(1);
    expect(ended.stdout).toMatch(
      /^Nothing to thaw: freeze fz-0e0e0e0e has ended \(fz-0e0e0e0e: production, until /
    );
    expect((await dynamo.items()).find((i) => i['id'] === 'fz-0e0e0e0e')).toEqual(over);

    // --all thaws the freezes of all environments, and no freeze of one.
    const staging = idOf(
      (await cli('freeze', '--environment', 'staging', '--for', '1h', '--reason', 'migration'))
        .stdout
    );
    const thawAll = await cli('thaw', '--all');
    expect(thawAll.code).toBe(0);
    expect(thawAll.stdout).toContain(`Thawed ${all}: all environments`);
    expect(thawAll.stdout).toContain(
      'Not thawed by --all (freezes of one environment; thaw each with --id, or with --environment NAME):\n' +
        `  now  ${staging}: staging`
    );
    expect((await cli('freezes')).stdout).toMatch(
      new RegExp(`^now  ${staging}: staging, until .*\n$`)
    );
    // Nothing thawed is exit 1, whatever the scope, saying why.
    const nothing = await cli('thaw', '--environment', 'production');
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toBe(
      'Nothing to thaw: no freeze set for production is in force or to come.\n'
    );
    const nothingAll = await cli('thaw', '--all');
    expect(nothingAll.code).toBe(1);
    expect(nothingAll.stdout).toMatch(
      /^Nothing to thaw: no freeze set for all environments is in force or to come\.\nNot thawed by --all/
    );
    const nothingJson = await cli('thaw', '--all', '--json');
    expect(nothingJson.code).toBe(1);
    expect(JSON.parse(nothingJson.stdout)).toMatchObject({ thawed: [] });
    expect((await cli('thaw', '--id', 'fz-99999999')).code).toBe(1);

    // One scope at a time.
    for (const args of [
      ['--id', staging, '--all'],
      ['--environment', 'staging', '--all'],
      ['--id', staging, '--environment', 'staging'],
      []
    ]) {
      const r = await cliWithStderr('thaw', ...args, '--registry-table', dynamo.table);
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr).toContain('thaw needs exactly one of --id ID, --environment NAME or --all.');
    }
  }, 60_000);
});

/** A bare shell: the stand-ins' endpoints and the operator's name. */
const bareShell = (): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'] ?? '',
  ...awsEnv(cfn),
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
  // The SDK's notice on Node 20, so that stderr holds only what the CLI says.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  USER: 'oncall'
});

/** The CLI with its stderr (where refusals go), in process. */
async function cliWithStderr(...args: string[]): Promise<{ code: number; stderr: string }> {
  const { code, stderr } = await startInProcess(args, bareShell()).done;
  return { code, stderr };
}

/** The bundle in a child process, in the same shell. */
async function cliProcess(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO_ROOT, env: bareShell(), timeout: 15_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout, stderr })
    );
  });
}

describe('the bundle in a child process', () => {
  it('sets a freeze, and exits and prints exactly as runCli does in process', async () => {
    const table = ['--registry-table', dynamo.table];
    const set = await cliProcess(
      'freeze',
      '--environment',
      'production',
      '--for',
      '1h',
      '--reason',
      'both ways',
      ...table
    );
    expect({ code: set.code, stderr: set.stderr }).toEqual({ code: 0, stderr: '' });
    expect(set.stdout).toMatch(/^Froze production until .* UTC: both ways\n/);
    const cases: string[][] = [
      ['freezes', '--json', ...table],
      ['freezes', '--environment', 'staging', ...table],
      ['thaw', ...table],
      ['freeze', '--all', '--for', '1h', '--reason', 'x'],
      ['freeze', '--all', '--for', '2h', '--reason', '\u001b[31mred\u001b[0m', ...table]
    ];
    const [asProcess, inProcess] = await Promise.all([
      Promise.all(cases.map((args) => cliProcess(...args))),
      Promise.all(cases.map(async (args) => startInProcess(args, bareShell()).done))
    ]);
    expect(asProcess).toEqual(inProcess);
    expect(asProcess.map((r) => r.code)).toEqual([0, 0, 1, 1, 1]);
    expect(JSON.parse(asProcess[0]?.stdout ?? '')).toEqual([
      expect.objectContaining({ environment: 'production', reason: 'both ways', by: 'oncall' })
    ]);
  });
});
