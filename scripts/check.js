// npm test's first half: the type check, the lint, the format check and the end-to-end bundles
// (built from src/ into .tmp/e2e-action), side by side; any failure fails it, with its output.
import { spawn } from 'node:child_process';
import { buildActionBundles } from './action-bundles.js';

const run = (name, args) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ name, ok: code === 0, output, ms: Date.now() - started }));
  });

const bundles = (async () => {
  const started = Date.now();
  try {
    const built = await buildActionBundles();
    return {
      name: built ? 'bundles' : 'bundles (unchanged)',
      ok: true,
      output: '',
      ms: Date.now() - started
    };
  } catch (err) {
    return {
      name: 'bundles',
      ok: false,
      output: String(err?.stack ?? err),
      ms: Date.now() - started
    };
  }
})();

const results = await Promise.all([
  run('typecheck', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']),
  run('lint', ['node_modules/eslint/bin/eslint.js', '.']),
  run('format', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']),
  bundles
]);
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
  if (!r.ok) console.log(r.output);
}
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
