/**
 * CloudWatch Logs stand-in on loopback.
 *
 * An HTTP server on 127.0.0.1 (random port) that speaks the JSON 1.1 protocol the real
 * `@aws-sdk/client-cloudwatch-logs` uses: `POST /` with `X-Amz-Target: Logs_20140328.<Operation>`,
 * `Content-Type: application/x-amz-json-1.1` and a JSON body; answers are JSON, errors
 * `{"__type": "<Code>", "message": "..."}` (HTTP 400, 5xx for server faults) as the service sends
 * them, so the client throws its typed exception (`ResourceNotFoundException`, ...). Point a client
 * at it with `endpoint: logs.url`, or set `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` (service id
 * "CloudWatch Logs"); any region, dummy credentials: signatures are never checked.
 *
 * Served: CreateLogGroup, PutRetentionPolicy, CreateLogStream, DescribeLogStreams, PutLogEvents
 * (what the product calls), GetLogEvents, FilterLogEvents (what tests read); anything else is
 * `UnknownOperationException`. PutLogEvents keeps the service's rules: 1 to 10,000 events, a batch
 * of at most 1,048,576 bytes (UTF-8 message bytes + 26 per event), no event over 1 MB, events in
 * chronological order, valid events spanning at most 24 hours (each an InvalidParameterException,
 * nothing stored); events older than 14 days (or the group's retention) or more than 2 hours in
 * the future are left out and reported in `rejectedLogEventsInfo`. `sequenceToken` is ignored.
 * (Not documented, so chosen here: an event older than both 14 days and the retention is counted
 * in `tooOldLogEventEndIndex` and `expiredLogEventEndIndex` alike; shape errors come before a
 * missing group or stream, the size checks after.)
 *
 * Time is `Date.now()` or the `now()` given to `start` (the ingestion time, the 14-day / 2-hour
 * window). Every call is in `calls`; its operation also goes to the run-wide record of the
 * product's AWS calls (`aws-calls.ts`, as `logs:<Operation>`) unless it is a test's own
 * (`asTestCaller`). Faults: `failNext` (typed error, bare HTTP status, destroyed connection) and
 * `down` (refused connections, 503s, or destroyed connections until `down(false)`).
 */
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { recordAwsCall } from './aws-calls.js';
import { closeWithConnections, listenOnLoopback, withBody } from './http-server.js';

// ---------------------------------------------------------------------------------------------
// Public types and the service's limits
// ---------------------------------------------------------------------------------------------

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';
/** The SDK's endpoint variable for this client (service id "CloudWatch Logs"). */
export const LOGS_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS';
export const LOGS_REGION = 'us-east-1';
export const LOGS_ACCOUNT = '123456789012';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** PutLogEvents' limits, as the API reference states them. */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  maxBatchBytes: 1_048_576,
  /** Added to each event's UTF-8 message bytes, for the batch and the event limit alike. */
  eventOverheadBytes: 26,
  maxEventBytes: 1_048_576,
  maxAgeMs: 14 * DAY_MS,
  maxFutureMs: 2 * HOUR_MS,
  maxSpanMs: DAY_MS
} as const;

/** The values PutRetentionPolicy accepts. */
export const RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653
];

export type LogsOperation =
  | 'CreateLogGroup'
  | 'PutRetentionPolicy'
  | 'CreateLogStream'
  | 'DescribeLogStreams'
  | 'PutLogEvents'
  | 'GetLogEvents'
  | 'FilterLogEvents';

/** A typed AWS error: `code` is the exception's name (`ThrottlingException`, ...). */
export interface LogsError {
  code: string;
  message?: string;
  /** Default: 503 for ServiceUnavailableException, 500 for InternalServerException, else 400. */
  status?: number;
}

/**
 * A scripted fault: a typed error; a bare HTTP status (empty body, no error type: the client throws
 * `Unknown`, a server fault for a 5xx); or 'destroy' (the connection is destroyed once the request
 * is read: no answer at all, the client sees "socket hang up").
 */
export type LogsFault = LogsError | number | 'destroy';

/**
 * 'refuse': nothing listens on the port (ECONNREFUSED); 503: every call answers a bare 503 (as
 * `failNext(op, 503)`); 'destroy': every connection is destroyed without an answer.
 */
export type DownMode = 'refuse' | 503 | 'destroy';

