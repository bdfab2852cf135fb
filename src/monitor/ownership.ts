/**
 * Whose the stack operations since the lock are, as the monitor's polls read them
 * (domain/ownership.ts), and what its log keeps of a foreign one.
 */
import { activeCorrelationId } from '../domain/activity.js';
import {
  describeStarter,
  judgeOperations,
  splitOperations,
  type JudgedOperation,
  type TagSighting
} from '../domain/ownership.js';
import { isStackEvent, type StackEvent, type StackSnapshot } from '../domain/stack.js';
import { operationAt } from '../domain/tree.js';

/**
 * Whose the operations since the lock are (domain/ownership.ts), as the polls read them: every
 * event since the lock, each new tag snapshot, which foreign operations were reported already
 * and which own events the watch has had. A foreign operation is reported once; an operation
 * first taken for this deployment's by time and found foreign later is reported then.
 */
export class Ownership {
  private readonly events: StackEvent[] = [];
  private readonly sightings: TagSighting[] = [];
  private readonly lastSighting = new Map<string, string>();
  private readonly reported = new Set<string>();
  private readonly watched = new Set<string>();

  constructor(private readonly correlationId: string) {}

  read(fresh: readonly StackEvent[]): void {
    this.events.push(...fresh);
  }

  /** The snapshots' tags, each after the newest event read of its stack: the new ones. */
  saw(
    snapshots: readonly StackSnapshot[],
    cursor: (stack: string) => string | undefined
  ): TagSighting[] {
    const fresh: TagSighting[] = [];
    for (const st of snapshots) {
      const sighting: TagSighting = {
        stack: st.name,
        status: st.status,
        tag: activeCorrelationId(st) ?? '',
        afterEventId: cursor(st.name)
      };
      const lastStackEvent = this.events
        .filter((e) => e.stackName === st.name && isStackEvent(e))
        .at(-1)?.id;
      const key = `${sighting.status}|${sighting.tag}|${lastStackEvent ?? ''}`;
      if (this.lastSighting.get(st.name) === key) continue;
      this.lastSighting.set(st.name, key);
      this.sightings.push(sighting);
      fresh.push(sighting);
    }
    return fresh;
  }

  judge(): JudgedOperation[] {
    return judgeOperations(splitOperations(this.events), {
      correlationId: this.correlationId,
      sightings: this.sightings
    });
  }

  newlyForeign(judged: readonly JudgedOperation[]): JudgedOperation[] {
    return judged.filter((op) => {
      const key = opKey(op);
      if (op.ours || this.reported.has(key)) return false;
      this.reported.add(key);
      return true;
    });
  }

  /** Events of this deployment's own operations the watch has not had yet, oldest first. */
  ownUnwatched(judged: readonly JudgedOperation[]): StackEvent[] {
    const own = new Set(
      judged.filter((op) => op.ours && !this.reported.has(opKey(op))).flatMap((op) => op.events)
    );
    const out = this.events.filter((e) => own.has(e) && !this.watched.has(e.id));
    for (const e of out) this.watched.add(e.id);
    return out;
  }

  /**
   * The stack's operation in force at `ms` is this deployment's (and not found foreign since): a
   * nested stack's event at `ms` is then this deployment's too. None read yet: by time, ours.
   */
  ownsAt(judged: readonly JudgedOperation[], stack: string, ms: number): boolean {
    const op = operationAt(judged, stack, ms);
    return op === undefined || (op.ours && !this.reported.has(opKey(op)));
  }

  /** The stack's latest operation is someone else's. */
  foreignNow(judged: readonly JudgedOperation[], stack: string): boolean {
    const latest = judged.filter((op) => op.stack === stack).at(-1);
    return latest !== undefined && (!latest.ours || this.reported.has(opKey(latest)));
  }
}

/**
 * An operation, the same from poll to poll: by its ID where its events carry one (its opening
 * event may be read a poll after its first), else by the event that opened it.
 */
const opKey = (op: JudgedOperation): string =>
  `${op.stack}/${op.events[0]?.operationId ?? (op.start ?? op.events[0])?.id ?? ''}`;

/** What the log keeps of a foreign operation: enough to name it without the events. */
export function foreignObservation(op: JudgedOperation): Record<string, unknown> {
  return {
    stack: op.stack,
    startedAt: op.start?.timestamp.toISOString(),
    startStatus: op.start?.status,
    status: op.status,
    by: op.by,
    otherCorrelationId: op.otherId,
    clientRequestToken: op.token,
    reason: op.start?.reason,
    startedBy: describeStarter(op)
  };
}
