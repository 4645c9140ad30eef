import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('server start-up (server/src/main.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with one clear line when the database cannot be reached, without printing the URI password', async function () {
    this.timeout(30_000);
    const { code, output } = await runMain({
      DATA_DIR: dir,
      MONGODB_URI: 'mongodb://rested:hunter2-in-the-uri@127.0.0.1:1/rested?serverSelectionTimeoutMS=300',
      SECRET: 's'.repeat(40),
    });
    expect(code).to.equal(1);
    expect(output).to.include('cannot open the database (MongoDB)');
    expect(output).to.not.include('hunter2');
  });

  it('exits 1 naming DATA_DIR when the directory cannot be created', async function () {
    this.timeout(30_000);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const { code, output } = await runMain({ DATA_DIR: join(blocker, 'data') });
    expect(code).to.equal(1);
    expect(output).to.match(/DATA_DIR must be a writable directory/);
    expect(output).to.not.match(/\n\s+at /); // a message, not a stack trace
  });
});
