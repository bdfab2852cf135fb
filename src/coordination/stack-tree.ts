/**
 * Following a tree of nested stacks: from the events of each covered stack, its nested stacks
 * (domain/tree.ts), and theirs, read by ARN. Nested stacks are never named by users and never
 * locked on their own; they are read only to see what their covered stack is doing.
 */
import { MAX_NESTED_READ_DEPTH, type NestedEvent, type StackEvent } from '../domain/stack.js';
import { inTimeOrder, inTree, nestedStacksIn, stillWorking } from '../domain/tree.js';
import type { StackReader } from '../ports/cloudformation.js';

/** A nested stack being followed. */
interface Branch {
  readonly root: string;
  readonly path: readonly string[];
  /** Its resource in its parent is in progress. */
  busy: boolean;
  /**
   * Its own latest stack-level status, as last read, is in progress: a nested stack cleans up
   * (deletes what it replaced) after its parent's resource completed, as the root does.
   */
  working: boolean;
  /** To be read at the next poll: busy or working, or settled since the last read (its last events). */
  due: boolean;
  cursor?: string;
}

/** One poll of a tree: each covered stack's new events, and its nested stacks' (in time order). */
export interface TreePoll {
  readonly own: ReadonlyMap<string, readonly StackEvent[]>;
  readonly nested: ReadonlyMap<string, readonly NestedEvent[]>;
  /** Nested stacks this poll could not read (tried again at the next): the rest of the tree was read. */
  readonly unreadable: readonly {
    readonly arn: string;
    readonly path: string;
    readonly message: string;
  }[];
}

/**
 * The monitor's reads of the trees of the covered stacks, poll after poll: each covered stack's
 * events since the last poll, then those of every nested stack that is in progress (found in the
 * events read, recursively, also when one first appears mid-operation), and of one that settled
 * since, once more for its last events. In progress: its resource in its parent is, or its own
 * latest stack-level status is (its cleanup runs after its resource completed), as the CDK's
 * poller follows a nested stack until its own status ends. A settled nested stack is not read
 * again until its resource is in progress again: a tree costs about what its busy stacks cost.
 */
export class TreeFollower {
  private readonly branches = new Map<string, Branch>();
  private readonly cursors = new Map<string, string | undefined>();
  /** Read and not yet returned by a poll. */
  private readonly own = new Map<string, StackEvent[]>();
  private readonly nested = new Map<string, NestedEvent[]>();

  constructor(
    private readonly reader: StackReader,
    /** Events before this are not the deployment's. */
    private readonly sinceMs: number
  ) {}

  /** The newest event read of a covered stack. */
  cursor(stack: string): string | undefined {
    return this.cursors.get(stack);
  }

  /** How many nested stacks are known, and how many are busy. */
  get size(): { known: number; busy: number } {
    const all = [...this.branches.values()];
    return { known: all.length, busy: all.filter((b) => b.busy || b.working).length };
  }

  /**
   * The events read since the last poll that returned. A covered stack's read that fails ends the
   * poll with its error, and what was read before it is kept for the next poll, never lost; a
   * nested stack that cannot be read (a role that may not, a call that failed) is said in
   * `unreadable` and tried again at the next poll, the rest of the tree read as usual.
   */
  async poll(roots: readonly string[]): Promise<TreePoll> {
    for (const root of roots) {
      // The first read is the newest page; only events since the lock was taken can be this deployment's.
      const read = await this.reader.eventsSince(root, this.cursors.get(root));
      if (read.length > 0) this.cursors.set(root, read.at(-1)?.id);
      const fresh = read.filter((e) => e.timestamp.getTime() >= this.sinceMs);
      this.own.set(root, [...(this.own.get(root) ?? []), ...fresh]);
      this.found(fresh, root, []);
    }
    // Each due branch once per poll; a branch found by this poll's reads is read in it too.
    const read = new Set<string>();
    const unreadable: { arn: string; path: string; message: string }[] = [];
    for (;;) {
      const due = [...this.branches].filter(([arn, b]) => b.due && !read.has(arn));
      if (due.length === 0) break;
      for (const [arn, b] of due) {
        read.add(arn);
        let events: StackEvent[];
        try {
          events = await this.readBranch(arn, b);
        } catch (err) {
          unreadable.push({ arn, path: b.path.join(' › '), message: (err as Error).message });
          // Tried again while it works, not forever: a role that may not read it costs no more.
          b.due = b.busy || b.working;
          continue;
        }
        b.working = stillWorking(events, b.working);
        b.due = b.busy || b.working;
        this.nested.set(b.root, [...(this.nested.get(b.root) ?? []), ...inTree(events, b.path)]);
        this.found(events, b.root, b.path);
      }
    }
    const polled: TreePoll = {
      own: new Map(this.own),
      nested: new Map([...this.nested].map(([root, events]) => [root, inTimeOrder(events)])),
      unreadable
    };
    this.own.clear();
    this.nested.clear();
    return polled;
  }

