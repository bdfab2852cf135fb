/**
 * In-process contenders for the lock property tests: each one is `waitForTurn` with real timers
 * against one registry table, followed (when it acquires) by protected work on a shared
 * in-memory resource, with the holder heartbeating the lock every lease/3 and releasing it at
 * the end, like the detached monitor and finalize do.
 *
 * A crash is a kill -9 as far as the registry can tell: the contender's registry is wrapped in a
 * proxy that, once the contender has crashed, never settles any call again (and swallows the
 * result of a call in flight), so it freezes where it is: no more polls, no ticket or lock
 * heartbeat, no ticket removal, no release. The proxy also records every call (start, result),
 * including the results a crashed contender never saw, so the checks know who held which fence.
 */
import { queueTickets } from '../../test-rig/dynamo-rig.js';
import { performance } from 'node:perf_hooks';
import type { Sleep, StackReader } from '../../src/coordination/ports.js';
import { waitForTurn, type TurnOutcome } from '../../src/coordination/wait-for-turn.js';
import type { StackSnapshot } from '../../src/domain/stack.js';
import { CloudFormationOnlyRegistry } from '../../src/registry/cloudformation-only.js';
import type { Holder, Registry, Ticket } from '../../src/registry/types.js';
import { createLogger, type LogSink } from '../../src/report/logger.js';
import { sleep } from '../../src/stages/runtime.js';

export type Fate = 'normal' | 'cancel' | 'crash-holding' | 'crash-waiting';

export interface ContenderPlan {
  /** When it starts, after the scenario's start. */
  readonly arrivalMs: number;
  /** How long its protected work lasts (crash-holding: how long it works before it crashes). */
  readonly holdMs: number;
  readonly fate: Fate;
  /** cancel: when its signal aborts; crash-waiting: when it is killed (both after its arrival). */
  readonly fateDelayMs: number;
}

export interface Settings {
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
}

/** One monotonic clock for everything: waitForTurn's liveness tracking and the observations. */
export const now = (): number => performance.now();

const NEVER: Promise<never> = new Promise<never>(() => {});

/** A call the contender made to the registry, with the result even if the contender never saw it. */
export interface CallRecord {
  readonly op: string;
  readonly args: readonly unknown[];
  readonly startedAt: number;
  endedAt?: number;
  result?: unknown;
  error?: unknown;
}

/** The contender's process: alive until it crashes. */
class Process {
  crashedAt: number | undefined;
  private onDeath: () => void = () => {};
  readonly died = new Promise<void>((resolve) => {
    this.onDeath = resolve;
  });

  get crashed(): boolean {
    return this.crashedAt !== undefined;
  }

  crash(): void {
    if (this.crashed) return;
    this.crashedAt = now();
    this.onDeath();
  }

  /** Awaits `p`; if the process crashed meanwhile, never goes on. */
  async step<T>(p: Promise<T>): Promise<T> {
    const v = await p;
    if (this.crashed) return NEVER;
    return v;
  }
}

/** The registry as one contender sees it: frozen for good once the contender has crashed. */
function freezing(
  inner: Registry,
  proc: Process,
  log: CallRecord[],
  pending: Set<Promise<unknown>>
): Registry {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return (...args: unknown[]): Promise<unknown> => {
        if (proc.crashed) return NEVER;
        const rec: CallRecord = { op: String(prop), args, startedAt: now() };
        log.push(rec);
        const p = method.apply(target, args);
        const settled = p.then(
          (r) => {
            rec.endedAt = now();
            rec.result = r;
          },
          (e: unknown) => {
            rec.endedAt = now();
            rec.error = e;
          }
        );
        pending.add(settled);
        void settled.then(() => pending.delete(settled));
        return p.then(
          (r) => (proc.crashed ? NEVER : r),
          (e: unknown) => (proc.crashed ? NEVER : Promise.reject(e))
        );
      };
    }
  });
}