export interface LogsCall {
  /** The operation (`X-Amz-Target` without `Logs_20140328.`), '' when there was none. */
  op: string;
  /** The request's JSON body ({} when it was not JSON). */
  params: Record<string, unknown>;
  at: number;
  /** HTTP status answered; 0 when the connection was destroyed. */
  status: number;
  /** The error code answered, if any (scripted or not); `HTTP <status>` for a bare status;
   * 'destroy' for a destroyed connection. */
  error?: string;
}

export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

// ---------------------------------------------------------------------------------------------
// Internal state
// ---------------------------------------------------------------------------------------------

interface EventState extends StoredLogEvent {
  /** Arrival order across the stand-in: the tie-break between equal timestamps, and the eventId. */
  seq: number;
}

interface StreamState {
  name: string;
  createdAt: number;
  /** In timestamp order (arrival order between equal timestamps), as the service returns them. */
  events: EventState[];
  lastIngestionTime?: number;
  puts: number;
}

interface GroupState {
  name: string;
  createdAt: number;
  retentionInDays?: number;
  streams: Map<string, StreamState>;
}

interface FailRule {
  op: string;
  fault: LogsFault;
  remaining: number;
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message);
  }
}

type Params = Record<string, unknown>;

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;

// ---------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------

export class LogsStandin {
  readonly url: string;
  readonly port: number;
  readonly calls: LogsCall[] = [];

  private readonly server: Server;
  private readonly clock: () => number;
  private readonly groups = new Map<string, GroupState>();
  private rules: FailRule[] = [];
  private downMode: DownMode | undefined;
  private listening = true;
  private closed = false;
  private seq = 0;

  private constructor(server: Server, port: number, now: () => number) {
    this.server = server;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.clock = now;
  }

  static async start(opts: { now?: () => number } = {}): Promise<LogsStandin> {
    const holder: { self?: LogsStandin } = {};
    const server = new Server(
      withBody((req, res, raw) => {
        if (holder.self) holder.self.handle(req, res, raw);
        else res.writeHead(503).end();
      })
    );
    // Node's client agents drop a kept-alive socket 1 s before the server's hint.
    server.keepAliveTimeout = 5000;
    const self = new LogsStandin(server, await listenOnLoopback(server), opts.now ?? Date.now);
    holder.self = self;
    return self;
  }

  /** The stand-in's current time (ms since epoch). */
  now(): number {
    return this.clock();
  }

  callsOf(op: string): LogsCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** Creates a log group (no-op if it exists), with a retention if given. */
  createGroup(name: string, opts: { retentionInDays?: number } = {}): void {
    const g = this.groups.get(name) ?? this.newGroup(name);
    if (opts.retentionInDays !== undefined) g.retentionInDays = opts.retentionInDays;
  }

  /** Creates a log stream (no-op if it exists); the group must exist. */
  createStream(group: string, stream: string): void {
    const g = this.groups.get(group);
    if (!g) throw new Error(`logs-standin: no log group ${group}`);
    if (!g.streams.has(stream)) g.streams.set(stream, this.newStream(stream));
  }

  /** Deletes a log group and its streams (the product's next call finds it missing). */
  removeGroup(name: string): void {
    this.groups.delete(name);
  }

  /** The log groups' names, sorted. */
  groupNames(): string[] {
    return [...this.groups.keys()].sort();
  }

  /** The group's retention, if one was set; undefined also when the group does not exist. */
  retentionOf(group: string): number | undefined {
    return this.groups.get(group)?.retentionInDays;
  }

  /** The group's stream names, sorted (as DescribeLogStreams lists them); [] for no group. */
  streams(group: string): string[] {
    return [...(this.groups.get(group)?.streams.keys() ?? [])].sort();
  }

  /** A stream's events in timestamp order; [] when the stream does not exist. */
  events(group: string, stream: string): StoredLogEvent[] {
    const s = this.groups.get(group)?.streams.get(stream);
    return (s?.events ?? []).map(({ timestamp, message, ingestionTime }) => ({
      timestamp,
      message,
      ingestionTime
    }));
  }

