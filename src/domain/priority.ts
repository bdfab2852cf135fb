/** A ticket's priority: `high` tickets are served before `normal` ones, FIFO within each. */
export type Priority = 'normal' | 'high';

export const PRIORITIES: readonly Priority[] = ['normal', 'high'];

const RANK: Readonly<Record<Priority, number>> = { normal: 0, high: 1 };

/** A ticket written before priorities existed (no priority attribute) is normal. */
export const priorityOf = (t: { readonly priority?: Priority }): Priority => t.priority ?? 'normal';

/** Whether `a` is of a priority at least as high as `b`'s (a newer run supersedes only such). */
export const atLeastAsHigh = (
  a: { readonly priority?: Priority },
  b: { readonly priority?: Priority }
): boolean => RANK[priorityOf(a)] >= RANK[priorityOf(b)];

/**
 * Whether ticket `a` is served before ticket `b`: a higher priority first, then the lower number
 * (arrival order) within one priority. A holder is never part of this: nobody is pre-empted.
 */
export function servedBefore(
  a: { readonly seq: number; readonly priority?: Priority },
  b: { readonly seq: number; readonly priority?: Priority }
): boolean {
  const ra = RANK[priorityOf(a)];
  const rb = RANK[priorityOf(b)];
  return ra !== rb ? ra > rb : a.seq < b.seq;
}
