// jest testSequencer: the longest test files start first, so that none of them starts last and
// runs on alone while the other workers are idle. jest's own order does that from the timings it
// cached on an earlier run; a clean clone has none, and jest would fall back to file size, which
// starts the property schedules and the end-to-end suites (processes on real timers) late. For a
// file without a cached timing this guesses by its directory instead, then by size.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { sep } from 'node:path';

const require = createRequire(import.meta.url);
const { default: Sequencer } = require('@jest/test-sequencer');

/**
 * Seconds the slowest files took in a run of the whole suite on 2 cores (December 2026), for files
 * never timed: a hint only, so a stale entry costs a little order, never a result.
 */
const MEASURED = {
  'e2e/nested-monitor.test.ts': 80,
  'e2e/lock-safety-d-f.test.ts': 70,
  'e2e/freeze.test.ts': 65,
  'e2e/registry-doctor.test.ts': 60,
  'e2e/bad-input.test.ts': 55,
  'e2e/cli.test.ts': 45,
  'e2e/operation-ids.test.ts': 45,
  'e2e/lock-safety-a-c.test.ts': 42,
  'e2e/what-people-read.test.ts': 38,
  'e2e/lock-safety-g-i.test.ts': 35,
  'property/corrupt-fallback.test.ts': 3
};

/** Rough seconds a file of each directory takes (the slowest first), for files never timed. */
const GUESS = [
  [`${sep}property${sep}`, 60],
  [`${sep}e2e${sep}`, 20],
  [`${sep}stages${sep}`, 5],
  [`${sep}rig${sep}`, 3]
];

const guess = (path) => {
  const known = Object.entries(MEASURED).find(([f]) =>
    path.endsWith(`${sep}${f.replace('/', sep)}`)
  );
  if (known) return known[1] * 1000;
  const dir = GUESS.find(([d]) => path.includes(d));
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // A file that went away: jest says so when it runs it.
  }
  return (dir ? dir[1] : 1) * 1000 + size / 1000;
};

export default class SlowestFirst extends Sequencer {
  sort(tests) {
    const keyed = tests.map((test) => {
      const cached = this.time(test);
      if (cached != null) test.duration = cached;
      return { test, ms: cached ?? guess(test.path), failed: this.hasFailed(test) };
    });
    keyed.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms));
    return keyed.map((k) => k.test);
  }
}