  /** The next `count` calls of `op` (any operation for '*') get this fault instead of an answer. */
  failNext(op: LogsOperation | '*', fault: LogsFault, count = 1): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`logs-standin: failNext count must be a positive integer, got ${count}`);
    }
    if (typeof fault === 'number' && (!Number.isInteger(fault) || fault < 400 || fault > 599)) {
      throw new Error(`logs-standin: failNext status must be 4xx or 5xx, got ${fault}`);
    }
    this.rules.push({ op, fault, remaining: count });
  }

  /** Scripted faults not yet used. */
  faultsPending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }

  /**
   * An outage until `down(false)` (see `DownMode`; default 'refuse': the port stops listening, the
   * same port listens again after). Calls answered 503 or destroyed are still in `calls`; refused
   * ones never arrive.
   */
  async down(on = true, mode: DownMode = 'refuse'): Promise<void> {
    if (this.closed) throw new Error('logs-standin: closed');
    this.downMode = on ? mode : undefined;
    if (on && mode === 'refuse' && this.listening) {
      this.listening = false;
      await closeWithConnections(this.server);
      // Let in-process clients see their pooled keep-alive sockets close, so that their next
      // request opens a connection and is refused, rather than failing with "socket hang up".
      await new Promise((r) => setTimeout(r, 5));
    } else if ((!on || mode !== 'refuse') && !this.listening) {
      await listenOnLoopback(this.server, this.port);
      this.listening = true;
    }
  }

  /** Forgets groups, calls, scripted faults and any outage (listening again if it was refusing). */
  async reset(): Promise<void> {
    this.groups.clear();
    this.calls.length = 0;
    this.rules = [];
    await this.down(false);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.listening) return;
    this.listening = false;
    await closeWithConnections(this.server);
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const target = req.headers['x-amz-target'];
    const op =
      typeof target === 'string' && target.startsWith(LOGS_TARGET_PREFIX)
        ? target.slice(LOGS_TARGET_PREFIX.length)
        : '';
    recordAwsCall('logs', op, req);
    let params: Params = {};
    let parsed: unknown;
    let badJson = false;
    try {
      parsed = raw.trim() === '' ? {} : JSON.parse(raw);
      if (isRecord(parsed)) params = parsed;
      else badJson = true;
    } catch {
      badJson = true;
    }
    const call: LogsCall = { op, params, at: this.now(), status: 0 };
    this.calls.push(call);

    const fault = this.downMode === 'refuse' ? undefined : (this.downMode ?? this.takeFault(op));
    if (fault === 'destroy') {
      call.error = 'destroy';
      req.socket.destroy();
      return;
    }
    if (typeof fault === 'number') {
      call.status = fault;
      call.error = `HTTP ${fault}`;
      sendGatewayError(res, fault);
      return;
    }
    try {
      if (fault) {
        throw new ApiError(
          fault.code,
          fault.message ?? defaultMessage(fault.code),
          fault.status ?? defaultStatus(fault.code)
        );
      }
      if (typeof target !== 'string' || op === '') {
        throw new ApiError('UnknownOperationException', 'Missing or unknown X-Amz-Target');
      }
      if (badJson) throw new ApiError('SerializationException', 'Malformed JSON request body');
      const result = this.dispatch(op, params);
      call.status = 200;
      sendJson(res, 200, result);
    } catch (err) {
      const e =
        err instanceof ApiError
          ? err
          : new ApiError(
              'InternalServerException',
              `Internal failure: ${err instanceof Error ? err.message : String(err)}`,
              500
            );
      call.status = e.status;
      call.error = e.code;
      sendJson(res, e.status, { __type: e.code, message: e.message });
    }
  }

  private takeFault(op: string): LogsFault | undefined {
    const rule = this.rules.find((r) => r.op === '*' || r.op === op);
    if (!rule) return undefined;
    if (--rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }

  private dispatch(op: string, p: Params): Params {
    switch (op) {
      case 'CreateLogGroup':
        return this.createLogGroup(p);
      case 'PutRetentionPolicy':
        return this.putRetentionPolicy(p);
      case 'CreateLogStream':
        return this.createLogStream(p);
      case 'DescribeLogStreams':
        return this.describeLogStreams(p);
      case 'PutLogEvents':
        return this.putLogEvents(p);
      case 'GetLogEvents':
        return this.getLogEvents(p);
      case 'FilterLogEvents':
        return this.filterLogEvents(p);
      default:
        throw new ApiError('UnknownOperationException', `Operation ${op} is not served`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Operations
  // -------------------------------------------------------------------------------------------

  private createLogGroup(p: Params): Params {
    const name = groupNameParam(p, 'logGroupName');
    if (this.groups.has(name)) {
      throw new ApiError(
        'ResourceAlreadyExistsException',
        'The specified log group already exists'
      );
    }
    this.newGroup(name);
    return {};
  }

  private putRetentionPolicy(p: Params): Params {
    const name = groupNameParam(p, 'logGroupName');
    const days = required(p, 'retentionInDays', optNumber(p, 'retentionInDays'));
    if (!RETENTION_DAYS.includes(days)) {
      throw validation(
        String(days),
        'retentionInDays',
        `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`
      );
    }
    this.mustGroup(name).retentionInDays = days;
    return {};
  }

  private createLogStream(p: Params): Params {
    const group = groupNameParam(p, 'logGroupName');
    const name = streamNameParam(p);
    const g = this.mustGroup(group);
    if (g.streams.has(name)) {
      throw new ApiError(
        'ResourceAlreadyExistsException',
        'The specified log stream already exists'
      );
    }
    g.streams.set(name, this.newStream(name));
    return {};
  }

  private describeLogStreams(p: Params): Params {
    const g = this.mustGroup(this.groupParam(p));
    const prefix = optString(p, 'logStreamNamePrefix');
    const orderBy = optString(p, 'orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      throw validation(
        orderBy,
        'orderBy',
        'Member must satisfy enum value set: [LogStreamName, LastEventTime]'
      );
    }
    if (prefix !== undefined && orderBy === 'LastEventTime') {
      throw new ApiError(
        'InvalidParameterException',
        'Cannot order by LastEventTime with a logStreamNamePrefix.'
      );
    }
    const limit = limitParam(p, 50) ?? 50;
    let streams = [...g.streams.values()].filter(
      (s) => prefix === undefined || s.name.startsWith(prefix)
    );
    streams.sort((a, b) =>
      orderBy === 'LogStreamName'
        ? compare(a.name, b.name)
        : (lastEvent(a) ?? 0) - (lastEvent(b) ?? 0) || compare(a.name, b.name)
    );
    if (optBoolean(p, 'descending') === true) streams.reverse();
    const from = decodeOffset(optString(p, 'nextToken'), 'd');
    streams = streams.slice(from);
    const page = streams.slice(0, limit);
    return {
      logStreams: page.map((s) => ({
        logStreamName: s.name,
        creationTime: s.createdAt,
        firstEventTimestamp: s.events[0]?.timestamp,
        lastEventTimestamp: lastEvent(s),
        lastIngestionTime: s.lastIngestionTime,
        uploadSequenceToken: sequenceToken(s.puts),
        arn: `${groupArn(g.name)}:log-stream:${s.name}`,
        storedBytes: 0
      })),
      nextToken: streams.length > limit ? encodeOffset('d', from + limit) : undefined
    };
  }

  private putLogEvents(p: Params): Params {
    const L = PUT_LOG_EVENTS_LIMITS;
    const group = groupNameParam(p, 'logGroupName');
    const name = streamNameParam(p);
    const raw = p['logEvents'];
    if (raw === undefined || raw === null) {
      throw validation(null, 'logEvents', 'Member must not be null');
    }
    if (!Array.isArray(raw)) throw new ApiError('SerializationException', 'logEvents: not a list');
    if (raw.length < 1) {
      throw validation('[]', 'logEvents', 'Member must have length greater than or equal to 1');
    }
    if (raw.length > L.maxEvents) {
      throw validation(
        `[${raw.length} events]`,
        'logEvents',
        `Member must have length less than or equal to ${L.maxEvents}`
      );
    }
    const events = raw.map((e: unknown, i): { timestamp: number; message: string } => {
      const at = `logEvents.${i + 1}.member`;
      if (!isRecord(e)) throw new ApiError('SerializationException', `${at}: not a structure`);
      const timestamp = e['timestamp'];
      const message = e['message'];
      if (typeof timestamp !== 'number')
        throw validation(null, `${at}.timestamp`, 'Member must not be null');
      if (typeof message !== 'string')
        throw validation(null, `${at}.message`, 'Member must not be null');
      if (message.length < 1) {
        throw validation('', `${at}.message`, 'Member must have length greater than or equal to 1');
      }
      return { timestamp, message };
    });
    const s = this.mustStream(this.mustGroup(group), name);

    let total = 0;
    for (const e of events) {
      const size = Buffer.byteLength(e.message, 'utf8') + L.eventOverheadBytes;
      if (size > L.maxEventBytes) {
        throw new ApiError(
          'InvalidParameterException',
          `Log event too large: ${size} bytes exceeds limit of ${L.maxEventBytes}`
        );
      }
      total += size;
    }
    if (total > L.maxBatchBytes) {
      throw new ApiError(
        'InvalidParameterException',
        `Upload too large: ${total} bytes exceeds limit of ${L.maxBatchBytes}`
      );
    }
    for (let i = 1; i < events.length; i++) {
      if ((events[i]?.timestamp ?? 0) < (events[i - 1]?.timestamp ?? 0)) {
        throw new ApiError(
          'InvalidParameterException',
          'Log events in a single PutLogEvents request must be in chronological order.'
        );
      }
    }

    // In chronological order, the too old (and expired) events are a prefix, the too new a suffix.
    const now = this.now();
    const retention = this.groups.get(group)?.retentionInDays;
    const tooOldBefore = now - L.maxAgeMs;
    const expiredBefore = retention === undefined ? -Infinity : now - retention * DAY_MS;
    const lastIndex = (pred: (t: number) => boolean): number | undefined => {
      let last: number | undefined;
      events.forEach((e, i) => {
        if (pred(e.timestamp)) last = i;
      });
      return last;
    };
    const tooOldEnd = lastIndex((t) => t < tooOldBefore);
    const expiredEnd = lastIndex((t) => t < expiredBefore);
    const tooNewStart = events.findIndex((e) => e.timestamp > now + L.maxFutureMs);
    const from = Math.max(tooOldEnd ?? -1, expiredEnd ?? -1) + 1;
    const to = tooNewStart < 0 ? events.length : tooNewStart;
    const valid = events.slice(from, Math.max(from, to));
    const first = valid[0];
    const last = valid.at(-1);
    if (first && last && last.timestamp - first.timestamp > L.maxSpanMs) {
      throw new ApiError(
        'InvalidParameterException',
        'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.'
      );
    }

    for (const e of valid) insertInOrder(s.events, { ...e, ingestionTime: now, seq: ++this.seq });
    if (valid.length > 0) s.lastIngestionTime = now;
    s.puts++;
    const rejected = {
      tooNewLogEventStartIndex: tooNewStart < 0 ? undefined : tooNewStart,
      tooOldLogEventEndIndex: tooOldEnd,
      expiredLogEventEndIndex: expiredEnd
    };
    return {
      nextSequenceToken: sequenceToken(s.puts),
      rejectedLogEventsInfo: Object.values(rejected).some((v) => v !== undefined)
        ? rejected
        : undefined
    };
  }

  private getLogEvents(p: Params): Params {
    const g = this.mustGroup(this.groupParam(p));
    const s = this.mustStream(g, streamNameParam(p));
    const events = inWindow(s.events, p);
    const limit = limitParam(p, 10_000);
    const token = optString(p, 'nextToken');
    let from: number;
    let to: number;
    if (token !== undefined) {
      const m = /^([fb])\/(\d{1,56})$/.exec(token);
      const pos = m ? Number(m[2]) : NaN;
      if (!m || !Number.isSafeInteger(pos) || pos > events.length) {
        throw new ApiError('InvalidParameterException', 'The specified nextToken is invalid.');
      }
      [from, to] =
        m[1] === 'f' ? pageForward(events, pos, limit) : pageBackward(events, pos, limit);
    } else if (optBoolean(p, 'startFromHead') === true) {
      [from, to] = pageForward(events, 0, limit);
    } else {
      [from, to] = pageBackward(events, events.length, limit);
    }
    return {
      events: events.slice(from, to).map(({ timestamp, message, ingestionTime }) => ({
        timestamp,
        message,
        ingestionTime
      })),
      nextForwardToken: `f/${String(to).padStart(56, '0')}`,
      nextBackwardToken: `b/${String(from).padStart(56, '0')}`
    };
  }

  private filterLogEvents(p: Params): Params {
    const g = this.mustGroup(this.groupParam(p));
    const names = optStringList(p, 'logStreamNames');
    const prefix = optString(p, 'logStreamNamePrefix');
    if (names !== undefined && prefix !== undefined) {
      throw new ApiError(
        'InvalidParameterException',
        'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.'
      );
    }
    if (names !== undefined && (names.length < 1 || names.length > 100)) {
      throw validation(
        `[${names.join(', ')}]`,
        'logStreamNames',
        'Member must have length less than or equal to 100 and greater than or equal to 1'
      );
    }
    const match = compileFilterPattern(optString(p, 'filterPattern') ?? '');
    const limit = limitParam(p, 10_000);
    const streams = [...g.streams.values()]
      .filter((s) =>
        names ? names.includes(s.name) : prefix === undefined || s.name.startsWith(prefix)
      )
      .sort((a, b) => compare(a.name, b.name));
    const all = streams
      .flatMap((s) => inWindow(s.events, p).map((e) => ({ stream: s.name, e })))
      .filter(({ e }) => match(e.message))
      .sort((a, b) => a.e.timestamp - b.e.timestamp || a.e.seq - b.e.seq);
    if (optBoolean(p, 'startFromHead') === false) all.reverse();
    const from = decodeOffset(optString(p, 'nextToken'), 'e');
    const [, to] = pageForward(
      all.map(({ e }) => e),
      Math.min(from, all.length),
      limit
    );
    return {
      events: all.slice(from, to).map(({ stream, e }) => ({
        logStreamName: stream,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: String(e.seq).padStart(56, '0')
      })),
      searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })),
      nextToken: to < all.length ? encodeOffset('e', to) : undefined
    };
  }

  // -------------------------------------------------------------------------------------------
  // State helpers
  // -------------------------------------------------------------------------------------------

  private newGroup(name: string): GroupState {
    const g: GroupState = { name, createdAt: this.now(), streams: new Map() };
    this.groups.set(name, g);
    return g;
  }

  private newStream(name: string): StreamState {
    return { name, createdAt: this.now(), events: [], puts: 0 };
  }

  /** The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN), not both. */
  private groupParam(p: Params): string {
    const name = optString(p, 'logGroupName');
    const id = optString(p, 'logGroupIdentifier');
    if (name !== undefined && id !== undefined) {
      throw new ApiError(
        'InvalidParameterException',
        'LogGroup name and LogGroup ARN are mutually exclusive parameters.'
      );
    }
    if (name !== undefined) return groupNameParam(p, 'logGroupName');
    if (id === undefined) {
      throw new ApiError(
        'InvalidParameterException',
        'Either logGroupName or logGroupIdentifier must be specified.'
      );
    }
    const arn = /^arn:aws:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/.exec(id);
    return arn?.[1] ?? id;
  }

  private mustGroup(name: string): GroupState {
    const g = this.groups.get(name);
    if (!g)
      throw new ApiError('ResourceNotFoundException', 'The specified log group does not exist.');
    return g;
  }

  private mustStream(g: GroupState, name: string): StreamState {
    const s = g.streams.get(name);
    if (!s)
      throw new ApiError('ResourceNotFoundException', 'The specified log stream does not exist.');
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Filter patterns
// ---------------------------------------------------------------------------------------------

/**
 * A matcher for a filter pattern: '' matches every event; terms (`ERROR`, `"disk full"`) must all
 * appear, `?a ?b` any of them, `-term` none (case-sensitive, as the service); a JSON pattern
 * `{ $.a.b = "v" && $.n > 3 }` compares fields of a JSON message (`=`, `!=` with strings, `*`
 * wildcards, numbers, true/false/null; `<`, `<=`, `>`, `>=` with numbers; `&&` binds tighter than
 * `||`; no parentheses). Space-delimited patterns (`[a, b]`) are not supported.
 */
export function compileFilterPattern(pattern: string): (message: string) => boolean {
  const text = pattern.trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) {
    throw new ApiError(
      'InvalidParameterException',
      'logs-standin: space-delimited filter patterns are not supported'
    );
  }
  const terms = text.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const t of terms) {
    const sign = t[0] === '?' || t[0] === '-' ? t[0] : '';
    let body = t.slice(sign.length);
    if (body.startsWith('"')) {
      if (body.length < 2 || !body.endsWith('"')) throw invalidPattern();
      body = body.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (body === '') throw invalidPattern();
    (sign === '?' ? any : sign === '-' ? none : all).push(body);
  }
  return (m) =>
    all.every((t) => m.includes(t)) &&
    (any.length === 0 || any.some((t) => m.includes(t))) &&
    !none.some((t) => m.includes(t));
}

