import type { Freeze } from '../domain/freeze.js';
import type {
  DeploymentRecord,
  FreezeStore,
  HistoryEntry,
  HistoryStore,
  Holder,
  Items,
  LockQueue,
  LockView,
  Participant,
  QueueView,
  Records,
  Registry,
  Ticket
} from '../ports/registry.js';

/**
 * No table: nobody to queue with. Coordination rests on CloudFormation's own status alone (best
 * effort: no order, no identity): the queue is this run alone, the lock never anyone else's,
 * and every write succeeds without a call (fence 0, ticket 0).
 */
export class CloudFormationOnlyLock implements LockQueue {
  readonly kind = 'cloudformation-only' as const;

  constructor(private readonly now: () => number = Date.now) {}

  async enqueue(me: Participant): Promise<Ticket | undefined> {
    return {
      seq: 0,
      correlationId: me.correlationId,
      owner: me.owner,
      heartbeat: '',
      enqueuedAt: new Date(this.now()).toISOString(),
      leaseMs: me.leaseMs,
      run: me.run,
      priority: me.priority ?? 'normal'
    };
  }
  async heartbeatTicket(_environment: string, ticket: Ticket): Promise<Ticket> {
    return ticket;
  }
  async removeTicket(): Promise<void> {}
  async removeDeadTicket(): Promise<boolean> {
    return false;
  }
  async view(environment: string): Promise<QueueView> {
    return { lock: { environment, fence: 0 }, tickets: [] };
  }
  async readLock(environment: string): Promise<LockView> {
    return { environment, fence: 0 };
  }

  async environments(): Promise<string[]> {
    return [];
  }
  async acquire(me: Participant, _observed: LockView): Promise<Holder> {
    return {
      correlationId: me.correlationId,
      owner: me.owner,
      fence: 0,
      heartbeat: '',
      acquiredAt: new Date(this.now()).toISOString(),
      leaseMs: me.leaseMs,
      run: me.run,
      stacks: me.stacks
    };
  }
  async heartbeatLock(): Promise<boolean> {
    return true;
  }
  async release(): Promise<boolean> {
    return true;
  }
  async forceUnlock(): Promise<Holder | undefined> {
    return undefined;
  }
}

/** Without a table no record is kept. */
export const noRecords: Records = {
  putRecord: async () => undefined,
  addTransition: async () => undefined,
  getRecord: async (): Promise<DeploymentRecord | undefined> => undefined
};

/** No history at all (a history file is given where there is one). */
export const noHistory: HistoryStore = {
  add: async () => undefined,
  recent: async (): Promise<Items<HistoryEntry>> => ({ items: [], unreadable: [] }),
  save: async () => undefined
};

/** Without a table there are no freezes (the CLI refuses to set one). */
export const noFreezes: FreezeStore = {
  list: async (): Promise<Items<Freeze>> => ({ items: [], unreadable: [] }),
  add: async () => undefined,
  thaw: async () => false
};

/** CloudFormation alone: the lock above, no records, no freezes, and the history given. */
export const cloudFormationOnly = (
  history: HistoryStore = noHistory,
  now: () => number = Date.now
): Registry => ({
  lock: new CloudFormationOnlyLock(now),
  records: noRecords,
  history,
  freezes: noFreezes
});
