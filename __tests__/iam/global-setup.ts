/**
 * jest globalSetup: the directory in which the stand-ins record the product's AWS calls during the
 * run (test-rig/aws-calls.ts), passed to the workers, which start after this, in the environment.
 *
 * Node built-ins only: jest loads this file outside its module system, where the project's
 * `.js`-suffixed imports of TypeScript files do not resolve.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Plain JavaScript with Node built-ins: loads outside jest's module system too.
import { buildActionBundles } from '../../scripts/action-bundles.js';

/** Same as AWS_CALLS_DIR_ENV in test-rig/aws-calls.ts (policy-check.test.ts checks). */
export const CALLS_DIR_ENV = 'DEPLOY_COORDINATOR_AWS_CALLS_DIR';

/** Whether the run includes a suite that runs the bundles (all of them, or a path pattern matching one). */
function runsBundles(rootDir: string, testPathPattern: string): boolean {
  if (!testPathPattern) return true;
  const pattern = new RegExp(testPathPattern, 'i');
  const dir = join(rootDir, '__tests__', 'e2e');
  return readdirSync(dir).some((f) => f.endsWith('.test.ts') && pattern.test(join(dir, f)));
}

export default async function globalSetup(globalConfig: {
  rootDir: string;
  testPathPattern?: string;
}): Promise<void> {
  process.env[CALLS_DIR_ENV] = mkdtempSync(join(tmpdir(), 'deploy-coordinator-aws-calls-'));
  // The AWS SDK's notice on Node 20 (the action itself runs on node24): the workers and the
  // processes they start inherit this, so a test's output starts with its own lines.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // The end-to-end suites run bundles built from src/ as it is now (never the committed dist/);
  // a run of other suites only does not wait for them.
  if (runsBundles(globalConfig.rootDir, globalConfig.testPathPattern ?? ''))
    await buildActionBundles();
}
