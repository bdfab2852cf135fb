import type { LockQueue, Ticket } from '../ports/registry.js';
import { RegistryUnavailableError } from '../ports/registry-errors.js';
import type { Sleep } from '../ports/runtime.js';
import { HeartbeatLoop } from './heartbeat-loop.js';

/**
 * A waiter's ticket and its heartbeat, on a loop of its own: a slow Slack or CloudFormation call
 * in the wait never lets a live waiter's ticket look dead to the others.
 */
export class TicketKeeper {
  private ticket?: Ticket;
  private loop?: HeartbeatLoop;
  /** Someone judged this waiter dead and removed its ticket. */
  removed = false;

  constructor(
    private readonly lock: Pick<LockQueue, 'heartbeatTicket'>,
    private readonly environment: string,
    private readonly sleep: Sleep,
    private readonly intervalMs: number,
    /** A throttled heartbeat: the holder's writes (same partition) may be throttled too. */
    private readonly onThrottled: () => void
  ) {}

  get current(): Ticket | undefined {
    return this.ticket;
  }

  keep(ticket: Ticket): void {
    this.ticket = ticket;
    this.removed = false;
    // Ticket 0 is CloudFormation's own (no table): nobody watches it, nothing to keep alive.
    if (ticket.seq === 0) return;
    const loop = new HeartbeatLoop(this.sleep, this.intervalMs, () => this.beat(ticket));
    this.loop = loop;
    loop.start();
  }

  private async beat(mine: Ticket): Promise<boolean | undefined> {
    if (this.ticket?.seq !== mine.seq || this.ticket.owner !== mine.owner) return false;
    try {
      const beat = await this.lock.heartbeatTicket(this.environment, this.ticket);
      if (this.ticket?.seq !== mine.seq) return false; // dropped meanwhile
      if (beat) this.ticket = { ...this.ticket, heartbeat: beat.heartbeat };
      else this.removed = true;
      return beat !== undefined;
    } catch (err) {
      if (!(err instanceof RegistryUnavailableError)) throw err;
      if (err.failure === 'throttled') this.onThrottled();
      return undefined;
    }
  }

  /** Stops the heartbeat and forgets the ticket; returns it (to remove it from the queue). */
  async drop(): Promise<Ticket | undefined> {
    const { ticket, loop } = this;
    this.ticket = undefined;
    this.loop = undefined;
    await loop?.stop();
    return ticket;
  }

  /** Stops the heartbeat, keeping the ticket. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    await loop?.stop();
  }
}
