/**
 * npm run soak: many schedules of the real coordinate, monitor and finalize (schedules.ts), on
 * both cores (one worker process each, with its own dynalite), a few schedules at a time per
 * worker. Prints every violation with its schedule, then, as its last line:
 *   N schedules, N grants, N violations
 * Options: --schedules N (default 10000), --from SEED (default 1), --workers N (default: cores).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoRig } from './dynamo-rig.js';
import {
  checkSchedule,
  cloudFormationOnlyGrants,
  corruptBlocked,
  drawSchedule,
  grants,
  narrate,
  partitionedGrants,
  runSchedule,
  scratchRunnerTemp
} from './schedules.js';

interface Tally {
  schedules: number;
  grants: number;
  cloudFormationOnly: number;
  partitioned: number;
  refusedUpdates: number;
  /** Schedules whose LOCK item was made unreadable (it landed before the jobs ended), held or free then. */
  corrupted: number;
  corruptedHeld: number;
  /** Jobs that ended blocked on it (REGISTRY_CORRUPT). */
  corruptBlocked: number;
  violations: number;
  reports: string[];
}

const CONCURRENT = 4;

async function work(from: number, count: number): Promise<Tally> {
  const cleanUp = scratchRunnerTemp();
  const rig = await DynamoRig.start();
  const tally: Tally = {
    schedules: 0,
    grants: 0,
    cloudFormationOnly: 0,
    partitioned: 0,
    refusedUpdates: 0,
    corrupted: 0,
    corruptedHeld: 0,
    corruptBlocked: 0,
    violations: 0,
    reports: []
  };
  let next = from;
  const end = from + count;
  const lane = async (): Promise<void> => {
    while (next < end) {
      const seed = next++;
      const result = await runSchedule(rig, drawSchedule(seed));
      const found = checkSchedule(result);
      tally.schedules++;
      tally.grants += grants(result).length + cloudFormationOnlyGrants(result);
      tally.cloudFormationOnly += cloudFormationOnlyGrants(result);
      tally.partitioned += partitionedGrants(result);
      tally.refusedUpdates += result.cfn.updatesRefused.length;
      if (result.corruption) tally.corrupted++;
      if (result.corruption?.held) tally.corruptedHeld++;
      tally.corruptBlocked += corruptBlocked(result);
      tally.violations += found.length;
      if (found.length > 0) tally.reports.push(`${found.join('\n')}\n${narrate(result)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT }, lane));
  await rig.close();
  cleanUp();
  return tally;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schedules: { type: 'string', default: '10000' },
      from: { type: 'string', default: '1' },
      workers: { type: 'string', default: String(availableParallelism()) },
      worker: { type: 'boolean', default: false }
    }
  });
  const total = Number(values.schedules);
  const from = Number(values.from);
  if (values.worker) {
    const tally = await work(from, total);
    process.send?.(tally, () => process.exit(0));
    return;
  }
  const workers = Math.max(1, Math.min(Number(values.workers), total));
  const started = performance.now();
  const share = Math.ceil(total / workers);
  const tallies = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const count = Math.max(0, Math.min(share, total - i * share));
      return new Promise<Tally>((resolve, reject) => {
        const child = fork(
          fileURLToPath(import.meta.url),
          ['--worker', '--from', String(from + i * share), '--schedules', String(count)],
          { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }
        );
        child.once('message', (m) => resolve(m as Tally));
        child.once('exit', (code) =>
          code === 0 ? undefined : reject(new Error(`soak worker ${i} exited ${code}`))
        );
      });
    })
  );
  const sum = (k: keyof Omit<Tally, 'reports'>): number => tallies.reduce((n, t) => n + t[k], 0);
  for (const t of tallies) for (const r of t.reports) process.stdout.write(`${r}\n\n`);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `seeds ${from} to ${from + total - 1} on ${workers} worker(s) in ${seconds.toFixed(0)} s; ${sum('cloudFormationOnly')} grants on CloudFormation alone (${sum('partitioned')} by a waiter cut off from the table while a holder's lease was live: the fallback's documented limit); ${sum('refusedUpdates')} stack updates refused by CloudFormation because another was in progress; the LOCK item unreadable for a while in ${sum('corrupted')} schedule(s) (${sum('corruptedHeld')} of them while held), ${sum('corruptBlocked')} job(s) ended blocked on it (REGISTRY_CORRUPT)\n`
  );
  process.stdout.write(
    `${sum('schedules')} schedules, ${sum('grants')} grants, ${sum('violations')} violations\n`
  );
  process.exitCode = sum('violations') > 0 ? 1 : 0;
}

await main();
