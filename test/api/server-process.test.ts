import { expect } from 'chai';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { children, MAIN, startProcess as start } from '../helpers/server-process.js';

describe('the server process (npm start)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-process-'));
  });
  afterEach(() => {
    // SIGINT reaches a cluster's workers too (the primary passes it on); a passing test has stopped them already.
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health on the embedded store and stops cleanly on SIGTERM, finishing the request in flight', async function () {
    this.timeout(30_000);
    const server = await start(dir);
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok', storage: 'sqlite' });

    // A console sign-up hashes a password (tens of ms): signal while it is in flight.
    const inFlight = fetch(`http://127.0.0.1:${server.port}/api/console/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'long enough password' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGTERM');
    expect((await inFlight).status).to.equal(201);
    expect(await server.exited).to.equal(0);
    expect(server.lines.join('\n')).to.include('"msg":"stopped"');
    // Request log lines carry ids and never query strings.
    expect(server.lines.some((l) => l.includes('"req":'))).to.equal(true);
  });

  it('runs WORKERS=2 processes on one port that share the login throttle, and stops them all on SIGTERM', async function () {
    this.timeout(60_000);
    const server = await start(dir, { WORKERS: '2' });
    while (!server.lines.some((l) => l.includes('every worker is listening'))) await new Promise((r) => setTimeout(r, 50));
    // A new connection per request, so the kernel spreads them over both workers.
    const failedLogin = () =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ email: 'nobody@example.com', password: 'wrong password' });
        const req = request(
          { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/console/auth/login', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
          (res) => (res.resume(), resolve(res.statusCode!)),
        );
        req.on('error', reject);
        req.end(body);
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await failedLogin());
    // Ten failures per email in 15 minutes, counted across both workers (per worker it would take 20).
    expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(401));
    expect(statuses.slice(10)).to.deep.equal([429, 429]);
    const servedBy = new Set(server.lines.filter((l) => l.includes('/api/console/auth/login')).map((l) => JSON.parse(l).worker));
    expect([...servedBy].sort()).to.deep.equal([1, 2]);

    server.child.kill('SIGTERM');
    expect(await server.exited).to.equal(0);
    expect(server.lines.filter((l) => l.includes('"msg":"stopped"'))).to.have.length(3);
  });

  it('reports every bad variable at once and exits with status 1', async function () {
    this.timeout(30_000);
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN], {
      env: { ...process.env, DATA_DIR: dir, PORT: 'x', SIGNUP: 'sometimes' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).to.equal(1);
    expect(output).to.include('PORT').and.include('SIGNUP');
  });
});
