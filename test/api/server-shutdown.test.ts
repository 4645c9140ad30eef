import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
/** main.ts's grace period for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * A supervisor standing between the test and the server: it starts the server with stdout and
 * stderr piped to itself, stops reading them once the server listens, makes `requests` requests
 * (whose log lines fill the pipe), sends SIGTERM, prints the server's pid and exits at once, as a
 * log shipper dying with its service does. The server is then left with a full pipe whose reader is gone.
 */
const SUPERVISOR = `
import { spawn } from 'node:child_process';
const [main, dataDir, requests] = process.argv.slice(1);
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stderr.pause();
child.stdout.on('data', async function onData(chunk) {
  const port = /"port":(\\d+)/.exec(chunk.toString())?.[1];
  if (!port) return;
  child.stdout.off('data', onData);
  child.stdout.pause();
  let left = Number(requests);
  const worker = async () => { while (left-- > 0) await fetch('http://127.0.0.1:' + port + '/api/1/ce/x?key=nothing').then((r) => r.arrayBuffer()); };
  await Promise.all(Array.from({ length: 20 }, worker));
  child.kill('SIGTERM');
  process.stdout.write(JSON.stringify({ pid: child.pid }) + '\\n', () => process.exit(0));
});
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the server process, when its log reader goes away', () => {
  let dir: string;
  let serverPid: number | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-shutdown-'));
  });
  afterEach(() => {
    if (serverPid !== undefined && alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    serverPid = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits within its grace period after SIGTERM although its stdout pipe is full and nobody reads it any more', async function () {
    this.timeout(60_000);
    const supervisor = spawn(process.execPath, ['--input-type=module', '-e', SUPERVISOR, MAIN, dir, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    supervisor.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => supervisor.on('exit', resolve));
    expect(code, out).to.equal(0);
    serverPid = (JSON.parse(out.trim()) as { pid: number }).pid;
    const signalled = Date.now();
    const deadline = signalled + SHUTDOWN_GRACE_MS;
    while (alive(serverPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(serverPid), `the server (pid ${serverPid}) was still running ${SHUTDOWN_GRACE_MS} ms after SIGTERM`).to.equal(false);
  });
});