/** A stand-in for CloudFormation: every stack stable, nothing in progress. */
export function stableReader(): StackReader {
  return {
    describeStacks: async (names) => names.map(stableStack),
    eventsSince: async () => [],
    currentOperation: async () => ({ events: [] }),
    listResources: async () => [],
    consoleUrl: () => ''
  };
}

const stableStack = (name: string): StackSnapshot => ({
  name,
  exists: true,
  status: 'UPDATE_COMPLETE',
  tags: {},
  outputs: {}
});

const silent: LogSink = {
  info: () => {},
  debug: () => {},
  notice: () => {},
  warning: () => {},
  error: () => {},
  startGroup: () => {},
  endGroup: () => {}
};

/** The protected work's target: records who wrote, with which fencing token, from when to when. */
export interface WorkInterval {
  readonly id: string;
  readonly fence: number;
  readonly start: number;
  end?: number;
  /** The holder crashed while working: its interval ends at the crash. */
  crashed?: boolean;
}

export class Resource {
  readonly intervals: WorkInterval[] = [];

  begin(id: string, fence: number): WorkInterval {
    const w: WorkInterval = { id, fence, start: now() };
    this.intervals.push(w);
    return w;
  }
}

export interface ContenderRun {
  readonly index: number;
  readonly id: string;
  readonly plan: ContenderPlan;
  readonly log: CallRecord[];
  arrivedAt?: number;
  cancelledAt?: number;
  crashedAt?: number;
  outcome?: TurnOutcome;
  work?: WorkInterval;
  /** A lock heartbeat failed while it held the lock: someone took it over. */
  lockLost?: boolean;
  released?: boolean;
  error?: unknown;
}

export interface ScenarioResult {
  readonly environment: string;
  readonly settings: Settings;
  readonly startedAt: number;
  readonly runs: readonly ContenderRun[];
  readonly resource: Resource;
  /** The environment's items (lock, tickets, counter) once every contender is done or dead. */
  readonly items: readonly Record<string, unknown>[];
}

export interface Scenario {
  readonly environment: string;
  readonly settings: Settings;
  readonly plans: readonly ContenderPlan[];
  /** The registry of contender `index` (each may have its own client); the same for all by default. */
  readonly registry: (index: number) => Registry;
  /** The table's items, for the leftover-ticket check. */
  readonly items: () => Promise<Record<string, unknown>[]>;
}

/** Runs every contender to its end (done, or dead) and returns what happened. */
export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const resource = new Resource();
  const pending = new Set<Promise<unknown>>();
  const startedAt = now();
  const runs = s.plans.map((plan, index): ContenderRun => ({
    index,
    id: `c${String(index).padStart(2, '0')}-${plan.fate}`,
    plan,
    log: []
  }));
  await Promise.all(
    runs.map((run) => runContender(run, s.registry(run.index), s, resource, pending))
  );
  // Let calls still in flight (a crashed contender's) land, so that the records and the table agree.
  while (pending.size > 0) await Promise.allSettled([...pending]);
  const pk = `ENV#${s.environment}`;
  const items = (await s.items()).filter((i) => i['pk'] === pk);
  return { environment: s.environment, settings: s.settings, startedAt, runs, resource, items };
}

