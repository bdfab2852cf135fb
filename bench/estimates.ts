// Estimator benchmark: how far the estimate is from the next deployment's duration, on synthetic
// histories (deterministic: seeded durations with noise), through the product's own path from the
// first day: each stack's past operations as CloudFormation's events (newest 5 pages of 100 kept,
// as the adapter reads them), parsed (pastOperations), kept as history entries and estimated
// (historyEstimate), then compared with the held-out next successful duration.
//
//   APE = |estimate - actual| / actual, per held-out deployment; the table gives its median and
//   p90 (ratios: 0.10 is 10 %), how often the actual fell within the estimate's p20 to p80, and
//   the same median for the 30-minute fallback every first deployment had before.
//
// Pure computation: the numbers are the same on every machine.
// Build and run:  npx tsc -p tsconfig.tools.json && node .tmp/tools/bench/estimates.js
import { DEFAULT_EXPECTED_DURATION_MS } from '../src/config/config.js';
import { percentile } from '../src/domain/estimate.js';
import { historyEstimate, type KnownDeployment } from '../src/domain/expectation.js';
import {
  durationMs,
  pastOperationId,
  pastOperations,
  type PastOperation
} from '../src/domain/past-operations.js';
import { STACK_RESOURCE_TYPE, type StackEvent } from '../src/domain/stack.js';

const MIN = 60_000;
/** What the adapter reads of a stack's events: 5 pages of 100. */
const EVENTS_READ = 500;
/** Deployments in each synthetic history, and how many come before the first held out. */
const OPERATIONS = 60;
const FIRST_HELD_OUT = 3;
const RESOURCES = ['Api', 'Queue', 'Table', 'Role', 'Db'];

/** mulberry32: a small seeded generator, so every run draws the same histories. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normal draw (Box-Muller) from a uniform one. */
const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

interface Drawn {
  readonly ms: number;
  readonly rolledBack: boolean;
}

interface Scenario {
  readonly name: string;
  /** The i-th deployment of a stack (0-based). */
  readonly draw: (i: number, random: () => number) => Drawn;
  /** Stacks deployed together, each drawn on its own; the actual is their sum (CDK deploys them in turn). */
  readonly stacks?: number;
}

const around = (ms: number, noise: number, random: () => number): number =>
  Math.max(10_000, Math.round(ms * (1 + noise * normal(random))));

const SCENARIOS: Scenario[] = [
  {
    name: 'steady 4 min, 10 % noise',
    draw: (_, r) => ({ ms: around(4 * MIN, 0.1, r), rolledBack: false })
  },
  {
    name: 'steady 4 min, 30 % noise',
    draw: (_, r) => ({ ms: around(4 * MIN, 0.3, r), rolledBack: false })
  },
  {
    name: 'bimodal: 2 min, 1 in 4 a 9 min database change',
    draw: (_, r) => ({ ms: around(r() < 0.25 ? 9 * MIN : 2 * MIN, 0.1, r), rolledBack: false })
  },
  {
    name: 'drift: 3 min growing to 6 min, 10 % noise',
    draw: (i, r) => ({ ms: around((3 + (3 * i) / OPERATIONS) * MIN, 0.1, r), rolledBack: false })
  },
  {
    name: '4 min, 1 in 8 rolled back after 15 to 25 min',
    draw: (_, r) =>
      r() < 0.125
        ? { ms: Math.round((15 + 10 * r()) * MIN), rolledBack: true }
        : { ms: around(4 * MIN, 0.1, r), rolledBack: false }
  },
  {
    name: 'two stacks deployed together, 3 and 5 min, 15 % noise (sum of medians)',
    stacks: 2,
    draw: (i, r) => ({ ms: around(i % 2 === 0 ? 3 * MIN : 5 * MIN, 0.15, r), rolledBack: false })
  }
];

