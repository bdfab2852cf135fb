import type { RunContext } from '../github/context.js';

/** Who takes part: a deployment (its correlation ID) of a workflow run. */
export interface Participant {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly run: RunContext;
  /** How long others wait, on their own clock, for a heartbeat before calling this participant dead. */
  readonly leaseMs: number;
}

export interface Holder {
  readonly correlationId: string;
  readonly fence: number;
  /** Changes at every heartbeat; observers time how long it stays the same. */
  readonly heartbeat: string;
  readonly acquiredAt: string;
  readonly leaseMs: number;
  readonly run: RunContext;
  readonly stacks: readonly string[];
}

export interface LockView {
  readonly environment: string;
  /** Acquisitions so far; the current holder's fencing token. */
  readonly fence: number;
  readonly holder?: Holder;
  readonly lastHolder?: string;
  readonly lastOutcome?: string;
  readonly releasedAt?: string;
}

export interface Ticket {
  readonly seq: number;
  readonly correlationId: string;
  readonly heartbeat: string;
  readonly enqueuedAt: string;
  readonly leaseMs: number;
  readonly run: RunContext;
}

export interface QueueView {
  readonly lock: LockView;
  /** Tickets in arrival order. */
  readonly tickets: readonly Ticket[];
}

export type Transition =
  | 'queued'
  | 'acquired'
  | 'took-over'
  | 'deploying'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'timed-out'
  | 'superseded'
  | 'blocked'
  | 'taken-over'
  | 'released'
  | 'force-unlocked';

export interface TransitionEntry {
  readonly state: Transition;
  readonly at: string;
  readonly note?: string;
}

export interface DeploymentRecord {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly run: RunContext;
  readonly fence?: number;
  readonly transitions: readonly TransitionEntry[];
  readonly outcome?: string;
}

export interface HistoryEntry {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly outcome: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  /** Median seconds per resource type of this deployment, for estimates. */
  readonly resourceTypeSeconds?: Readonly<Record<string, number>>;
}

export type RegistryKind = 'dynamodb' | 'cloudformation-only';

/**
 * The deployment registry. Every write is a single-item conditional write and
 * every read strongly consistent; expiry never relies on the table's TTL.
 */
export interface Registry {
  readonly kind: RegistryKind;
  enqueue(me: Participant): Promise<Ticket>;
  heartbeatTicket(environment: string, ticket: Ticket): Promise<Ticket | undefined>;
  removeTicket(environment: string, seq: number): Promise<void>;
  /** Removes a ticket only if its heartbeat is still the one observed. */
  removeDeadTicket(environment: string, ticket: Ticket): Promise<boolean>;
  view(environment: string): Promise<QueueView>;
  /** Takes the lock if it is free, or if it is still exactly as `observed` (stale, judged by the caller). */
  acquire(me: Participant, observed: LockView): Promise<Holder | undefined>;
  heartbeatLock(environment: string, correlationId: string, fence: number): Promise<boolean>;
  /** Releases only the caller's own acquisition; false (and nothing changed) otherwise. */
  release(
    environment: string,
    correlationId: string,
    fence: number,
    outcome: string
  ): Promise<boolean>;
  /** Clears the lock whoever holds it; for operators. Returns who held it. */
  forceUnlock(environment: string, reason: string, by: string): Promise<Holder | undefined>;
  putRecord(record: Omit<DeploymentRecord, 'transitions'>, first: TransitionEntry): Promise<void>;
  addTransition(
    correlationId: string,
    entry: TransitionEntry,
    patch?: { fence?: number; outcome?: string }
  ): Promise<void>;
  getRecord(correlationId: string): Promise<DeploymentRecord | undefined>;
  addHistory(entry: HistoryEntry): Promise<void>;
  history(environment: string, limit: number): Promise<HistoryEntry[]>;
}

/** The table is unreachable, missing, denied or throttled beyond retries: fall back, never deploy blindly. */
export class RegistryUnavailableError extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown
  ) {
    const e = cause as { name?: string; message?: string };
    super(`registry ${operation} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(cause)}`);
    this.name = 'RegistryUnavailableError';
  }
}

export const RECORD_TTL_DAYS = 7;
export const HISTORY_TTL_DAYS = 180;
