import { isStackEvent, type StackEvent } from './stack.js';

export const median = (values: readonly number[]): number | undefined => percentile(values, 0.5);

/** Linear interpolation between closest ranks; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Median seconds each resource type took in these events (first IN_PROGRESS to its COMPLETE). */
export function resourceTypeSeconds(events: readonly StackEvent[]): Record<string, number> {
  const started = new Map<string, number>();
  const byType = new Map<string, number[]>();
  for (const e of [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
    if (isStackEvent(e)) continue;
    const key = `${e.stackName}/${e.logicalId}`;
    if (e.status.endsWith('_IN_PROGRESS')) {
      if (!started.has(key)) started.set(key, e.timestamp.getTime());
    } else if (e.status.endsWith('_COMPLETE') && started.has(key)) {
      const seconds = (e.timestamp.getTime() - started.get(key)!) / 1000;
      byType.set(e.resourceType, [...(byType.get(e.resourceType) ?? []), seconds]);
      started.delete(key);
    }
  }
  return Object.fromEntries(
    [...byType].map(([type, secs]) => [type, Math.round(median(secs)! * 10) / 10])
  );
}

export interface PastDeployment {
  readonly outcome: string;
  readonly durationMs: number;
  readonly stacks: readonly string[];
}

export interface Estimate {
  readonly expectedMs: number;
  readonly lowMs: number;
  readonly highMs: number;
  readonly samples: number;
}

/** Median of recent successful deployments of the same stacks, with a p20 to p80 interval. */
export function estimateFromHistory(
  history: readonly PastDeployment[],
  stacks: readonly string[],
  recent = 20
): Estimate | undefined {
  const durations = samplesOf(history, stacks, recent).map((h) => h.durationMs);
  if (durations.length === 0) return undefined;
  return {
    expectedMs: median(durations)!,
    lowMs: percentile(durations, 0.2)!,
    highMs: percentile(durations, 0.8)!,
    samples: durations.length
  };
}

/** The past deployments an estimate of these stacks is made from: the recent successful ones of exactly these stacks. */
export function samplesOf<T extends PastDeployment>(
  history: readonly T[],
  stacks: readonly string[],
  recent = 20
): T[] {
  const key = [...stacks].sort().join(',');
  return history
    .filter((h) => h.outcome === 'succeeded' && [...h.stacks].sort().join(',') === key)
    .slice(0, recent);
}

/** Median seconds per resource type over past successful deployments. */
export function typeDurations(
  history: readonly { outcome: string; resourceTypeSeconds?: Readonly<Record<string, number>> }[]
): Record<string, number> {
  const byType = new Map<string, number[]>();
  for (const h of history) {
    if (h.outcome !== 'succeeded') continue;
    for (const [type, secs] of Object.entries(h.resourceTypeSeconds ?? {}))
      byType.set(type, [...(byType.get(type) ?? []), secs]);
  }
  return Object.fromEntries([...byType].map(([type, secs]) => [type, median(secs)!]));
}

/**
 * Time left: what the estimate leaves, refined by the resources still in
 * progress (each should take about its type's usual time from when it started).
 */
export function remainingMs(
  expectedMs: number,
  elapsedMs: number,
  inProgress: readonly { type: string; startedMs: number }[],
  typeSeconds: Readonly<Record<string, number>>,
  now: number
): number {
  const byResources = inProgress.map(
    (r) => (typeSeconds[r.type] ?? 0) * 1000 - (now - r.startedMs)
  );
  return Math.max(0, expectedMs - elapsedMs, ...byResources);
}