/** A stack's operations as CloudFormation's events, oldest first (the stand-in's shape). */
function eventsOf(stack: string, drawn: readonly Drawn[]): StackEvent[] {
  const events: StackEvent[] = [];
  let seq = 0;
  const push = (at: number, logicalId: string, status: string): void => {
    events.push({
      id: `${logicalId}-${++seq}`,
      stackName: stack,
      timestamp: new Date(at),
      logicalId,
      resourceType: logicalId === stack ? STACK_RESOURCE_TYPE : `AWS::Bench::${logicalId}`,
      status
    });
  };
  drawn.forEach((d, i) => {
    const start = Date.UTC(2026, 0, 1) + i * 24 * 60 * MIN;
    push(start, stack, 'UPDATE_IN_PROGRESS');
    const slot = (d.ms * 0.8) / RESOURCES.length;
    RESOURCES.forEach((r, k) => {
      const from = start + d.ms * 0.05 + k * slot;
      push(from, r, 'UPDATE_IN_PROGRESS');
      const fails = d.rolledBack && k === RESOURCES.length - 1;
      push(from + slot * 0.9, r, fails ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE');
    });
    push(
      start + d.ms * 0.9,
      stack,
      d.rolledBack ? 'UPDATE_ROLLBACK_IN_PROGRESS' : 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
    );
    push(start + d.ms, stack, d.rolledBack ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_COMPLETE');
  });
  return events;
}

const entry = (op: PastOperation): KnownDeployment => ({
  correlationId: pastOperationId(op),
  outcome: op.succeeded ? 'succeeded' : 'failed',
  durationMs: durationMs(op),
  stacks: [op.stack]
});

interface Result {
  readonly name: string;
  readonly heldOut: number;
  readonly ape: number[];
  readonly within: number;
  readonly fallbackApe: number[];
  readonly firstDayApe: number;
}

function run(scenario: Scenario, seed: number): Result {
  const random = generator(seed);
  const stacks = Array.from({ length: scenario.stacks ?? 1 }, (_, k) => `Stack${k + 1}`);
  const drawn = stacks.map((_, k) =>
    Array.from({ length: OPERATIONS }, (__, i) => scenario.draw(i * stacks.length + k, random))
  );
  const ape: number[] = [];
  const fallbackApe: number[] = [];
  let within = 0;
  for (let i = FIRST_HELD_OUT; i < OPERATIONS; i++) {
    // The next deployment must succeed on every stack to be held out.
    if (drawn.some((d) => d[i]!.rolledBack)) continue;
    const actual = drawn.reduce((sum, d) => sum + d[i]!.ms, 0);
    // What the adapter would read: the newest events of the operations before this one.
    const history = stacks
      .flatMap((stack, k) =>
        pastOperations(stack, eventsOf(stack, drawn[k]!.slice(0, i)).slice(-EVENTS_READ))
          .filter((op) => op.succeeded)
          .map(entry)
      )
      .reverse();
    const e = historyEstimate(history, stacks);
    if (!e) continue;
    ape.push(Math.abs(e.expectedMs - actual) / actual);
    fallbackApe.push(Math.abs(DEFAULT_EXPECTED_DURATION_MS - actual) / actual);
    if (actual >= e.lowMs && actual <= e.highMs) within++;
  }
  return {
    name: scenario.name,
    heldOut: ape.length,
    ape,
    within,
    fallbackApe,
    firstDayApe: ape[0]!
  };
}

const ratio = (n: number | undefined): string => (n === undefined ? 'n/a' : n.toFixed(2));

function main(): void {
  console.log(
    `## Estimator benchmark\n\n` +
      `Synthetic histories of ${OPERATIONS} deployments per stack (seeded), estimated from the ` +
      `first day through CloudFormation's event history (the newest ${EVENTS_READ} events), each ` +
      `deployment from the ${FIRST_HELD_OUT + 1}th on held out and compared with the estimate ` +
      `made before it. Errors are ratios of the actual duration.\n`
  );
  console.log(
    '| history | held out | median APE | p90 APE | within p20 to p80 | first held out APE | 30 min fallback median APE |'
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const all: number[] = [];
  const worse: string[] = [];
  SCENARIOS.forEach((scenario, k) => {
    const r = run(scenario, 0x5eed + k);
    all.push(...r.ape);
    if (!(percentile(r.ape, 0.5)! < percentile(r.fallbackApe, 0.5)!)) worse.push(r.name);
    console.log(
      `| ${r.name} | ${r.heldOut} | ${ratio(percentile(r.ape, 0.5))} | ${ratio(percentile(r.ape, 0.9))} | ` +
        `${ratio(r.within / r.heldOut)} | ${ratio(r.firstDayApe)} | ${ratio(percentile(r.fallbackApe, 0.5))} |`
    );
  });
  console.log(
    `| all | ${all.length} | ${ratio(percentile(all, 0.5))} | ${ratio(percentile(all, 0.9))} | - | - | - |`
  );
  if (worse.length > 0)
    throw new Error(`bench: no better than the fallback on ${worse.join('; ')}`);
}

main();
