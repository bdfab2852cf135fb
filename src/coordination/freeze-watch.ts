import { describeFrozen, frozenAt, type Freeze, type Frozen } from '../domain/freeze.js';
import type { Logger } from '../ports/runtime.js';

/**
 * What the deploy freezes say about a waiter, read when it arrives, whenever it may go, and when
 * its wait runs out. A freeze never stops a holder: it holds runs that have not acquired yet,
 * each keeping its place in the queue. `override-freeze` lets a run through, on the record.
 */
export class FreezeWatch {
  /** The freeze in force at the last read. */
  current?: Frozen;
  /** The first freeze that held this run back. */
  heldBy?: Frozen;
  private list: readonly Freeze[] = [];
  /** The freezes of the stretch last said (their ids), so a new one is said too. */
  private announced = '';

  constructor(
    private readonly environment: string,
    private readonly log: Logger,
    private readonly override: string | undefined,
    /** Told once, the first time a freeze holds the run back. */
    private readonly onHeld: (frozen: Frozen) => void
  ) {}

  /**
   * Reads the freezes (when, is the wait's decision: see FreezeRead): false when the read failed
   * (nothing is known then).
   */
  async read(list: () => Promise<readonly Freeze[] | undefined>, now: number): Promise<boolean> {
    const freezes = await list();
    if (!freezes) return false;
    this.list = freezes;
    this.at(now);
    return true;
  }

  /**
   * What the freezes last read say at `now` (a window that opened or closed since the read):
   * whether one is in force.
   */
  at(now: number): boolean {
    const was = this.current;
    this.current = frozenAt(this.list, this.environment, now);
    if (was && !this.current && this.heldBy && !this.override)
      this.log.info(`The freeze of ${this.environment} is over (thawed or ended): going on.`);
    return this.current !== undefined;
  }

  /** Whether a freeze holds this run back now; says so once per frozen stretch (its freezes). */
  holds(now: number): boolean {
    if (!this.current || this.override) return false;
    const which = this.current.windows
      .map((w) => w.freeze.id)
      .sort()
      .join(',');
    if (which !== this.announced) {
      this.announced = which;
      this.heldBy ??= this.current;
      this.log.warning(
        `${describeFrozen(this.current, this.environment, now)}. This run keeps its place in the queue and waits (wait-timeout-minutes); override-freeze lets a run through.`,
        { title: 'Deploy freeze' }
      );
      this.onHeld(this.current);
    }
    return true;
  }

  /** The freeze this run goes through with override-freeze, if one is in force. */
  get overridden(): Frozen | undefined {
    return this.override ? this.current : undefined;
  }

  /** For a poll's line: held by a freeze, until when (as the freezes last read say at `now`). */
  note(now: number): string {
    this.at(now);
    return this.current && !this.override
      ? ` Frozen until ${this.current.openEnded ? 'thawed (no end in sight)' : new Date(this.current.until).toISOString()}: ${this.current.windows.map((w) => `"${w.freeze.reason}"`).join(', ')}.`
      : '';
  }
}
