import type { Sleep } from '../ports/runtime.js';

/**
 * Calls `beat` every interval on a loop of its own, so a heartbeat never waits behind whatever
 * else its process is waiting for. A beat that failed (undefined) is tried again after a third of
 * the interval, so one lost write never lets a lease run out; a beat that says the thing it
 * keeps alive is gone (false) ends the loop.
 */
export class HeartbeatLoop {
  private stopper?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly sleep: Sleep,
    readonly intervalMs: number,
    private readonly beat: () => Promise<boolean | undefined>
  ) {}

  get running(): boolean {
    return this.loop !== undefined && !this.stopper?.signal.aborted;
  }

  start(firstDelayMs = this.intervalMs): void {
    if (this.loop) return;
    const stopper = new AbortController();
    this.stopper = stopper;
    this.loop = (async () => {
      let delay = firstDelayMs;
      while (!stopper.signal.aborted) {
        await this.sleep(delay, stopper.signal);
        if (stopper.signal.aborted) return;
        const landed = await this.beat();
        if (landed === false) return;
        delay = landed ? this.intervalMs : Math.max(1, Math.floor(this.intervalMs / 3));
      }
    })();
  }

  /** Ends the loop; resolves once a beat in flight has settled. */
  async stop(): Promise<void> {
    this.stopper?.abort();
    await this.loop;
  }
}
