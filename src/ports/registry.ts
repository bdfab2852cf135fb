import type { Freeze } from '../domain/freeze.js';
import type { Priority } from '../domain/priority.js';
import type { RunContext } from './run.js';

export type { Priority } from '../domain/priority.js';

/** Who takes part: a deployment (its correlation ID) of a workflow run. */
export interface Participant {
  readonly correlationId: string;
  /**
   * A random token per run attempt: the identity every 'is this mine?' check uses. The
   * correlation ID is a label users may set and share; this never leaves state, the monitor's
   * settings and the table.
   */
  readonly owner: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly run: RunContext;
  /** How long others wait, on their own clock, for a heartbeat before calling this participant dead. */
  readonly leaseMs: number;
  /** Where its ticket goes in the queue (default normal). */
  readonly priority?: Priority;
  /** Goes through a deploy freeze (`override-freeze`): its ticket says so, not why. */
  readonly overridesFreeze?: boolean;
}

export interface Holder {
  readonly correlationId: string;
  readonly owner: string;
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
  readonly owner: string;
  readonly heartbeat: string;
  readonly enqueuedAt: string;
  readonly leaseMs: number;
  readonly run: RunContext;
  /** high before normal, FIFO (seq) within each; a ticket without one is normal. */
  readonly priority: Priority;
  /**
   * Its run goes through deploy freezes (`override-freeze`): while a freeze holds the others, it
   * passes the frozen tickets ahead of it, which cannot go anyway.
   */
  readonly overridesFreeze?: boolean;
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
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'timed-out'
  | 'superseded'
  | 'taken-over'
  | 'lock-lost'
  | 'released'
  | 'force-unlocked'
  | 'frozen'
  | 'freeze-overridden';

export interface TransitionEntry {
  readonly state: Transition;
  readonly at: string;
  readonly note?: string;
  /** Who answered the question this transition followed (Slack user). */
  readonly by?: { readonly id: string; readonly name?: string };
}

export interface DeploymentRecord {
  readonly correlationId: string;
  readonly environment: string;
  readonly stacks: readonly string[];
  readonly run: RunContext;
  readonly priority?: Priority;
  readonly fence?: number;
  readonly transitions: readonly TransitionEntry[];
  readonly outcome?: string;
  /** Why a failed deployment failed (`describeRootCause`). */
  readonly rootCause?: string;
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

/** One acquisition of the lock: its owner and its fencing token (and the label it goes by). */
export interface LockKey {
  readonly owner: string;
  readonly fence: number;
  readonly correlationId: string;
}

/** An operator's handle on an acquisition (the CLI): correlation ID and fencing token. */
export interface OperatorLockKey {
  readonly correlationId: string;
  readonly fence: number;
}

/**
 * The lock and the queue of an environment. Every write is a single-item conditional write and
 * every read strongly consistent; expiry never relies on the table's TTL. Without a table the
 * lock is CloudFormation's own status: its queue is this run alone, its lock is never anyone
 * else's, and its writes succeed without a call (fence 0, ticket 0).
 */
export interface LockQueue {
  /** How the environment is coordinated, for outputs, state and the CLI's text. */
  readonly kind: RegistryKind;
  /**
   * Takes the next number and puts this run's ticket under it, in one conditional write; undefined
   * when another run took that number first (try again after a pause).
   */
  enqueue(me: Participant): Promise<Ticket | undefined>;
  heartbeatTicket(environment: string, ticket: Ticket): Promise<Ticket | undefined>;
  removeTicket(environment: string, seq: number): Promise<void>;
  /** Removes a ticket only if its heartbeat is still the one observed. */
  removeDeadTicket(environment: string, ticket: Ticket): Promise<boolean>;
  view(environment: string): Promise<QueueView>;
  /** The lock alone (no queue): what the first in line reads between its full reads. */
  readLock(environment: string): Promise<LockView>;

  /**
   * The environments runs have queued in, by name: an index that `enqueue` keeps in passing (best
   * effort, so an environment nobody queued in since the index came is missing). None without a
   * table.
   */
  environments(): Promise<string[]>;
  /** Takes the lock if it is free, or if it is still exactly as `observed` (stale, judged by the caller). */
  acquire(me: Participant, observed: LockView): Promise<Holder | undefined>;
  /** Extends the caller's own acquisition; false (and nothing changed) when the lock is no longer it. */
  heartbeatLock(environment: string, key: LockKey, signal?: AbortSignal): Promise<boolean>;
  /** Releases only the given acquisition; false (and nothing changed) otherwise. */
  release(environment: string, key: LockKey | OperatorLockKey, outcome: string): Promise<boolean>;
  /** Clears the lock whoever holds it; for operators. Returns who held it. */
  forceUnlock(environment: string, reason: string, by: string): Promise<Holder | undefined>;
}

/** Each deployment's record: who, what, and every transition (nothing is kept without a table). */
export interface Records {
  putRecord(record: Omit<DeploymentRecord, 'transitions'>, first: TransitionEntry): Promise<void>;
  addTransition(
    correlationId: string,
    entry: TransitionEntry,
    patch?: { fence?: number; outcome?: string; rootCause?: string }
  ): Promise<void>;
  getRecord(correlationId: string): Promise<DeploymentRecord | undefined>;
}

/** Finished deployments, for estimates: in the table, or in a file the Actions cache carries. */
export interface HistoryStore {
  add(entry: HistoryEntry): Promise<void>;
  /** Newest first; and the entries that do not decode (left out of estimates, shown as such). */
  recent(environment: string, limit: number): Promise<Items<HistoryEntry>>;
  /** Keeps what was added for later runs (the cache for a file; a table keeps it already). */
  save(): Promise<void>;
}

/**
 * Deploy freezes, for every environment that shares the table (none without a table). One read
 * gives them all: a waiter picks those that hold its environment, the CLI lists them.
 */
export interface FreezeStore {
  /** Every freeze kept, thawed and ended ones included until they expire; and those that do not decode. */
  list(): Promise<Items<Freeze>>;
  add(freeze: Freeze): Promise<void>;
  /** Thaws a freeze; false (and nothing changed) when it is gone or already thawed. */
  thaw(freeze: Freeze, by: string): Promise<boolean>;
}

/** What a stage coordinates through, decided once from the inputs (see `openRegistry`). */
export interface Registry {
  readonly lock: LockQueue;
  readonly records: Records;
  readonly history: HistoryStore;
  readonly freezes: FreezeStore;
}

/**
 * An item of the table that does not decode (see registry/schema.ts): its key, the attribute and
 * what was expected there. It is an answer, never an outage: it does not count toward the
 * fallback to CloudFormation, never makes a holder look dead and never lets a run acquire.
 */
export interface Unreadable {
  readonly pk: string;
  readonly sk: string;
  /** The environment the item's key names (`*`: a freeze of all), when it names one. */
  readonly scope?: string;
  /** The attribute's path in the item (`leaseMs`, `tickets.000000000003.seq`). */
  readonly attribute: string;
  readonly expected: string;
  /** What is there instead, described (never pasted). */
  readonly found: string;
}

/** What reads several items gives: those that decode, and those that do not. */
export interface Items<T> {
  readonly items: readonly T[];
  readonly unreadable: readonly Unreadable[];
}

export const RECORD_TTL_DAYS = 7;
/** A thawed or ended freeze is kept this long, for the record. */
export const FREEZE_TTL_DAYS = 7;
export const HISTORY_TTL_DAYS = 180;