async function runContender(
  run: ContenderRun,
  inner: Registry,
  s: Scenario,
  resource: Resource,
  pending: Set<Promise<unknown>>
): Promise<void> {
  const { plan } = run;
  const { leaseMs, pollIntervalMs, timeoutMs } = s.settings;
  const env = s.environment;
  const proc = new Process();
  const registry = freezing(inner, proc, run.log, pending);
  const crash = (): void => {
    if (proc.crashed) return;
    proc.crash();
    run.crashedAt = proc.crashedAt;
    if (run.work && run.work.end === undefined) {
      run.work.end = proc.crashedAt;
      run.work.crashed = true;
    }
  };
  const realSleep: Sleep = sleep;

  const body = async (): Promise<void> => {
    await realSleep(plan.arrivalMs);
    run.arrivedAt = now();
    const cancel = new AbortController();
    const timers: ReturnType<typeof setTimeout>[] = [];
    if (plan.fate === 'cancel')
      timers.push(
        setTimeout(() => {
          run.cancelledAt = now();
          cancel.abort();
        }, plan.fateDelayMs)
      );
    if (plan.fate === 'crash-waiting') timers.push(setTimeout(crash, plan.fateDelayMs));
    try {
      const stacks = ['AppStack'];
      const outcome = await proc.step(
        waitForTurn(
          {
            reader: stableReader(),
            clock: { now },
            sleep: realSleep,
            log: createLogger(run.id, silent),
            registry,
            fallback: () => new CloudFormationOnlyRegistry()
          },
          {
            me: {
              correlationId: run.id,
              owner: `owner-${run.id}`,
              environment: env,
              stacks,
              run: { runId: String(1000 + run.index), runAttempt: '1' },
              leaseMs
            },
            arrival: stacks.map(stableStack),
            timeoutMs,
            pollIntervalMs,
            expectedMs: 1_000,
            estimateBasis: 'property test',
            skipSuperseded: false,
            signal: cancel.signal
          }
        )
      );
      run.outcome = outcome;
      if (outcome.kind !== 'acquired' || !outcome.holder) return;
      await hold(outcome.holder);
    } finally {
      for (const t of timers) clearTimeout(t);
    }
  };

  /** The protected work, with the lock heartbeat (every lease/3) alongside, then the release. */
  const hold = async (holder: Holder): Promise<void> => {
    const fence = holder.fence;
    run.work = resource.begin(run.id, fence);
    const stopBeats = new AbortController();
    const beats = (async (): Promise<void> => {
      for (;;) {
        await proc.step(realSleep(leaseMs / 3, stopBeats.signal));
        if (stopBeats.signal.aborted) return;
        if (
          !(await proc.step(
            registry.heartbeatLock(env, { owner: `owner-${run.id}`, fence, correlationId: run.id })
          ))
        ) {
          run.lockLost = true;
          return;
        }
      }
    })();
    await proc.step(realSleep(plan.holdMs));
    if (plan.fate === 'crash-holding') {
      crash();
      return NEVER;
    }
    run.work.end = now();
    stopBeats.abort();
    await proc.step(beats);
    run.released = await proc.step(
      registry.release(env, { owner: `owner-${run.id}`, fence, correlationId: run.id }, 'succeeded')
    );
  };

  try {
    await Promise.race([body(), proc.died]);
  } catch (err) {
    run.error = err;
  }
}

// ---------------------------------------------------------------------------------------------
// The checks

export interface Acquisition {
  readonly id: string;
  readonly fence: number;
  /** When the acquire call went out: the lock write happened after this. */
  readonly callStart: number;
  /** When its result came back (undefined: the contender died first). */
  readonly callEnd?: number;
}

const MARGIN_MS = 1;

const fmt = (ms: number): string => ms.toFixed(1);

/** Every acquisition that the table applied, by fence (the acquire's result, seen or not). */
export function acquisitions(result: ScenarioResult): Acquisition[] {
  const out: Acquisition[] = [];
  for (const run of result.runs)
    for (const rec of run.log) {
      const holder = rec.result as Holder | undefined;
      if (rec.op === 'acquire' && holder)
        out.push({
          id: run.id,
          fence: holder.fence,
          callStart: rec.startedAt,
          callEnd: rec.endedAt
        });
    }
  return out.sort((a, b) => a.fence - b.fence);
}

/** The seqs of the tickets a contender was given, in order (the first one is its arrival). */
export const seqs = (run: ContenderRun): number[] =>
  run.log.flatMap((r) => (r.op === 'enqueue' && r.result ? [(r.result as Ticket).seq] : []));

/** Whether a contender died holding the lock (it acquired, and never got a release applied). */
export function diedHolding(run: ContenderRun): boolean {
  if (run.crashedAt === undefined) return false;
  const acquired = run.log.some((r) => r.op === 'acquire' && r.result);
  const released = run.log.some((r) => r.op === 'release' && r.result === true);
  return acquired && !released;
}

