/**
 * Which AWS actions the product calls, recorded by the stand-ins across a whole jest run, so that a
 * check after the run can compare them with `infra/iam-policy.json` (see `__tests__/iam/`).
 *
 * When `AWS_CALLS_DIR_ENV` names a directory (jest's global setup creates one and sets it before
 * the workers start), the CloudFormation stand-in (by `Action=`) and the DynamoDB rig (by
 * `X-Amz-Target`) append each action they receive, once per module instance (per test file under
 * jest), as `cloudformation:X` / `dynamodb:X` lines to `calls-<pid>.txt` there. Unset (a bench,
 * the demo, a soak), nothing is written. The CloudWatch Logs stand-in records the same way
 * (`logs:X`, by `X-Amz-Target`).
 *
 * Counted: every request that reaches a stand-in, whatever its answer (a throttled or failed call
 * was still made), except
 * - the rig's own requests (the DynamoDB rig's table set-up and `items()`): they never reach the
 *   recorder;
 * - requests that carry `TEST_CALLER_HEADER`: a test's own reads and writes, e.g. seeding the table
 *   or checking a stack. `asTestCaller(client)` adds it to an SDK client; the DynamoDB rig's `doc()`
 *   clients carry it (the product's registry takes a plain `DynamoDBClient`, never a document
 *   client).
 * The product never sends the header: its SDK clients are its own (`src/aws`, `src/registry`).
 * The User-Agent cannot tell them apart: a test's SDK client and the product's (bundled or not) are
 * the same SDK at the same version and send the same one. The workflow's deploy step
 * (`fixtures/deploy-step.mjs`) sends no header either: the check leaves its CreateStack/UpdateStack
 * out (`DEPLOY_STEP_ACTIONS` in `__tests__/iam/global-teardown.ts`).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';

/** The directory the stand-ins record actions in (set by jest's global setup). */
export const AWS_CALLS_DIR_ENV = 'DEPLOY_COORDINATOR_AWS_CALLS_DIR';
/** A request with this header is a test's own, not the product's: it is not recorded. */
export const TEST_CALLER_HEADER = 'x-test-rig-caller';
/** Headers for a test's own raw requests (`fetch`). */
export const TEST_CALLER_HEADERS: Readonly<Record<string, string>> = {
  [TEST_CALLER_HEADER]: 'test'
};
/** Prefix of the files actions are recorded in (`calls-<pid>.txt`). */
export const CALLS_FILE_PREFIX = 'calls-';

/** IAM's service prefixes: `logs` is CloudWatch Logs (the stand-in records by `X-Amz-Target`). */
export type AwsService = 'cloudformation' | 'dynamodb' | 'logs';

/** Actions this process has already written, per directory (one line per action is enough). */
const written = new Map<string, Set<string>>();

export function isTestCaller(req: IncomingMessage): boolean {
  return req.headers[TEST_CALLER_HEADER] !== undefined;
}

/** Records `service:action` for the check after the run, unless the request is a test's own. */
export function recordAwsCall(service: AwsService, action: string, req: IncomingMessage): void {
  const dir = process.env[AWS_CALLS_DIR_ENV];
  if (dir === undefined || dir === '' || isTestCaller(req)) return;
  const name = `${service}:${action === '' ? '(no action)' : action}`;
  const seen = written.get(dir) ?? new Set<string>();
  written.set(dir, seen);
  if (seen.has(name)) return;
  seen.add(name);
  appendFileSync(join(dir, `${CALLS_FILE_PREFIX}${process.pid}.txt`), `${name}\n`);
}

/** The one use `asTestCaller` makes of an SDK v3 client's middleware stack (generic there). */
interface BuildStep {
  add(
    middleware: (
      next: (args: { request: unknown }) => Promise<unknown>
    ) => (args: { request: unknown }) => Promise<unknown>,
    options: { step: 'build'; name: string }
  ): void;
}

/** Marks every request of an SDK v3 client as a test's own (not recorded); returns the client. */
export function asTestCaller<C extends { middlewareStack: object }>(client: C): C {
  (client.middlewareStack as BuildStep).add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers[TEST_CALLER_HEADER] = 'test';
      return next(args);
    },
    { step: 'build', name: 'testRigTestCaller' }
  );
  return client;
}

/** Prefix of the files that list the test files that ran to their end (`suites-<pid>.txt`). */
export const SUITES_FILE_PREFIX = 'suites-';

/** Notes that a test file ran to its end (jest's `setupFilesAfterEnv` calls it in `afterAll`). */
export function recordSuiteDone(testPath: string): void {
  const dir = process.env[AWS_CALLS_DIR_ENV];
  if (dir === undefined || dir === '') return;
  appendFileSync(join(dir, `${SUITES_FILE_PREFIX}${process.pid}.txt`), `${testPath}\n`);
}
