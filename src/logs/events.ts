/**
 * The deployment's log in CloudWatch Logs, as pure data: every line a stage or the monitor writes
 * becomes one JSON event (time, correlation ID, environment, stage, level, message, and the fields
 * that matter), in one stream per deployment, sent in batches within PutLogEvents' limits.
 */

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** Where a line was written. */
export type LogStage = 'pre' | 'coordinate' | 'monitor' | 'finalize';

/** One structured event, before it is sent. */
export interface LogEvent {
  readonly timestamp: number;
  /** The JSON text CloudWatch Logs keeps (see `eventMessage`). */
  readonly message: string;
}

/** What every event of a deployment carries, and what a stage adds as it learns it. */
export interface LogContext {
  readonly correlationId: string;
  readonly environment: string;
  readonly stage: LogStage;
  readonly stacks?: readonly string[];
  readonly runUrl?: string;
  readonly [field: string]: unknown;
}

/** PutLogEvents' limits (the service refuses a batch past any of them). */
export const PUT_LOG_EVENTS = {
  maxEvents: 10_000,
  maxBytes: 1_048_576,
  overheadBytes: 26,
  maxSpanMs: 24 * 3_600_000,
  /** One event's message; longer ones are cut (well under the service's own limit). */
  maxMessageBytes: 256 * 1024 - 26
} as const;

/** The stream of a deployment: `<environment>/<correlation-id>` (':' and '*' are not allowed). */
export const streamName = (environment: string, correlationId: string): string =>
  `${environment}/${correlationId}`.replace(/[:*]/g, '_').slice(0, 512);

/** The event's JSON: the context's fields, then the line's own. */
export function eventMessage(
  context: LogContext,
  at: number,
  level: LogLevel,
  message: string,
  fields: Readonly<Record<string, unknown>> = {}
): string {
  const json = JSON.stringify({
    time: new Date(at).toISOString(),
    ...context,
    level,
    message,
    ...fields
  });
  return Buffer.byteLength(json) <= PUT_LOG_EVENTS.maxMessageBytes
    ? json
    : JSON.stringify({
        time: new Date(at).toISOString(),
        ...context,
        level,
        message: `${message.slice(0, 16_384)} (cut: the line was longer than a log event may be)`
      });
}

/**
 * The events in time order (stable: lines of one moment keep their order), cut into batches
 * PutLogEvents accepts: at most 10,000 events, 1 MiB with 26 bytes per event, 24 hours from the
 * first to the last.
 */
export function batches(events: readonly LogEvent[]): LogEvent[][] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
    .map(({ e }) => e);
  const out: LogEvent[][] = [];
  let batch: LogEvent[] = [];
  let bytes = 0;
  for (const e of sorted) {
    const size = Buffer.byteLength(e.message) + PUT_LOG_EVENTS.overheadBytes;
    const full =
      batch.length >= PUT_LOG_EVENTS.maxEvents ||
      bytes + size > PUT_LOG_EVENTS.maxBytes ||
      (batch.length > 0 && e.timestamp - batch[0]!.timestamp > PUT_LOG_EVENTS.maxSpanMs);
    if (full) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** The stream in the CloudWatch console (its path segments are encoded twice, with `$` for `%`). */
export function streamConsoleUrl(region: string, group: string, stream: string): string {
  const enc = (s: string): string => encodeURIComponent(encodeURIComponent(s)).replace(/%/g, '$');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${enc(group)}/log-events/${enc(stream)}`;
}