function compileJsonPattern(text: string): (message: string) => boolean {
  if (!text.endsWith('}')) throw invalidPattern();
  const body = text.slice(1, -1).trim();
  if (body === '' || /[()]/.test(stripStrings(body))) throw invalidPattern();
  const disjuncts = splitOutsideStrings(body, '||').map((d) =>
    splitOutsideStrings(d, '&&').map(compileComparison)
  );
  return (m) => {
    let doc: unknown;
    try {
      doc = JSON.parse(m);
    } catch {
      return false;
    }
    return disjuncts.some((conj) => conj.every((c) => c(doc)));
  };
}

function compileComparison(text: string): (doc: unknown) => boolean {
  const m = /^\s*\$((?:\.[A-Za-z0-9_@-]+|\[\d+\])+)\s*(=|!=|<=|>=|<|>)\s*(.+?)\s*$/.exec(text);
  if (!m) throw invalidPattern();
  const [, pathText = '', op = '', valueText = ''] = m;
  const path = [...pathText.matchAll(/\.([A-Za-z0-9_@-]+)|\[(\d+)\]/g)].map((p) =>
    p[1] !== undefined ? p[1] : Number(p[2])
  );
  const get = (doc: unknown): unknown => {
    let v: unknown = doc;
    for (const k of path) {
      if (typeof k === 'number') v = Array.isArray(v) ? (v[k] as unknown) : undefined;
      else v = isRecord(v) ? v[k] : undefined;
    }
    return v;
  };
  const number = Number(valueText);
  const numeric = valueText !== '' && Number.isFinite(number) && !valueText.startsWith('"');
  if (op !== '=' && op !== '!=') {
    if (!numeric) throw invalidPattern();
    return (doc) => {
      const v = get(doc);
      if (typeof v !== 'number') return false;
      return op === '<'
        ? v < number
        : op === '<='
          ? v <= number
          : op === '>'
            ? v > number
            : v >= number;
    };
  }
  let equals: (v: unknown) => boolean;
  if (numeric) equals = (v) => typeof v === 'number' && v === number;
  else if (valueText === 'true' || valueText === 'false')
    equals = (v) => v === (valueText === 'true');
  else if (valueText === 'null') equals = (v) => v === null;
  else {
    const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(valueText);
    const raw = quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : valueText;
    if (!quoted && /\s/.test(raw)) throw invalidPattern();
    const re = new RegExp(`^${raw.split('*').map(escapeRegExp).join('.*')}$`);
    equals = (v) => typeof v === 'string' && re.test(v);
  }
  return op === '='
    ? (doc) => equals(get(doc))
    : (doc) => get(doc) !== undefined && !equals(get(doc));
}

