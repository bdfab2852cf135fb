/**
 * The deployment's log as CloudWatch Logs events: batches within PutLogEvents' limits, the stream's
 * console link, the stage's lines as structured events, and a shipper that never fails or slows
 * a deployment (one warning, what was not sent kept for the post step, counted there).
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploymentLog } from '../../src/logs/deployment-log.js';
import {
  PUT_LOG_EVENTS,
  batches,
  eventMessage,
  streamConsoleUrl,
  streamName,
  type LogEvent
} from '../../src/logs/events.js';
import { LogShipper, type LogsPort } from '../../src/logs/shipper.js';
import type { LogSink } from '../../src/report/logger.js';
import { createLogger } from '../../src/report/logger.js';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const ev = (at: number, message = 'x'): LogEvent => ({ timestamp: at, message });

describe('batches within PutLogEvents limits', () => {
  it('in time order (stable), at most 10,000 events, 1 MiB with 26 bytes each, 24 hours', () => {
    const events = [ev(T0 + 2, 'b'), ev(T0 + 1, 'a1'), ev(T0 + 1, 'a2')];
    expect(batches(events)).toEqual([[ev(T0 + 1, 'a1'), ev(T0 + 1, 'a2'), ev(T0 + 2, 'b')]]);

    const many = Array.from({ length: 10_001 }, (_, i) => ev(T0 + i));
    expect(batches(many).map((b) => b.length)).toEqual([10_000, 1]);

    // 1 KiB messages: 1,048,576 / (1,024 + 26) = 998 whole events a batch.
    const big = Array.from({ length: 1_000 }, (_, i) => ev(T0 + i, 'm'.repeat(1_024)));
    const sizes = batches(big).map((b) => b.length);
    expect(sizes).toEqual([998, 2]);
    for (const b of batches(big))
      expect(
        b.reduce((n, e) => n + e.message.length + PUT_LOG_EVENTS.overheadBytes, 0)
      ).toBeLessThanOrEqual(PUT_LOG_EVENTS.maxBytes);

    const day = PUT_LOG_EVENTS.maxSpanMs;
    expect(batches([ev(T0), ev(T0 + day), ev(T0 + day + 1)]).map((b) => b.length)).toEqual([2, 1]);
  });

  it('a line longer than an event may be is cut, still JSON', () => {
    const context = {
      correlationId: 'c1',
      environment: 'production',
      stage: 'coordinate' as const
    };
    const long = eventMessage(context, T0, 'info', 'z'.repeat(300_000));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(PUT_LOG_EVENTS.maxMessageBytes);
    expect(JSON.parse(long)).toMatchObject({ correlationId: 'c1', level: 'info' });
  });
});

describe('the stream', () => {
  it('is <environment>/<correlation-id>, linked in the console with its segments encoded twice', () => {
    expect(streamName('production', '20261201-120000-abcd1234')).toBe(
      'production/20261201-120000-abcd1234'
    );
    expect(streamConsoleUrl('eu-west-1', '/deploy-coordinator', 'production/c1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdeploy-coordinator/log-events/production$252Fc1'
    );
  });
});

/** A Logs port that records what it was sent, and fails when told. */
class FakeLogs implements LogsPort {
  readonly streams: string[] = [];
  readonly batches: LogEvent[][] = [];
  failing: Error | undefined;
  async createStream(group: string, stream: string): Promise<void> {
    if (this.failing) throw this.failing;
    this.streams.push(`${group} ${stream}`);
  }
  async put(_g: string, _s: string, events: readonly LogEvent[]): Promise<number> {
    if (this.failing) throw this.failing;
    this.batches.push([...events]);
    return 0;
  }
  close(): void {}
}

const quiet: LogSink = {
  info: () => undefined,
  debug: () => undefined,
  warning: () => undefined,
  error: () => undefined
};

describe("a stage's lines as events", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dc-logs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lines before the stream is known are sent too; the ID is a field, not a prefix; notes and events carry fields', async () => {
    const port = new FakeLogs();
    let now = T0;
    const logs = new DeploymentLog(quiet, () => now);
    const log = createLogger('20261201-120000-abcd1234', logs);
    log.info('before the inputs were read');
    const shipper = new LogShipper(port, '/dc', 'production/c', () => undefined, String);
    logs.start(shipper, {
      correlationId: '20261201-120000-abcd1234',
      environment: 'production',
      stage: 'coordinate'
    });
    now += 1_000;
    log.warning('two\nlines', { title: 'T' });
    logs.note({ fence: 3 });
    now += 1_000;
    logs.event('coordinated', { result: 'acquired' });
    await logs.close();

    expect(port.streams).toEqual(['/dc production/c']);
    const sent = port.batches.flat().map((e) => JSON.parse(e.message) as Record<string, unknown>);
    expect(sent).toEqual([
      {
        time: new Date(T0).toISOString(),
        correlationId: '20261201-120000-abcd1234',
        environment: 'production',
        stage: 'coordinate',
        level: 'info',
        message: 'before the inputs were read'
      },
      expect.objectContaining({ level: 'warning', message: 'two\nlines', title: 'T' }),
      expect.objectContaining({ message: 'coordinated', result: 'acquired', fence: 3 })
    ]);
    expect(sent[1]).not.toHaveProperty('fence');
  });

  it('no log-group: nothing is kept', async () => {
    const logs = new DeploymentLog(quiet);
    createLogger('c', logs).info('line');
    logs.off();
    await logs.close();
    expect(logs.stream).toBeUndefined();
  });

  it('an outage: one warning, nothing more tried, the rest spooled; the post step sends the spool and counts what it cannot', async () => {
    const port = new FakeLogs();
    port.failing = Object.assign(new Error('connect ECONNREFUSED'), { name: 'ServiceUnavailable' });
    const warnings: string[] = [];
    const spool = join(dir, 'logs-spool.jsonl');
    const coordinate = new LogShipper(
      port,
      '/dc',
      's',
      (m) => warnings.push(m),
      (e) => (e as Error).name,
      spool
    );
    coordinate.add(ev(T0, 'one'));
    coordinate.add(ev(T0 + 1, 'two'));
    await coordinate.flush();
    coordinate.add(ev(T0 + 2, 'three'));
    await coordinate.flush();
    expect(warnings).toEqual([
      'CloudWatch Logs: could not write to /dc s (ServiceUnavailable). The deployment goes on; 2 event(s) are kept for the post step.'
    ]);
    expect(coordinate.kept).toBe(3);
    expect(readFileSync(spool, 'utf8').trim().split('\n')).toHaveLength(3);

    // The post step, the service back: the spool first (consumed), in time order with its own.
    port.failing = undefined;
    const finalize = new LogShipper(port, '/dc', 's', (m) => warnings.push(m), String);
    finalize.add(ev(T0 + 10, 'post'));
    finalize.adopt([spool]);
    await finalize.flush();
    expect(port.batches.flat().map((e) => e.message)).toEqual(['one', 'two', 'three', 'post']);
    expect(finalize.sent).toBe(4);
    expect(existsSync(spool)).toBe(false);

    // Still down in the post step: what it could not send is lost, and counted.
    port.failing = new Error('down');
    const last = new LogShipper(
      port,
      '/dc',
      's',
      () => undefined,
      () => 'down'
    );
    last.add(ev(T0 + 20));
    await last.flush();
    expect(last.lost).toBe(1);
    expect(last.failure).toBe('down');
  });
});
