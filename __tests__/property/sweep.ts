/**
 * A sweep of the property suite: schedules `from` to `to` (drawn by seed, test-rig/schedules.ts)
 * run and checked one after the other, with what they reached (takeovers, fallbacks, late answers,
 * repairs, lost locks, shared IDs, every fate), so a test can assert both that nothing was violated
 * and that the schedules went where they are drawn to go. The suite splits its seeds over files
 * (schedules*.test.ts here) so that jest's workers share them.
 */
import type { DynamoRig } from '../../test-rig/dynamo-rig.js';
import {
  checkSchedule,
  corruptBlocked,
  drawSchedule,
  narrate,
  runSchedule
} from '../../test-rig/schedules.js';

export interface Sweep {
  readonly schedules: number;
  readonly violations: number;
  /** The first three schedules that broke a rule, each with its narration. */
  readonly reports: readonly string[];
  readonly seen: {
    takeovers: number;
    fallbacks: number;
    lateAnswers: number;
    repairsInCoordinate: number;
    repairsInFinalize: number;
    lostLocks: number;
    sharedIds: number;
    /** Schedules whose LOCK item was made unreadable for a while, and jobs blocked on it. */
    corruptions: number;
    corruptBlocked: number;
    fates: Set<string>;
  };
}

export async function sweep(rig: DynamoRig, from: number, to: number): Promise<Sweep> {
  const seen: Sweep['seen'] = {
    takeovers: 0,
    fallbacks: 0,
    lateAnswers: 0,
    repairsInCoordinate: 0,
    repairsInFinalize: 0,
    lostLocks: 0,
    sharedIds: 0,
    corruptions: 0,
    corruptBlocked: 0,
    fates: new Set<string>()
  };
  let violations = 0;
  const reports: string[] = [];
  for (let seed = from; seed <= to; seed++) {
    const result = await runSchedule(rig, drawSchedule(seed));
    const found = checkSchedule(result);
    violations += found.length;
    if (found.length > 0 && reports.length < 3)
      reports.push(`${found.join('\n')}\n${narrate(result)}`);
    if (result.corruption) seen.corruptions++;
    seen.corruptBlocked += corruptBlocked(result);
    for (const j of result.jobs) {
      const notes = j.annotations.join('\n');
      if (notes.includes('Stale lock taken over')) seen.takeovers++;
      if (j.registryKind === 'cloudformation-only') seen.fallbacks++;
      if (j.plan.warnings === 'ask' && j.plan.answerAfterMs > result.schedule.leaseMs)
        seen.lateAnswers++;
      if (j.acts.some((a) => a.what.includes('/coordinate'))) seen.repairsInCoordinate++;
      if (j.acts.some((a) => a.what.includes('/finalize'))) seen.repairsInFinalize++;
      if (notes.includes('Lock lost')) seen.lostLocks++;
      if (notes.includes('Correlation ID not unique')) seen.sharedIds++;
      seen.fates.add(j.plan.fate);
    }
  }
  return { schedules: to - from + 1, violations, reports, seen };
}

/** No rule broken, and the schedules reached every situation they are drawn to reach. */
export function expectSweepSafe({ reports, violations, seen }: Sweep): void {
  expect(reports).toEqual([]);
  expect(violations).toBe(0);
  expect(seen.takeovers).toBeGreaterThan(0);
  expect(seen.fallbacks).toBeGreaterThan(0);
  expect(seen.lateAnswers).toBeGreaterThan(0);
  expect(seen.repairsInCoordinate).toBeGreaterThan(0);
  expect(seen.repairsInFinalize).toBeGreaterThan(0);
  expect(seen.sharedIds).toBeGreaterThan(0);
  // The LOCK item made unreadable for a while (about an eighth of the schedules) blocked waiters.
  expect(seen.corruptions).toBeGreaterThan(0);
  expect(seen.corruptBlocked).toBeGreaterThan(0);
  expect([...seen.fates].sort()).toEqual(
    [
      'cancel-waiting',
      'crash-coordinate',
      'crash-finalize',
      'crash-holding',
      'crash-waiting',
      'normal'
    ].sort()
  );
}