function invalidPattern(): ApiError {
  return new ApiError('InvalidParameterException', 'Invalid character(s) in term');
}

function stripStrings(s: string): string {
  return s.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

function splitOutsideStrings(s: string, sep: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Parameters, pages, answers
// ---------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The service's shape-validation error (CloudWatch Logs names it InvalidParameterException). */
function validation(value: string | null, field: string, constraint: string): ApiError {
  const v = value === null ? 'null' : `'${value}'`;
  return new ApiError(
    'InvalidParameterException',
    `1 validation error detected: Value ${v} at '${field}' failed to satisfy constraint: ${constraint}`
  );
}

function required<T>(_p: Params, field: string, v: T | undefined): T {
  if (v === undefined) throw validation(null, field, 'Member must not be null');
  return v;
}

function optString(p: Params, field: string): string | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError('SerializationException', `${field}: not a string`);
  return v;
}

function optNumber(p: Params, field: string): number | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw new ApiError('SerializationException', `${field}: not a number`);
  return v;
}

function optBoolean(p: Params, field: string): boolean | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean')
    throw new ApiError('SerializationException', `${field}: not a boolean`);
  return v;
}

function optStringList(p: Params, field: string): string[] | undefined {
  const v = p[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new ApiError('SerializationException', `${field}: not a list of strings`);
  }
  return v;
}

