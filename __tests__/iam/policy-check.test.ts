import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  AWS_CALLS_DIR_ENV,
  CALLS_FILE_PREFIX,
  SUITES_FILE_PREFIX,
  TEST_CALLER_HEADERS,
  asTestCaller
} from '../../test-rig/aws-calls.js';
import { CloudFormationStandin } from '../../test-rig/cfn-standin.js';
import { DynamoRig } from '../../test-rig/dynamo-rig.js';
import { CALLS_DIR_ENV as SETUP_DIR_ENV } from './global-setup.js';
import globalTeardown, {
  CALLS_DIR_ENV,
  CALLS_FILE_PREFIX as TEARDOWN_CALLS_PREFIX,
  SUITES_FILE_PREFIX as TEARDOWN_SUITES_PREFIX,
  allTestFiles,
  comparePolicy,
  grantedActions,
  partialRun
} from './global-teardown.js';

const temps: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'policy-check-test-'));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/**
 * Runs `fn` with the stand-ins recording into a directory of its own (not the run's), restoring the
 * run's afterwards, and returns what was recorded. (Not in beforeAll/afterAll: this file's own
 * end-of-suite note must go to the run's directory.)
 */
async function recorded(fn: () => Promise<void>): Promise<string[]> {
  const dir = tempDir();
  const saved = process.env[AWS_CALLS_DIR_ENV];
  process.env[AWS_CALLS_DIR_ENV] = dir;
  try {
    await fn();
  } finally {
    if (saved === undefined) delete process.env[AWS_CALLS_DIR_ENV];
    else process.env[AWS_CALLS_DIR_ENV] = saved;
  }
  return readdirSync(dir)
    .filter((f) => f.startsWith(CALLS_FILE_PREFIX))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l !== '')
    .sort();
}

const sdk = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };

describe('the stand-ins record the AWS actions the product calls', () => {
  it("CloudFormation: by Action=, once each, failed calls too; not a test's own calls", async () => {
    const cfn = await CloudFormationStandin.start();
    const product = new CloudFormationClient({ ...sdk, endpoint: cfn.url, maxAttempts: 1 });
    const own = asTestCaller(new CloudFormationClient({ ...sdk, endpoint: cfn.url }));
    try {
      cfn.putStack('s', { status: 'CREATE_COMPLETE' });
      const calls = await recorded(async () => {
        await product.send(new DescribeStacksCommand({ StackName: 's' }));
        await product.send(new DescribeStacksCommand({ StackName: 's' }));
        await expect(
          product.send(new DescribeStacksCommand({ StackName: 'missing' }))
        ).rejects.toThrow(/does not exist/);
        await own.send(new DescribeStacksCommand({ StackName: 's' }));
        const raw = (headers: Record<string, string>) =>
          fetch(cfn.url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
            body: 'Action=ListStackResources&Version=2010-05-15&StackName=s'
          });
        expect((await raw(TEST_CALLER_HEADERS)).status).toBe(400); // not served, and the test's own
        expect((await raw({})).status).toBe(400); // not served: called but would not be granted
      });
      expect(calls).toEqual(['cloudformation:DescribeStacks', 'cloudformation:ListStackResources']);
      expect(cfn.calls).toHaveLength(6); // the stand-in's own log still has every call
    } finally {
      product.destroy();
      own.destroy();
      await cfn.close();
    }
  });

  it("DynamoDB: by X-Amz-Target, faulted calls too; not the rig's own or a test's own", async () => {
    const calls = await recorded(async () => {
      const rig = await DynamoRig.start(); // CreateTable, DescribeTable, UpdateTimeToLive: the rig's
      try {
        const key = { pk: { S: 'p' }, sk: { S: 's' } };
        await rig.doc().send(new PutCommand({ TableName: rig.table, Item: { pk: 'p', sk: 's' } }));
        await asTestCaller(rig.client()).send(
          new GetItemCommand({ TableName: rig.table, Key: key })
        );
        expect(await rig.items()).toHaveLength(1);
        rig.throttle(1);
        await expect(
          rig
            .client({ maxAttempts: 1 })
            .send(new GetItemCommand({ TableName: rig.table, Key: key }))
        ).rejects.toThrow(/throughput/);
        expect(rig.requests.map((r) => r.op)).toEqual(['PutItem', 'GetItem', 'GetItem']);
      } finally {
        await rig.close();
      }
    });
    expect(calls).toEqual(['dynamodb:GetItem']);
  });

  it('nothing is written when no directory is set (a bench, the demo)', async () => {
    const saved = process.env[AWS_CALLS_DIR_ENV];
    delete process.env[AWS_CALLS_DIR_ENV];
    const cfn = await CloudFormationStandin.start();
    const client = new CloudFormationClient({ ...sdk, endpoint: cfn.url, maxAttempts: 1 });
    try {
      await expect(client.send(new DescribeStacksCommand({ StackName: 'x' }))).rejects.toThrow();
      expect(cfn.callsOf('DescribeStacks')).toHaveLength(1);
    } finally {
      if (saved !== undefined) process.env[AWS_CALLS_DIR_ENV] = saved;
      client.destroy();
      await cfn.close();
    }
  });
});

