import { expect } from 'chai';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import pino from 'pino';
import { createApp, createHttpServer, type App, type ServerLimits } from '@rested/server';
import { adapters } from '../helpers/adapters.js';
import { testConfig } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';

/** Short limits, so each case takes well under a second; every loop below is bounded. */
const LIMITS: ServerLimits = { headersTimeoutMs: 300, requestTimeoutMs: 3000, idleTimeoutMs: 300, keepAliveTimeoutMs: 3000, maxConnections: 3 };

interface Raw {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server ends the connection, with the ms since it opened. */
  closed: Promise<number>;
}

function open(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let data = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.on('close', () => done(performance.now() - started)));
    socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined); // a reset is one way of being cut off
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** Sends a whole keep-alive GET /health on `raw` and waits (bounded) for its answer. */
async function health(raw: Raw): Promise<string> {
  const before = raw.received().length;
  raw.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  for (let i = 0; i < 100 && !raw.received().slice(before).includes('"status":"ok"'); i++) await sleep(20);
  return raw.received().slice(before);
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> =>
  Promise.race([promise, sleep(ms).then(() => 'still open' as const)]);

describe('the HTTP server against slow and numerous clients (127.0.0.1)', () => {
  let server: Server;
  let app: App;
  let port: number;
  let dispose: () => Promise<void>;
  const sockets: Socket[] = [];
  const raw = async () => {
    const r = await open(port);
    sockets.push(r.socket);
    return r;
  };

  beforeEach(async () => {
    const opened = await adapters()[0]!.open();
    dispose = opened.dispose;
    const config = testConfig({ trustProxy: 0, server: LIMITS });
    app = createApp({ config, storage: opened.storage, logger: pino({ level: 'silent' }) });
    server = createHttpServer(app, config.server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.shutdown();
    await dispose();
  });

  it('cuts off a client that sends its headers slowly once the header timeout has passed', async () => {
    const client = await raw();
    client.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A header line every 50 ms: never idle, never finished. At most 3 s of this.
    const drip = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 50);
    try {
      const ms = await within(client.closed, 3000);
      expect(ms, 'closed').to.be.a('number').within(LIMITS.headersTimeoutMs - 50, LIMITS.headersTimeoutMs + 1000);
      expect(client.received()).to.match(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(drip);
    }
  });

  it('cuts off a client that stalls in the middle of its body once the idle timeout has passed', async () => {
    const client = await raw();
    client.socket.write(
      'POST /api/console/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    const ms = await within(client.closed, LIMITS.requestTimeoutMs);
    expect(ms, 'closed before the request timeout').to.be.a('number').within(LIMITS.idleTimeoutMs - 50, LIMITS.idleTimeoutMs + 1000);
    expect(client.received()).to.equal('');
  });

  it('closes new connections beyond the cap and goes on serving the open ones', async () => {
    const open = [await raw(), await raw(), await raw()];
    for (const client of open) expect(await health(client)).to.match(/^HTTP\/1\.1 200 /);
    const refused = await raw();
    refused.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await within(refused.closed, 1000), 'closed').to.be.a('number');
    expect(refused.received()).to.equal('');
    // The open connections are still served, within their idle timeout.
    expect(await health(open[0]!)).to.match(/^HTTP\/1\.1 200 /);
    // Once one closes, a new connection is taken again.
    open[1]!.socket.destroy();
    await open[1]!.closed;
    await sleep(50);
    expect(await health(await raw())).to.match(/^HTTP\/1\.1 200 /);
  });

  it('closes a kept-alive connection once it has been idle for the keep-alive timeout', async () => {
    const quick: ServerLimits = { ...LIMITS, keepAliveTimeoutMs: 200, idleTimeoutMs: 2000 };
    const s = createHttpServer(app, quick);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const client = await open((s.address() as AddressInfo).port);
      sockets.push(client.socket);
      expect(await health(client)).to.match(/^HTTP\/1\.1 200 /);
      const answered = performance.now();
      // Node waits one second more than keepAliveTimeout, against a race with a client's own timer.
      expect(await within(client.closed.then(() => performance.now() - answered), 2500), 'closed')
        .to.be.a('number').within(quick.keepAliveTimeoutMs, quick.keepAliveTimeoutMs + 1500);
    } finally {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });
});