function nameParam(p: Params, field: string, pattern: RegExp): string {
  const v = required(p, field, optString(p, field));
  if (v.length < 1)
    throw validation(v, field, 'Member must have length greater than or equal to 1');
  if (v.length > 512)
    throw validation(v, field, 'Member must have length less than or equal to 512');
  if (!pattern.test(v)) {
    throw validation(
      v,
      field,
      `Member must satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`
    );
  }
  return v;
}

function groupNameParam(p: Params, field: string): string {
  return nameParam(p, field, GROUP_NAME);
}

function streamNameParam(p: Params): string {
  return nameParam(p, 'logStreamName', STREAM_NAME);
}

function limitParam(p: Params, max: number): number | undefined {
  const v = optNumber(p, 'limit');
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 1) {
    throw validation(String(v), 'limit', 'Member must have value greater than or equal to 1');
  }
  if (v > max)
    throw validation(String(v), 'limit', `Member must have value less than or equal to ${max}`);
  return v;
}

/** The events with `startTime <= timestamp < endTime`. */
function inWindow(events: EventState[], p: Params): EventState[] {
  const start = optNumber(p, 'startTime');
  const end = optNumber(p, 'endTime');
  return events.filter(
    (e) => (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp < end)
  );
}

/** Without a limit, a page holds up to 10,000 events and 1 MB (as the service's default). */
const DEFAULT_PAGE = { events: 10_000, bytes: 1_048_576 };

