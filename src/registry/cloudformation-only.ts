import type {
  DeploymentRecord,
  HistoryEntry,
  Holder,
  LockView,
  Participant,
  QueueView,
  Registry,
  Ticket
} from '../ports/registry.js';
import { appendHistoryFile, readHistoryFile } from './history-file.js';

/**
 * No table: nobody to queue with and nothing to record. Coordination rests on
 * CloudFormation's own status alone (best effort: no order, no identity).
 */
export class CloudFormationOnlyRegistry implements Registry {
  readonly kind = 'cloudformation-only' as const;

  /** `historyFile`: where history is kept without a table (carried by the Actions cache). */
  constructor(private readonly historyFile?: string) {}

  async enqueue(me: Participant): Promise<Ticket> {
    return {
      seq: 0,
      correlationId: me.correlationId,
      owner: me.owner,
      heartbeat: '',
      enqueuedAt: new Date().toISOString(),
      leaseMs: me.leaseMs,
      run: me.run
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
  async acquire(me: Participant, _observed: LockView): Promise<Holder> {
    return {
      correlationId: me.correlationId,
      owner: me.owner,
      fence: 0,
      heartbeat: '',
      acquiredAt: new Date().toISOString(),
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
  async putRecord(): Promise<void> {}
  async addTransition(): Promise<void> {}
  async getRecord(): Promise<DeploymentRecord | undefined> {
    return undefined;
  }
  async addHistory(entry: HistoryEntry): Promise<void> {
    if (this.historyFile) appendHistoryFile(this.historyFile, entry);
  }
  async history(_environment: string, limit: number): Promise<HistoryEntry[]> {
    return this.historyFile ? readHistoryFile(this.historyFile).slice(0, limit) : [];
  }
}
