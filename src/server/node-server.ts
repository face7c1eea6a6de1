// The Node adapter: runs the fetch-style app on node:http through @hono/node-server. When a
// client disconnects, @hono/node-server aborts the Request's signal and cancels the response
// stream; the app turns both into an abort of the upstream LLM call.
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

/** A listening server. */
export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  /** `http://<host>:<port>`, with 127.0.0.1 standing in for the wildcard address. */
  url: string;
  server: ServerType;
  /** Stops accepting connections, ends open streams and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Options of `listen`. */
export interface ListenOptions {
  port: number;
  /** Default `0.0.0.0`, as `baml-cli serve` binds. */
  hostname?: string;
}

/** Starts serving `app` and resolves once the port is bound (rejects on EADDRINUSE etc.). */
export function listen(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: ListenOptions,
): Promise<RunningServer> {
  const hostname = options.hostname ?? '0.0.0.0';
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request) => app.fetch(request), port: options.port, hostname },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
        resolve({
          port: info.port,
          url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
          server,
          close: () => closeServer(server),
        });
      },
    );
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Event streams never end by themselves; close them instead of waiting forever.
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}
