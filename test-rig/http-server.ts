/**
 * The HTTP plumbing the loopback stand-ins share: listening on 127.0.0.1, closing with every open
 * connection, reading a request body.
 *
 * `LoopbackServer.start()` listens on a random port and answers 503 until `serve(handler)` is
 * called, so a stand-in can build itself around the URL before it takes requests. The DynamoDB rig
 * wraps dynalite's own server and uses `listenOnLoopback` / `closeWithConnections` directly.
 */
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
/** A handler that is given the request's whole body, as text. */
export type BodyHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * Listens on 127.0.0.1 (`port` 0: a random one) and resolves with the port. Uses the prototype's
 * `listen`, so a server whose instance method was replaced (dynalite does that on close) listens
 * again.
 */
export function listenOnLoopback(server: Server, port = 0): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    Server.prototype.listen.call(server, { port, host: '127.0.0.1' }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops listening and ends every open connection (keep-alive ones included), resolving once the
 * server has closed. `close` closes the server (default: its own `close`).
 */
export function closeWithConnections(
  server: Server,
  close: (done: () => void) => void = (done) => void server.close(done)
): Promise<void> {
  const done = new Promise<void>((resolve) => close(resolve));
  server.closeAllConnections();
  return done;
}

/** The whole body of a request, as text (rejects when the request errors, e.g. the client aborts). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.once('error', reject);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/**
 * A request handler that reads the whole body first. A request that errors (the client aborted),
 * or a handler that throws, gets its connection destroyed.
 */
export function withBody(handler: BodyHandler): RequestHandler {
  return (req, res) => {
    readBody(req)
      .then((body) => handler(req, res, body))
      .catch(() => res.destroy());
  };
}

/** An HTTP server on 127.0.0.1 (random port) for a stand-in. */
export class LoopbackServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  private handler: RequestHandler | undefined;
  private closed = false;

  private constructor(
    private readonly server: Server,
    port: number
  ) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
  }

  /**
   * `keepAliveTimeout` (ms) is the idle time after which the server drops a kept-alive connection:
   * Node's client agents drop theirs 1 s before the server's hint, so 5 s (Node's default) lets
   * clients reuse connections.
   */
  static async start(opts: { keepAliveTimeout?: number } = {}): Promise<LoopbackServer> {
    const holder: { self?: LoopbackServer } = {};
    const server = new Server((req, res) => {
      const handler = holder.self?.handler;
      if (handler) {
        handler(req, res);
        return;
      }
      res.statusCode = 503;
      res.end();
    });
    server.keepAliveTimeout = opts.keepAliveTimeout ?? 5000;
    const self = new LoopbackServer(server, await listenOnLoopback(server));
    holder.self = self;
    return self;
  }

  /** From now on, requests go to `handler`. */
  serve(handler: RequestHandler): void {
    this.handler = handler;
  }

  /** Stops listening and ends every open connection; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeWithConnections(this.server);
  }
}