  /** Its first read goes back to the lock's time (it may be found late); then what is new. */
  private async readBranch(arn: string, b: Branch): Promise<StackEvent[]> {
    const read =
      b.cursor === undefined
        ? await this.reader.eventsAfter(arn, this.sinceMs)
        : await this.reader.eventsSince(arn, b.cursor);
    if (read.length > 0) b.cursor = read.at(-1)?.id;
    return read.filter((e) => e.timestamp.getTime() >= this.sinceMs);
  }

  /** The nested stacks that `events` (of the stack at `path` in `root`'s tree) show. */
  private found(events: readonly StackEvent[], root: string, path: readonly string[]): void {
    if (path.length >= MAX_NESTED_READ_DEPTH) return;
    for (const ref of nestedStacksIn(events)) {
      if (!ref.arn) continue;
      const known = this.branches.get(ref.arn);
      if (known) {
        known.busy = ref.busy;
        known.due = true;
        continue;
      }
      this.branches.set(ref.arn, {
        root,
        path: [...path, ref.logicalId],
        busy: ref.busy,
        working: false,
        due: true
      });
    }
  }
}

/**
 * The events of the nested stacks below covered stacks' `events` (oldest first), at or after
 * `sinceMs`, recursively, in time order: every nested stack they show. With a `settled` cache (one
 * per caller, across its polls), a nested stack that has settled (its resource and its own status
 * no longer in progress) is read once per operation, not at every poll. A nested stack that cannot
 * be read is left out (said through `onError`).
 */
export async function nestedEvents(
  reader: StackReader,
  events: readonly StackEvent[],
  sinceMs: number,
  opts: { settled?: Map<string, NestedEvent[]>; onError?: (arn: string, err: Error) => void } = {},
  path: readonly string[] = []
): Promise<NestedEvent[]> {
  if (path.length >= MAX_NESTED_READ_DEPTH) return [];
  const out: NestedEvent[] = [];
  for (const ref of nestedStacksIn(events)) {
    if (!ref.arn) continue;
    const key = `${ref.arn}@${sinceMs}`;
    const cached = opts.settled?.get(key);
    if (cached) {
      out.push(...cached);
      continue;
    }
    try {
      const inner = await reader.eventsAfter(ref.arn, sinceMs);
      const at = [...path, ref.logicalId];
      const below = [
        ...inTree(inner, at),
        ...(await nestedEvents(reader, inner, sinceMs, opts, at))
      ];
      out.push(...below);
      if (opts.settled && !ref.busy && !stillWorking(inner, false)) {
        if (opts.settled.size >= SETTLED_CACHE_MAX) opts.settled.clear();
        opts.settled.set(key, below);
      }
    } catch (err) {
      opts.onError?.(ref.arn, err as Error);
    }
  }
  return inTimeOrder(out);
}

/** Settled nested stacks kept by a waiting run: more than a tree holds, less than a leak. */
const SETTLED_CACHE_MAX = 200;
