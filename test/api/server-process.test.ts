import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts the real entry point (server/src/main.ts) on a free port with its own data dir. */
function start(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port) resolve({ child, port: Number(port), lines, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
  });
}

describe('the server process (npm start)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-process-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
