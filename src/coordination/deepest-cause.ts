/**
 * The root cause of a failed deployment across a tree of nested stacks: the first failure in time
 * order, a nested stack resource's failure replaced by the first failure inside its stack
 * (recursively). A nested stack's events are read only when it could hold a failure earlier than
 * the best found so far.
 */
import { failuresInOrder, stackCauseOf, startOf, type RootCause } from '../domain/root-cause.js';
import { nestedStackOf } from '../domain/tree.js';
import { MAX_NESTED_READ_DEPTH, type StackEvent, type StackSnapshot } from '../domain/stack.js';
import type { StackReader } from '../ports/cloudformation.js';
import type { Logger } from '../ports/runtime.js';

export async function deepestCause(
  d: { readonly reader: StackReader; readonly log: Logger },
  /** This deployment's own events of the covered stacks. */
  events: readonly StackEvent[],
  stacks: readonly StackSnapshot[],
  sinceMs: number
): Promise<RootCause | undefined> {
  return (await firstInTree(d, events, sinceMs, [])) ?? stackCauseOf(events, stacks);
}

async function firstInTree(
  d: { readonly reader: StackReader; readonly log: Logger },
  events: readonly StackEvent[],
  fromMs: number,
  path: readonly string[]
): Promise<RootCause | undefined> {
  let best: RootCause | undefined;
  const before = (ms: number): boolean => !best || ms < best.timestamp.getTime();
  for (const failure of failuresInOrder(events)) {
    const nested = path.length < MAX_NESTED_READ_DEPTH ? nestedStackOf(failure) : undefined;
    const own: RootCause = path.length > 0 ? { ...failure, nestedIn: path } : failure;
    if (!nested) {
      if (before(failure.timestamp.getTime())) best = own;
      continue;
    }
    // Everything inside it happened after its resource's part began: skip it if that is too late.
    const startMs = startOf(failure, events) ?? fromMs;
    if (!before(startMs)) continue;
    const inner = await failuresInside(d, nested, startMs, failure.timestamp.getTime());
    const deeper = inner && (await firstInTree(d, inner, startMs, [...path, failure.logicalId]));
    const candidate = deeper ?? own;
    if (before(candidate.timestamp.getTime())) best = candidate;
  }
  return best;
}

/** The nested stack's failures in the window; undefined (the resource's own failure stands) on an error. */
async function failuresInside(
  d: { readonly reader: StackReader; readonly log: Logger },
  stackId: string,
  fromMs: number,
  untilMs: number
): Promise<readonly StackEvent[] | undefined> {
  try {
    const { events, refused } = await d.reader.failedEvents(stackId, fromMs, untilMs);
    if (refused)
      d.log.debug(
        `DescribeEvents not used (${refused}): read the failures of ${stackId} from its events.`
      );
    return events;
  } catch (err) {
    d.log.debug(
      `Could not read the failures of nested stack ${stackId}: ${(err as Error).message}`
    );
    return undefined;
  }
}