function fits(e: StoredLogEvent, count: number, bytes: number, limit: number | undefined): boolean {
  if (limit !== undefined) return count < limit;
  const size = Buffer.byteLength(e.message, 'utf8') + PUT_LOG_EVENTS_LIMITS.eventOverheadBytes;
  return count < DEFAULT_PAGE.events && (count === 0 || bytes + size <= DEFAULT_PAGE.bytes);
}

function pageForward(events: StoredLogEvent[], from: number, limit?: number): [number, number] {
  let to = from;
  let bytes = 0;
  for (let e = events[to]; e !== undefined && fits(e, to - from, bytes, limit); e = events[to]) {
    bytes += Buffer.byteLength(e.message, 'utf8') + PUT_LOG_EVENTS_LIMITS.eventOverheadBytes;
    to++;
  }
  return [from, to];
}

function pageBackward(events: StoredLogEvent[], to: number, limit?: number): [number, number] {
  let from = to;
  let bytes = 0;
  for (
    let e = events[from - 1];
    e !== undefined && fits(e, to - from, bytes, limit);
    e = events[from - 1]
  ) {
    bytes += Buffer.byteLength(e.message, 'utf8') + PUT_LOG_EVENTS_LIMITS.eventOverheadBytes;
    from--;
  }
  return [from, to];
}

