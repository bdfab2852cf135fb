/**
 * Sends a deployment's log events to its stream. A missing group or an outage never fails or
 * slows a deployment: after the first failed call nothing more is tried in this process (one
 * warning), and what was not sent is kept in the deployment's spool file, which the post step
 * sends with its own (and counts what it still cannot).
 */
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
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
    for (const file of files) {
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const e = JSON.parse(line) as LogEvent;
          if (typeof e.timestamp === 'number' && typeof e.message === 'string') this.buffer.push(e);
        } catch {
          // A torn last line: nothing to send.
        }
      }
      rmSync(file, { force: true });
    }
  }

  /** Sends what is buffered, one flush at a time (in order). */
  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.send());
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
          this.warn(
            `CloudWatch Logs: could not write to ${this.group} ${this.stream} (${this.broken}). The deployment goes on; ${unsent.length} event(s) ${this.spoolFile ? 'are kept for the post step' : 'could not be sent'}.`
          );
        return this.keep(unsent);
      }
    }
  }

  private keep(events: readonly LogEvent[]): void {
    if (!this.spoolFile) {
      this.lost += events.length;
      return;
    }
    appendFileSync(this.spoolFile, events.map((e) => `${JSON.stringify(e)}\n`).join(''), {
      mode: 0o600
    });
    this.kept += events.length;
  }
}
