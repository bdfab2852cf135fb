// npm test: the type check, the typed lint and the format check side by side, with the build of
// the end-to-end bundles from src/ (jest's global setup would build them otherwise: the typed lint
// runs on one core for a while after the others are done, and the build fills the other), then
// jest; any failure fails the run. jest's output streams as it comes, and ends with its slowest
// test files (scripts/jest-timings.js); each check's is printed at the end, with how long it took.
import { spawn } from 'node:child_process';
import { buildActionBundles } from './action-bundles.js';

const run = (name, args, inherit = false) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ name, ok: code === 0, output, ms: Date.now() - started }));
  });

/** The bundles, unless built from these sources already (action-bundles.js keeps them). */
async function bundles() {
  const started = Date.now();
  try {
    const built = await buildActionBundles();
    return {
      name: built ? 'bundles' : 'bundles (unchanged)',
      ok: true,
      output: '',
      ms: Date.now() - started
    };
  } catch (e) {
    return { name: 'bundles', ok: false, output: String(e?.stack ?? e), ms: Date.now() - started };
  }
}

// The checks first, side by side; then jest on its own, so that its end-to-end suites (real
// processes on real timers) do not share the cores with the lint. With a path pattern for jest the
// bundles are left to its global setup, which builds them only when a suite matched needs them.
const checks = await Promise.all([
  run('typecheck', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']),
  run('lint', ['node_modules/eslint/bin/eslint.js', '.']),
  run('format', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']),
  ...(process.argv.slice(2).some((a) => !a.startsWith('-')) ? [] : [bundles()])
]);
const jest = await run(
  'jest',
  [
    '--no-warnings=ExperimentalWarning',
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    ...process.argv.slice(2)
  ],
  true
);
const results = [...checks, jest];
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
  if (!r.ok && r.output) console.log(r.output);
}
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
