import { createServer, type Server } from 'node:http';
import type { App } from './app.js';
import type { ServerLimits } from './config/load-config.js';

/**
 * The node:http server for `app` with the limits that keep slow clients from holding
 * connections: unfinished headers, a request (body included) that never completes, a connection
 * that stalls mid-body, idle keep-alive connections, and too many connections at once.
 * main.ts listens on it; tests build the same server.
 */
export function createHttpServer(app: App, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the header and request deadlines on this interval (default 30 s, which
      // would let a slow client stay up to 30 s past them).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    app.callback(),
  );
  // No 'timeout' listener: Node destroys a socket that was idle this long.
  server.setTimeout(limits.idleTimeoutMs);
  // Beyond the cap Node closes each new connection at once (and emits 'drop').
  server.maxConnections = limits.maxConnections;
  return server;
}
