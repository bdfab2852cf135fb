/**
 * jest globalTeardown: the IAM policy follows from what the code calls.
 *
 * During the run the stand-ins record every AWS action the product calls (test-rig/aws-calls.ts) in
 * the directory global-setup.ts made. After a run of every test file, each to its end, this
 * compares that set with the actions `infra/iam-policy.json` grants, both ways, and fails the run
 * (jest exits 1) on a difference: an action called but not granted would be AccessDenied in
 * production; one granted but never called is a dead grant. After a partial run (a path pattern, a
 * shard, `-t`, a test file that could not run) the calls seen are a subset, so it says it skipped.
 *
 * Node built-ins only: jest loads this file outside its module system, where the project's
 * `.js`-suffixed imports of TypeScript files do not resolve. policy-check.test.ts checks that the
 * names below match test-rig/aws-calls.ts.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CALLS_DIR_ENV = 'DEPLOY_COORDINATOR_AWS_CALLS_DIR';
export const CALLS_FILE_PREFIX = 'calls-';
export const SUITES_FILE_PREFIX = 'suites-';
export const POLICY_FILE = 'infra/iam-policy.json';
/** What an operator's role adds for `doctor` (a Scan and a DeleteItem no workflow needs). */
export const OPERATOR_POLICY_FILE = 'infra/iam-operator-policy.json';

/**
 * What the workflow's own deploy step calls (test-rig/fixtures/deploy-step.mjs, with a plain SDK
 * client that the stand-in cannot tell from the product's): deploying is not the coordinator's job,
 * so these are left out of the calls and must never be granted by its policy.
 */
export const DEPLOY_STEP_ACTIONS: readonly string[] = [
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack'
];

interface PolicyDocument {
  Statement: Array<{ Action?: string | string[] }>;
}

/** The actions a policy document grants. */
export function grantedActions(policy: PolicyDocument): Set<string> {
  return new Set(
    policy.Statement.flatMap((s) =>
      s.Action === undefined ? [] : typeof s.Action === 'string' ? [s.Action] : s.Action
    )
  );
}

/** Problems between what was called and what is granted; [] when they are the same set. */
export function comparePolicy(called: ReadonlySet<string>, granted: ReadonlySet<string>): string[] {
  const deploy = new Set(DEPLOY_STEP_ACTIONS);
  const product = [...called].filter((a) => !deploy.has(a));
  const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
  const notGranted = sorted(product.filter((a) => !granted.has(a)));
  const neverCalled = sorted([...granted].filter((a) => !called.has(a) || deploy.has(a)));
  return [
    ...notGranted.map((a) => `called but not granted: ${a}`),
    ...neverCalled.map((a) =>
      deploy.has(a)
        ? `granted but the deploy step's, not the coordinator's: ${a}`
        : `granted but never called: ${a}`
    )
  ];
}

/** Non-empty lines of the files in `dir` whose names start with `prefix`. */
function linesOf(dir: string, prefix: string): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    for (const l of readFileSync(join(dir, f), 'utf8').split('\n')) if (l !== '') out.add(l);
  }
  return out;
}

/** Every test file jest would run with no filter (testMatch `<rootDir>/__tests__/**\/*.test.ts`). */
export function allTestFiles(rootDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  walk(join(rootDir, '__tests__'));
  return out.sort();
}

/** Why the check cannot run after this run, or undefined when every test file ran to its end. */
export function partialRun(
  expected: readonly string[],
  done: ReadonlySet<string>,
  testNamePattern: string | undefined
): string | undefined {
  if (testNamePattern) return `a test name pattern (${testNamePattern}) was given`;
  const missing = expected.filter((f) => !done.has(f));
  if (missing.length === 0) return undefined;
  return `${expected.length - missing.length} of ${expected.length} test files ran to their end`;
}

export default function globalTeardown(globalConfig: {
  rootDir: string;
  testNamePattern?: string;
  testPathPattern?: string;
  shard?: unknown;
}): void {
  const dir = process.env[CALLS_DIR_ENV];
  if (dir === undefined || !existsSync(dir)) return;
  try {
    const { rootDir } = globalConfig;
    const skipped = partialRun(
      allTestFiles(rootDir),
      linesOf(dir, SUITES_FILE_PREFIX),
      globalConfig.testNamePattern
    );
    // Every file selected (no path pattern, shard or name pattern): each must run to its end, or
    // the check would pass on the calls of fewer files (a file whose tests are all skipped never
    // reports, and a skipped test is a defect anyway).
    const everyFile =
      !globalConfig.testPathPattern && !globalConfig.shard && !globalConfig.testNamePattern;
    if (skipped !== undefined && everyFile)
      throw new Error(
        `IAM policy check could not run: ${skipped}, though the run selected every test file. A test file with no test that runs to its end (all skipped, or none) leaves the check without its calls.`
      );
    if (skipped !== undefined) {
      console.log(`IAM policy check skipped: ${skipped}; it needs a run of the whole suite.`);
      return;
    }
    const policyPath = join(rootDir, POLICY_FILE);
    // The workflow's policy and the operator's addition together: each grant is called somewhere.
    const granted = new Set(
      [POLICY_FILE, OPERATOR_POLICY_FILE].flatMap((f) => [
        ...grantedActions(JSON.parse(readFileSync(join(rootDir, f), 'utf8')) as PolicyDocument)
      ])
    );
    const problems = comparePolicy(linesOf(dir, CALLS_FILE_PREFIX), granted);
    if (problems.length > 0) {
      throw new Error(
        `${relative(rootDir, policyPath)} and ${OPERATOR_POLICY_FILE} do not match the AWS actions the product called ` +
          `in this run (recorded by the stand-ins, see test-rig/aws-calls.ts):\n` +
          problems.map((p) => `  - ${p}`).join('\n') +
          '\nUpdate the policy (and infra/registry-table.yml, infra/README.md, README.md), or, ' +
          'if other tests failed, fix those first: a failed test may not have made its calls.'
      );
    }
    console.log(
      `IAM policy check: the ${granted.size} action${granted.size === 1 ? '' : 's'} ${POLICY_FILE} and ${OPERATOR_POLICY_FILE} grant are exactly those the product called.`
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
