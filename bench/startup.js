// Start-up cost of each stage's bundle: the median wall time of `node <bundle>`
// failing fast on a missing input, next to `node -e 0` on the same machine.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const STAGES = ['pre', 'coordinate', 'monitor', 'finalize'];

// Nothing of the runner's environment: the stage must fail on the missing stack-name.
const env = { PATH: process.env.PATH ?? '' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// finalize tolerates bad input (pre already failed the job); the others fail the step.
const FAILS_FAST = /'stack-name' is required|The inputs are invalid/;

function time(args, expectFailure) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (expectFailure && !FAILS_FAST.test(r.stdout)) {
      throw new Error(
        `${args.join(' ')} did not fail fast on the missing input:\n${r.stdout}${r.stderr}`
      );
    }
  }
  return median(samples);
}

const baseline = time(['-e', '0'], false);
const rows = [['node -e 0', baseline]];
for (const stage of STAGES)
  rows.push([`dist/${stage}/index.js`, time([`dist/${stage}/index.js`], true)]);

console.log(
  `Start-up: median of ${RUNS} runs, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}\n`
);
console.log('| command | median ms | × node -e 0 |');
console.log('|---|---:|---:|');
for (const [name, ms] of rows)
  console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / baseline).toFixed(2)} |`);