describe('the check after the run', () => {
  it('uses the names the stand-ins write (the hooks cannot import them)', () => {
    expect([CALLS_DIR_ENV, SETUP_DIR_ENV]).toEqual([AWS_CALLS_DIR_ENV, AWS_CALLS_DIR_ENV]);
    expect([TEARDOWN_CALLS_PREFIX, TEARDOWN_SUITES_PREFIX]).toEqual([
      CALLS_FILE_PREFIX,
      SUITES_FILE_PREFIX
    ]);
  });

  it('fails on an action called but not granted, and on one granted but never called', () => {
    const granted = new Set(['cloudformation:DescribeStacks', 'dynamodb:DeleteItem']);
    expect(comparePolicy(new Set(['cloudformation:DescribeStacks']), granted)).toEqual([
      'granted but never called: dynamodb:DeleteItem'
    ]);
    expect(
      comparePolicy(
        new Set(['cloudformation:DescribeStacks', 'dynamodb:Scan']),
        new Set(['cloudformation:DescribeStacks'])
      )
    ).toEqual(['called but not granted: dynamodb:Scan']);
    expect(comparePolicy(new Set(granted), granted)).toEqual([]);
  });

  it("leaves out the deploy step's own actions, and fails if the policy grants them", () => {
    const granted = new Set(['cloudformation:DescribeStacks']);
    const called = new Set(['cloudformation:DescribeStacks', 'cloudformation:UpdateStack']);
    expect(comparePolicy(called, granted)).toEqual([]);
    expect(comparePolicy(called, new Set([...granted, 'cloudformation:UpdateStack']))).toEqual([
      "granted but the deploy step's, not the coordinator's: cloudformation:UpdateStack"
    ]);
  });

  it('reads the granted actions of every statement', () => {
    expect(
      grantedActions({ Statement: [{ Action: 'a:B' }, { Action: ['c:D', 'a:B'] }, {}] })
    ).toEqual(new Set(['a:B', 'c:D']));
  });

  it('runs only after every test file ran to its end, with no test name pattern', () => {
    const all = ['/r/__tests__/a.test.ts', '/r/__tests__/b/c.test.ts'];
    expect(partialRun(all, new Set(all), undefined)).toBeUndefined();
    expect(partialRun(all, new Set(all), '')).toBeUndefined();
    expect(partialRun(all, new Set([all[0]!]), undefined)).toBe(
      '1 of 2 test files ran to their end'
    );
    expect(partialRun(all, new Set(all), 'slack')).toBe('a test name pattern (slack) was given');
  });

  it("finds this run's test files as jest's testMatch does", () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const files = allTestFiles(join(here, '../..'));
    expect(files).toContain(join(here, 'policy-check.test.ts'));
    expect(files.every((f) => f.endsWith('.test.ts') && f.includes('/__tests__/'))).toBe(true);
    expect(files).not.toContain(join(here, 'global-teardown.ts'));
  });

  describe('globalTeardown', () => {
    /** A project with two test files and a policy, and a calls directory as a run leaves it. */
    function run(opts: {
      called: string[];
      done: number;
      policy: string[];
      operator?: string[];
      testPathPattern?: string;
    }): () => void {
      const root = tempDir();
      mkdirSync(join(root, '__tests__', 'e2e'), { recursive: true });
      mkdirSync(join(root, 'infra'));
      const tests = [
        join(root, '__tests__', 'a.test.ts'),
        join(root, '__tests__', 'e2e', 'b.test.ts')
      ];
      for (const t of tests) writeFileSync(t, '');
      writeFileSync(
        join(root, 'infra', 'iam-policy.json'),
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: opts.policy }] })
      );
      writeFileSync(
        join(root, 'infra', 'iam-operator-policy.json'),
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: opts.operator ?? [] }] })
      );
      const dir = join(root, 'calls');
      mkdirSync(dir);
      writeFileSync(join(dir, `${CALLS_FILE_PREFIX}1.txt`), opts.called.join('\n') + '\n');
      writeFileSync(join(dir, `${SUITES_FILE_PREFIX}2.txt`), tests.slice(0, opts.done).join('\n'));
      return () => {
        const saved = process.env[CALLS_DIR_ENV];
        process.env[CALLS_DIR_ENV] = dir;
        try {
          globalTeardown({ rootDir: root, testPathPattern: opts.testPathPattern ?? '' });
        } finally {
          if (saved === undefined) delete process.env[CALLS_DIR_ENV];
          else process.env[CALLS_DIR_ENV] = saved;
        }
      };
    }

    const logged: string[] = [];
    const consoleLog = console.log;
    beforeEach(() => {
      logged.length = 0;
      console.log = (line: string) => void logged.push(line);
    });
    afterEach(() => {
      console.log = consoleLog;
    });

    it('throws (jest then exits 1) when the policy and the calls differ', () => {
      const teardown = run({
        called: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        done: 2,
        policy: ['dynamodb:GetItem', 'dynamodb:DeleteItem']
      });
      expect(teardown).toThrow(
        /infra\/iam-policy.json and infra\/iam-operator-policy.json do not match[^]*called but not granted: dynamodb:PutItem\n {2}- granted but never called: dynamodb:DeleteItem/
      );
    });

    it('passes when they are the same set', () => {
      run({ called: ['dynamodb:GetItem'], done: 2, policy: ['dynamodb:GetItem'] })();
      expect(logged).toEqual([
        'IAM policy check: the 1 action infra/iam-policy.json and infra/iam-operator-policy.json grant are exactly those the product called.'
      ]);
    });

    it("counts the operator's policy with the workflow's: a grant in either is called somewhere", () => {
      run({
        called: ['dynamodb:GetItem', 'dynamodb:Scan'],
        done: 2,
        policy: ['dynamodb:GetItem'],
        operator: ['dynamodb:Scan']
      })();
      expect(
        run({
          called: ['dynamodb:GetItem'],
          done: 2,
          policy: ['dynamodb:GetItem'],
          operator: ['dynamodb:Scan']
        })
      ).toThrow(/granted but never called: dynamodb:Scan/);
    });

    it('skips, saying so, after a run of some files (a path pattern)', () => {
      run({ called: [], done: 1, policy: ['dynamodb:GetItem'], testPathPattern: 'a.test' })();
      expect(logged).toEqual([
        'IAM policy check skipped: 1 of 2 test files ran to their end; it needs a run of the whole suite.'
      ]);
    });

    it('fails a run of every file in which one file never ran a test to its end (all skipped)', () => {
      const teardown = run({ called: ['dynamodb:GetItem'], done: 1, policy: ['dynamodb:GetItem'] });
      expect(teardown).toThrow(
        /IAM policy check could not run: 1 of 2 test files ran to their end, though the run selected every test file/
      );
      expect(logged).toEqual([]);
    });
  });
});
