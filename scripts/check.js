// npm test: the type check, the typed lint and the format check side by side, then jest (whose
// global setup builds the end-to-end bundles from src/ first); any failure fails the run. jest's
// output streams as it comes; each check's is printed at the end, with how long it took.
import { spawn } from 'node:child_process';

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

// The checks first, side by side; then jest on its own, so that its end-to-end suites (real
// processes on real timers) do not share the cores with the lint.
const checks = await Promise.all([
  run('typecheck', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']),
  run('lint', ['node_modules/eslint/bin/eslint.js', '.']),
  run('format', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.'])
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
