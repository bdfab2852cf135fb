import type { Frozen } from '../domain/freeze.js';
import type { Holder, Participant, QueueView, Ticket, Unreadable } from '../ports/registry.js';

/**
 * What a waiting run has seen and remembers, and the steps it may take: the vocabulary of
 * `decide` (turn-decision.ts), which `waitForTurn` observes for and performs.
 */

/** The registry's health as this run's calls found it. */
export interface Health {
  /** Registry calls in a row that got no usable answer. */
  readonly failures: number;
  /** Since when the table has not answered at all (throttling is an answer). */
  readonly unreachableSince?: number;
  /**
   * The last call failed with the table silent: for how long it had been silent then, and why.
   * The fallback is judged on a failed call, never on the time a pause added since.
   */
  readonly silence?: { readonly forMs: number; readonly error: string };
  /** An item of this environment's lock, queue or freezes that does not decode. */
  readonly corrupt?: Unreadable;
  /** The table cannot be used as configured (missing, denied, another key schema). */
  readonly misconfigured?: string;
}

/** One poll's read of the lock and the queue, with the liveness verdicts of that instant. */
export interface QueueSight extends QueueView {
  /** The lock's holder when it is another run (another owner token). */
  readonly holder?: Holder;
  /** The holder's heartbeat has stayed the same for its lease, seen without a gap. */
  readonly holderSilent: boolean;
  /** Tickets whose heartbeat has stayed the same for their lease (their numbers). */
  readonly dead: ReadonlySet<number>;
}

/** What the run has seen: this poll's reads, and the freezes and stacks as last read. */
export interface Sight {
  readonly poll: number;
  /** The time of the latest observation. */
  readonly now: number;
  /** The last pause ended the wait: the run was cancelled, or its time is up. */
  readonly over?: 'cancelled' | 'time-up';
  /** Coordinating through the table (false: on CloudFormation alone). */
  readonly onTable: boolean;
  /** On CloudFormation alone: whether the table answered this poll (undefined: not asked). */
  readonly tableAnswers?: 'yes' | 'no' | 'corrupt';
  readonly health: Health;
  /** This run's ticket, once it has one. */
  readonly ticket?: Ticket;
  /** Numbers refused this poll (another run took each), and the last try's result. */
  readonly lostNumbers: number;
  readonly enqueue?: 'lost' | 'failed';
  readonly queue?: QueueSight;
  /** The lock and queue could not be read this poll. */
  readonly queueFailed: boolean;
  /** Someone judged this run dead and removed its ticket. */
  readonly ticketRemoved: boolean;
  /** Dead tickets this poll tried to remove: whether each went. */
  readonly removals: ReadonlyMap<number, boolean>;
  /** The holder's workflow run has finished (asked this poll; undefined: not asked or unknown). */
  readonly runFinished?: boolean;
  readonly runAsked: boolean;
  readonly freezes: {
    /** The freeze in force now, by the freezes as last read. */
    readonly inForce?: Frozen;
    /** When they were last read (clock ms; -Infinity: never). */
    readonly readAtMs: number;
    /** The poll of the last read. */
    readonly readPoll: number;
  };
  /** Why the freezes were read (or tried) this poll: each reason tries once. */
  readonly freezeReads: ReadonlySet<FreezeRead>;
  readonly stacks: {
    readonly readAtMs: number;
    readonly readPoll: number;
    /** A covered stack was in progress at the last read. */
    readonly busy: boolean;
  };
  /** This poll's acquire: refused (another run went first) or not answered. */
  readonly acquire?: 'lost' | 'failed';
}

/** What the run remembers across polls. */
export interface Memory {
  /** The lock and queue were read once: the run has arrived. */
  readonly arrived: boolean;
  /** Its position on arrival, once told. */
  readonly position?: number;
  readonly lostAcquires: number;
  /** When each holder's run was last asked about (by owner). */
  readonly runCheckedAt: ReadonlyMap<string, number>;
  /** Lock holders seen while waiting, by fence. */
  readonly waitedFor: ReadonlyMap<number, Holder>;
}

/** What does not change during a wait. */
export interface Rules {
  readonly me: Participant;
  readonly pollIntervalMs: number;
  /** How often the first in line reads the lock alone (see headPollMs). */
  readonly headMs: number;
  readonly overriding: boolean;
  readonly skipSuperseded: boolean;
  /** Whether the holder's workflow run can be asked about (the GitHub API). */
  readonly canAskRun: boolean;
}

export type Ending =
  | { readonly kind: 'cancelled' | 'timeout' }
  | { readonly kind: 'frozen'; readonly frozen: Frozen }
  | { readonly kind: 'superseded'; readonly by: Ticket }
  | { readonly kind: 'misconfigured'; readonly error: string }
  | { readonly kind: 'corrupt'; readonly unreadable: Unreadable };

/** What a waiting run sees of the queue when it waits. */
export interface Standing {
  readonly ticket: Ticket;
  readonly ahead: readonly Ticket[];
  readonly holder?: Holder;
  readonly stale?: string;
}

/** A fixed pause, or an exponential backoff with jitter (see backoffMs). */
export type Delay =
  | { readonly fixedMs: number }
  | { readonly attempt: number; readonly baseMs: number; readonly capMs: number };

export type Look = 'table' | 'queue' | 'freezes' | 'run' | 'stacks';

/**
 * Why the freezes are read: to pass frozen tickets (override-freeze), on arrival, every
 * STACK_CHECK_MS behind others, at this run's turn, and once more when the wait runs out.
 */
export type FreezeRead = 'passing' | 'arrival' | 'waiting' | 'turn' | 'last';

export type Step =
  | { readonly kind: 'end'; readonly ending: Ending }
  | { readonly kind: 'look'; readonly at: Exclude<Look, 'freezes'> }
  | { readonly kind: 'look'; readonly at: 'freezes'; readonly why: FreezeRead }
  | { readonly kind: 'fall-back'; readonly forMs: number; readonly reason: string }
  | { readonly kind: 'return' }
  | { readonly kind: 'enqueue' }
  | { readonly kind: 'requeue' }
  | { readonly kind: 'remove-dead'; readonly ticket: Ticket }
  | {
      readonly kind: 'arrive';
      readonly position: number;
      readonly holder?: Holder;
      readonly ahead: readonly Ticket[];
      readonly frozen?: Frozen;
    }
  | {
      readonly kind: 'acquire';
      readonly observed: QueueSight;
      readonly takeOver?: { readonly from: Holder; readonly reason: string };
    }
  | {
      /** A pause before trying again: `then` the same poll goes on, or a new one starts. */
      readonly kind: 'retry';
      readonly delay: Delay;
      readonly then: 'same-poll' | 'next-poll';
      readonly why: 'lost-number' | 'lost-acquire' | 'registry';
    }
  | {
      readonly kind: 'wait';
      readonly as: 'head' | 'queue' | 'frozen' | 'busy';
      readonly standing: Standing;
      /** A freeze holds this run back: said (once per frozen stretch). */
      readonly held: boolean;
    };

/** The item a refused operation of the wait writes first, for its report. */
export const itemOf = (env: string, operation: string): { pk: string; sk: string } => ({
  pk: `ENV#${env}`,
  sk: /acquire|lock/.test(operation) ? 'LOCK' : 'QUEUE'
});