/** What happened, one line per contender, for failure messages. */
export function narrate(result: ScenarioResult): string {
  const t0 = result.startedAt;
  const rel = (t: number | undefined): string => (t === undefined ? '-' : fmt(t - t0));
  const lines = result.runs.map((r) => {
    const p = r.plan;
    const parts = [
      `${r.id}: arrival ${p.arrivalMs} hold ${p.holdMs} fateDelay ${p.fateDelayMs}`,
      `seq ${seqs(r).join(',') || '-'}`,
      `outcome ${r.outcome?.kind ?? (r.crashedAt !== undefined ? 'dead' : '?')}`,
      `fence ${r.outcome?.holder?.fence ?? '-'}`,
      `work ${r.work ? `[${rel(r.work.start)}, ${rel(r.work.end)}]` : '-'}`
    ];
    if (r.crashedAt !== undefined) parts.push(`crashed ${rel(r.crashedAt)}`);
    if (r.cancelledAt !== undefined) parts.push(`cancelled ${rel(r.cancelledAt)}`);
    if (r.outcome?.tookOver) parts.push(`took over from ${r.outcome.tookOver.from.correlationId}`);
    if (r.lockLost) parts.push('LOCK LOST');
    if (r.error !== undefined) parts.push(`error ${String(r.error)}`);
    return `  ${parts.join('; ')}`;
  });
  const s = result.settings;
  return [
    `environment ${result.environment}, lease ${s.leaseMs} ms, poll ${s.pollIntervalMs} ms (times in ms since start):`,
    ...lines,
    `  acquisitions: ${acquisitions(result)
      .map((a) => `#${a.fence} ${a.id} @${rel(a.callStart)}`)
      .join(', ')}`
  ].join('\n');
}

/** Property 1: protected work never overlaps (a crashed holder's ends at its crash), fences increase. */
export function checkExclusion(result: ScenarioResult): string[] {
  const out: string[] = [];
  const work = [...result.resource.intervals].sort((a, b) => a.start - b.start);
  const at = (t: number | undefined): string =>
    t === undefined ? 'never' : fmt(t - result.startedAt);
  let previous: WorkInterval | undefined;
  /** The interval that ends last among those that started before. */
  let latest: WorkInterval | undefined;
  for (const w of work) {
    if (w.end === undefined) out.push(`${w.id}'s work never ended, and it did not crash`);
    if (latest && (latest.end ?? Infinity) > w.start)
      out.push(
        `${w.id} (fence ${w.fence}) started work at ${at(w.start)} while ${latest.id} (fence ${latest.fence}) was at it until ${at(latest.end)}`
      );
    if (previous && w.fence <= previous.fence)
      out.push(
        `the resource saw fence ${w.fence} (${w.id}) after fence ${previous.fence} (${previous.id})`
      );
    previous = w;
    if (!latest || (w.end ?? Infinity) > (latest.end ?? Infinity)) latest = w;
  }
  for (const r of result.runs) if (r.lockLost) out.push(`${r.id} lost the lock while holding it`);
  return out;
}

/** Property 2: live (`normal`) waiters acquire, once queued, in the order of their ticket seqs. */
export function checkArrivalOrder(result: ScenarioResult): string[] {
  const out: string[] = [];
  const live = result.runs.filter((r) => r.plan.fate === 'normal');
  for (const r of live) {
    const s = seqs(r);
    if (s.length !== 1)
      out.push(
        `${r.id} was queued ${s.length} times (seqs ${s.join(', ')}): judged dead while alive?`
      );
  }
  const order = live
    .filter((r) => r.outcome?.holder)
    .sort((a, b) => a.outcome!.holder!.fence - b.outcome!.holder!.fence);
  for (let i = 1; i < order.length; i++) {
    const a = order[i - 1]!;
    const b = order[i]!;
    const sa = seqs(a)[0] ?? NaN;
    const sb = seqs(b)[0] ?? NaN;
    if (!(sa < sb))
      out.push(
        `${b.id} (ticket #${sb}) acquired fence ${b.outcome!.holder!.fence} after ${a.id} (ticket #${sa}, fence ${a.outcome!.holder!.fence}): not in arrival order`
      );
  }
  return out;
}