function encodeOffset(kind: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: kind, i: offset }), 'utf8').toString('base64url');
}

function decodeOffset(token: string | undefined, kind: string): number {
  if (token === undefined) return 0;
  try {
    const o = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      i?: unknown;
    };
    if (o.k === kind && typeof o.i === 'number' && Number.isInteger(o.i) && o.i >= 0) return o.i;
  } catch {
    // fall through
  }
  throw new ApiError('InvalidParameterException', 'The specified nextToken is invalid.');
}

/** Inserts after every event with a timestamp at or before its own (arrival order on ties). */
function insertInOrder(events: EventState[], e: EventState): void {
  let i = events.length;
  while (i > 0 && (events[i - 1]?.timestamp ?? 0) > e.timestamp) i--;
  events.splice(i, 0, e);
}

function lastEvent(s: StreamState): number | undefined {
  return s.events.at(-1)?.timestamp;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupArn(name: string): string {
  return `arn:aws:logs:${LOGS_REGION}:${LOGS_ACCOUNT}:log-group:${name}`;
}

function sequenceToken(n: number): string {
  return String(n).padStart(56, '4');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID()
  });
  res.end(text);
}

/** A bare status with an empty body, as a load balancer or proxy in front of the service may send. */
function sendGatewayError(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

function defaultStatus(code: string): number {
  switch (code) {
    case 'ServiceUnavailableException':
      return 503;
    case 'InternalServerException':
    case 'InternalFailure':
      return 500;
    default:
      return 400;
  }
}

function defaultMessage(code: string): string {
  switch (code) {
    case 'ThrottlingException':
      return 'Rate exceeded';
    case 'ServiceUnavailableException':
      return 'The service cannot complete the request.';
    case 'ResourceNotFoundException':
      return 'The specified log group does not exist.';
    case 'AccessDeniedException':
      return 'User is not authorized to perform this action';
    default:
      return `${code} (injected by logs-standin)`;
  }
}
