/**
 * A clock and a sleep under a test's control, for running the real stages in process against
 * real I/O (dynalite on loopback).
 *
 * Virtual time stands still while any tracked call is in flight (`track`), and moves only when
 * everything is quiet: no tracked call in flight and nothing left to run in the event loop. Then
 * `step()` jumps to the earliest pending sleep and wakes it. So a schedule of minutes runs in as
 * long as its real calls take, and the order of events is the one virtual time says: a call
 * takes no virtual time unless a test parks it on purpose (`park`, for latency).
 *
 * Each sleep belongs to a process (a stage of a job); `kill(process)` drops its sleeps for good,
 * the way a kill -9 ends every timer of a process.
 */
export interface VirtualProcess {
  readonly name: string;
  killed: boolean;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly proc?: VirtualProcess;
  readonly wake: () => void;
}

const NEVER: Promise<never> = new Promise<never>(() => {});
/** Real time a settle may wait for calls in flight before it says something is wrong. */
const SETTLE_LIMIT_MS = 60_000;

export class VirtualTime {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private parked = 0;

  constructor(start = Date.UTC(2026, 11, 1, 12, 0, 0)) {
    this.t = start;
  }

  now = (): number => this.t;

  /** A sleep of `proc` (or of the test itself): resolves at now + ms, early on abort, never once the process is killed. */
  sleep(ms: number, signal?: AbortSignal, proc?: VirtualProcess): Promise<void> {
    if (proc?.killed) return NEVER;
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        proc,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** The sleep a process injects into the code under test. */
  sleeper(proc: VirtualProcess): (ms: number, signal?: AbortSignal) => Promise<void> {
    return (ms, signal) => this.sleep(ms, signal, proc);
  }

  /** Drops every sleep of a killed process: they never wake. */
  kill(proc: VirtualProcess): void {
    proc.killed = true;
    this.timers = this.timers.filter((x) => x.proc !== proc);
  }

  /** Virtual time stands still until `p` settles. */
  track<T>(p: Promise<T>): Promise<T> {
    // What is waited for is the settling, not the value: a rejection is the caller's to handle.
    const settled = p.then(
      () => undefined,
      () => undefined
    );
    this.inflight.add(settled);
    void settled.then(() => this.inflight.delete(settled));
    return p;
  }

  /** A tracked call waiting on purpose in virtual time (injected latency): not counted as in flight meanwhile. */
  async park(ms: number, proc?: VirtualProcess): Promise<void> {
    this.parked++;
    try {
      await this.sleep(ms, undefined, proc);
    } finally {
      this.parked--;
    }
  }

  /** Sleeps still pending for processes that were not killed (a live process that never ends leaks them). */
  pending(): readonly { at: number; proc?: string }[] {
    return this.timers.map((x) => ({ at: x.at, proc: x.proc?.name }));
  }

  /** Waits until nothing is in flight and the event loop has nothing left to run. */
  async settle(): Promise<void> {
    const giveUp = Date.now() + SETTLE_LIMIT_MS;
    for (let quiet = 0; quiet < 3;) {
      if (this.inflight.size > this.parked) {
        if (Date.now() > giveUp)
          throw new Error(
            `virtual-time: ${this.inflight.size - this.parked} call(s) still in flight after ${SETTLE_LIMIT_MS} ms of real time (a tracked call waiting on virtual time without park?)`
          );
        quiet = 0;
        await Promise.race([...this.inflight, new Promise((r) => setTimeout(r, 5))]);
        continue;
      }
      await new Promise((r) => setImmediate(r));
      quiet++;
    }
  }

  /** Settles, then wakes the earliest sleep(s): false when nothing is left to wake. */
  async step(): Promise<boolean> {
    await this.settle();
    if (this.timers.length === 0) return false;
    const at = Math.min(...this.timers.map((x) => x.at));
    const due = this.timers.filter((x) => x.at === at).sort((a, b) => a.seq - b.seq);
    this.timers = this.timers.filter((x) => x.at !== at);
    this.t = Math.max(this.t, at);
    for (const x of due) x.wake();
    return true;
  }
}
