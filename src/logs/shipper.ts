/**
 * Sends a deployment's log events to its stream. A missing group or an outage never fails or
 * slows a deployment: after the first failed call nothing more is tried in this process (one
 * warning), and what was not sent is kept in the deployment's spool file, which the post step
 * sends with its own (and counts what it still cannot).
 */
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { batches, type LogEvent } from './events.js';

/** CloudWatch Logs, as the shipper needs it (src/aws/logs.ts). */
export interface LogsPort {
  createStream(group: string, stream: string): Promise<void>;
  /** Sends one batch; answers how many events the service left out (too old, too new). */
  put(group: string, stream: string, events: readonly LogEvent[]): Promise<number>;
  close(): void;
}

export class LogShipper {
  private buffer: LogEvent[] = [];
  private streamReady = false;
  private broken: string | undefined;
  private sending: Promise<void> = Promise.resolve();
  /** Events the service took. */
  sent = 0;
  /** Events kept in the spool for a later step. */
  kept = 0;
  /** Events that will never reach the stream (the service left them out, or there is no later step). */
  lost = 0;

  constructor(
    private readonly port: LogsPort,
    readonly group: string,
    readonly stream: string,
    private readonly warn: (message: string) => void,
    private readonly describe: (err: unknown) => string,
    /** Where unsent events wait for a later step; none: this is the last step (they are lost). */
    private readonly spoolFile?: string,
    /**
     * An earlier step of the job could not write the stream (and said so): a step with a spool
     * keeps its events there without trying; the last step tries once more, and says nothing new.
     */
    private readonly earlierFailure?: string
  ) {
    if (earlierFailure && spoolFile) this.broken = earlierFailure;
  }

  add(event: LogEvent): void {
    this.buffer.push(event);
  }

  /** Why the stream could not be written, once a call failed. */
  get failure(): string | undefined {
    return this.broken;
  }

  /** Takes the events earlier steps could not send (their spool files are consumed). */
  adopt(files: readonly string[]): void {
    for (const file of files) this.safely(() => this.adoptOne(file));
  }

  private adoptOne(file: string): void {
    if (!existsSync(file)) return;
    // Taken away first: a line another process appends meanwhile goes to a new file, not lost.
    const taken = `${file}.${process.pid}.sending`;
    renameSync(file, taken);
    for (const line of readFileSync(taken, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const e = JSON.parse(line) as LogEvent;
        if (typeof e.timestamp === 'number' && typeof e.message === 'string') this.buffer.push(e);
      } catch {
        // A torn last line: nothing to send.
      }
    }
    rmSync(taken, { force: true });
  }

  /** Sends what is buffered, one flush at a time (in order). */
  flush(): Promise<void> {
    // Never rejects: a log that cannot be written must not end a step (or the monitor).
    this.sending = this.sending.then(() => this.send()).catch(() => undefined);
    return this.sending;
  }

  private async send(): Promise<void> {
    const events = this.buffer;
    this.buffer = [];
    if (events.length === 0) return;
    if (this.broken) return this.keep(events);
    const parts = batches(events);
    for (let i = 0; i < parts.length; i++) {
      try {
        if (!this.streamReady) {
          await this.port.createStream(this.group, this.stream);
          this.streamReady = true;
        }
        const left = await this.port.put(this.group, this.stream, parts[i]!);
        this.lost += left;
        this.sent += parts[i]!.length - left;
      } catch (err) {
        this.broken = this.describe(err);
        const unsent = parts.slice(i).flat();
        if (!this.earlierFailure)
          this.safely(() =>
            this.warn(
              `CloudWatch Logs: could not write to ${this.group} ${this.stream} (${this.broken}). The deployment goes on; ${unsent.length} event(s) ${this.spoolFile ? 'are kept for the post step' : 'could not be sent'}.`
            )
          );
        return this.keep(unsent);
      }
    }
  }

  private keep(events: readonly LogEvent[]): void {
    const file = this.spoolFile;
    const kept =
      file !== undefined &&
      this.safely(() =>
        appendFileSync(file, events.map((e) => `${JSON.stringify(e)}\n`).join(''), {
          mode: 0o600
        })
      );
    if (kept) this.kept += events.length;
    else this.lost += events.length;
  }

  /** True when `act` ran; false when it threw (a full disk, a folder gone): counted, never raised. */
  private safely(act: () => void): boolean {
    try {
      act();
      return true;
    } catch {
      return false;
    }
  }
}
