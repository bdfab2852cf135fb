/**
 * A stage's log, as the runner shows it and, with `log-group`, as structured events in the
 * deployment's CloudWatch Logs stream: a sink in front of the stage's own (every line goes there
 * unchanged), which turns each line into an event with the deployment's context. Lines written
 * before the inputs are read are kept until it is known whether there is a stream to send them to.
 */
import type { AnnotationProps } from '../ports/runtime.js';
import type { LogSink } from '../report/logger.js';
import { escapeText, link } from '../report/markdown.js';
import { eventMessage, streamConsoleUrl, type LogContext, type LogLevel } from './events.js';
import type { LogShipper } from './shipper.js';

/** How often buffered events are sent while a stage runs (a wait, the monitor). */
export const LOG_FLUSH_INTERVAL_MS = 5_000;

interface Line {
  readonly at: number;
  readonly level: LogLevel;
  readonly text: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** `[correlation-id] ` at the start of each line: the event has the ID as a field of its own. */
const untag = (message: string): string =>
  message
    .split('\n')
    .map((l) => l.replace(/^\[[^\]\s]+\] /, ''))
    .join('\n');

export class DeploymentLog implements LogSink {
  private early: Line[] | undefined = [];
  private shipper: LogShipper | undefined;
  private context: LogContext | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly inner: LogSink,
    private readonly now: () => number = Date.now
  ) {}

  info(message: string): void {
    this.inner.info(message);
    this.line('info', message);
  }

  debug(message: string): void {
    this.inner.debug(message);
    this.line('debug', message);
  }

  warning(message: string, props?: AnnotationProps): void {
    this.inner.warning(message, props);
    this.line('warning', message, props?.title ? { title: props.title } : undefined);
  }

  error(message: string, props?: AnnotationProps): void {
    this.inner.error(message, props);
    this.line('error', message, props?.title ? { title: props.title } : undefined);
  }

  /** A milestone with the fields a query looks for (an outcome and its duration), not printed. */
  event(message: string, fields: Readonly<Record<string, unknown>>): void {
    this.line('info', message, fields);
  }

  /** Fields every later event carries (the fence once taken, the outcome once known). */
  note(fields: Readonly<Record<string, unknown>>): void {
    if (this.context) this.context = { ...this.context, ...fields };
  }

  /** Sends the stage's lines to the deployment's stream from here on (and those written before). */
  start(shipper: LogShipper, context: LogContext): void {
    this.shipper = shipper;
    this.context = context;
    for (const l of this.early ?? []) this.ship(l);
    this.early = undefined;
    this.timer = setInterval(() => void shipper.flush(), LOG_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** No stream (no log-group): nothing is kept. */
  off(): void {
    this.early = undefined;
  }

  get stream(): LogShipper | undefined {
    return this.shipper;
  }

  /** Sends what is left; the stage's end. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.shipper?.flush();
  }

  /** The job summary's section: the stream in the console, what was sent, what was not and why. */
  async summarySection(region: string, adopt: readonly string[]): Promise<string> {
    const s = this.shipper;
    if (!s) return '';
    s.adopt(adopt);
    await s.flush();
    const url = streamConsoleUrl(region, s.group, s.stream);
    const lines = [
      '### CloudWatch Logs',
      '',
      `Stream ${link(`${s.group} ${s.stream}`, url).md}: ${s.sent} event(s) sent by this step.`
    ];
    if (s.lost > 0 || s.failure)
      lines.push(
        '',
        `Not delivered: ${s.lost} event(s)${s.failure ? ` (${escapeText(s.failure)})` : ''}. The deployment itself was not affected.`
      );
    return `${lines.join('\n')}\n`;
  }

  private line(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void {
    const l: Line = { at: this.now(), level, text: untag(message), fields };
    if (this.early) this.early.push(l);
    else if (this.shipper) this.ship(l);
  }

  private ship(l: Line): void {
    this.shipper!.add({
      timestamp: l.at,
      message: eventMessage(this.context!, l.at, l.level, l.text, l.fields)
    });
  }
}