/**
 * Property 3: a lock whose holder died is taken over only once its heartbeat has stood still for
 * the lease (from the last lock write the dead holder sent), and every live waiter gets its turn.
 */
export function checkTakeover(result: ScenarioResult): string[] {
  const out: string[] = [];
  const { leaseMs } = result.settings;
  const acq = acquisitions(result);
  const fences = acq.map((a) => a.fence);
  if (new Set(fences).size !== fences.length)
    out.push(`two acquisitions returned the same fence: ${fences.join(', ')}`);
  for (let i = 0; i < acq.length; i++)
    if (acq[i]!.fence !== i + 1) {
      out.push(`fences are not 1..n in acquisition order: ${fences.join(', ')}`);
      break;
    }
  const byId = new Map(result.runs.map((r) => [r.id, r]));
  for (const dead of result.runs.filter(diedHolding)) {
    const mine = acq.find((a) => a.id === dead.id);
    if (!mine) continue;
    const beats = dead.log.filter((r) => r.op === 'heartbeatLock' && r.result === true);
    const lastWrite = Math.max(mine.callStart, ...beats.map((r) => r.startedAt));
    const next = acq.find((a) => a.fence === mine.fence + 1);
    if (!next) continue; // nobody came after it (every later contender was cancelled or died)
    const after = next.callStart - lastWrite;
    if (after < leaseMs - MARGIN_MS)
      out.push(
        `${next.id} took the lock (fence ${next.fence}) ${fmt(after)} ms after ${dead.id}'s last lock write (fence ${mine.fence}): less than the lease of ${leaseMs} ms`
      );
    const taker = byId.get(next.id);
    if (taker?.outcome && taker.outcome.tookOver?.from.correlationId !== dead.id)
      out.push(`${next.id} acquired after ${dead.id} died holding the lock without a takeover`);
  }
  for (const r of result.runs) {
    if (r.error !== undefined) out.push(`${r.id} failed: ${String(r.error)}`);
    if (r.outcome && r.outcome.registry.kind !== 'dynamodb')
      out.push(`${r.id} fell back to ${r.outcome.registry.kind}: ${r.outcome.fallbackReason}`);
    if (r.plan.fate === 'normal' && r.outcome?.kind !== 'acquired')
      out.push(`${r.id} (normal) ended with ${r.outcome?.kind ?? 'nothing'} instead of acquiring`);
    if (r.outcome?.kind === 'acquired' && r.crashedAt === undefined && r.released !== true)
      out.push(`${r.id}'s release was refused (someone else held its lock)`);
    if (
      r.plan.fate === 'cancel' &&
      r.outcome &&
      !['acquired', 'cancelled'].includes(r.outcome.kind)
    )
      out.push(`${r.id} (cancel) ended with ${r.outcome.kind}`);
  }
  return out;
}

/** Property 4: the only tickets left in the queue are dead contenders'. */
export function checkLeftovers(result: ScenarioResult): string[] {
  const byId = new Map(result.runs.map((r) => [r.id, r]));
  return queueTickets(result.items).flatMap((i) => {
    const owner = byId.get(String(i['correlationId']));
    return owner?.crashedAt !== undefined
      ? []
      : [
          `ticket #${String(i['seq'])} of ${String(i['correlationId'])} (${owner?.plan.fate ?? 'unknown'}, ${owner?.outcome?.kind ?? 'no outcome'}) was left in the queue`
        ];
  });
}

export function checkAll(result: ScenarioResult): string[] {
  return [
    ...checkExclusion(result),
    ...checkArrivalOrder(result),
    ...checkTakeover(result),
    ...checkLeftovers(result)
  ];
}
