import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, createHttpServer, type App, type Config, type Storage } from '@rested/server';
import type { Adapter } from './adapters.js';
import { testConfig } from './app.js';

export interface Running {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server, host: string): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
  });
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/**
 * The real server on a loopback port (plain HTTP; browsers accept Secure cookies on localhost),
 * built as main.ts builds it, with the timeouts and connection cap of `config.server`.
 */
export async function startServer(adapter: Adapter, config: Partial<Config> = {}): Promise<Running & { storage: Storage; app: App }> {
  const { storage, dispose } = await adapter.open();
  const full = testConfig({ trustProxy: 0, ...config });
  const app = createApp({ config: full, storage, logger: pino({ level: 'silent' }) });
  const server = createHttpServer(app, full.server);
  const url = await listen(server, 'localhost');
  const close = closer(server);
  return { url, storage, app, close: async () => { await close(); await app.shutdown(); await dispose(); } };
}

/** A static page server standing in for a frontend app on another origin. */
export async function startPage(host: string, html: string): Promise<Running> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  const url = await listen(server, host);
  return { url, close: closer(server) };
}
