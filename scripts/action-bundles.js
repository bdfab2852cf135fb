// The action as the end-to-end tests run it: action.yml and the sub-actions with bundles built
// from src/ as it is now (never the committed dist/), in .tmp/e2e-action. The jest global setup
// builds them once per run; the build is kept while src/, the lock file and the bundler are
// unchanged (keyed by their content), so a rerun without changes starts at once.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the tests' copy of the action lives (test-rig/action-bundles.ts hands it to the tests). */
export const ACTION_ROOT = join(REPO_ROOT, '.tmp', 'e2e-action');

const ACTION_FILES = [
  'action.yml',
  'coordinate/action.yml',
  'finalize/action.yml',
  'monitor/action.yml'
];
const INPUTS = [
  'src',
  'package-lock.json',
  'scripts/bundle.js',
  'tsconfig.json',
  'tsconfig.build.json'
];

const files = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path)
        .sort()
        .flatMap((name) => files(join(path, name)))
    : [path];

/** The content the bundles are built from. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => files(join(REPO_ROOT, p)))) {
    hash.update(relative(REPO_ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Builds the tests' copy of the action unless it was built from exactly these sources. */
export async function buildActionBundles() {
  for (const file of ACTION_FILES) {
    mkdirSync(dirname(join(ACTION_ROOT, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(ACTION_ROOT, file));
  }
  const stamp = join(ACTION_ROOT, 'built-from');
  const hash = sourceHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    await bundle(join(ACTION_ROOT, 'dist'));
  } finally {
    process.chdir(cwd);
  }
  writeFileSync(stamp, hash);
  return true;
}
