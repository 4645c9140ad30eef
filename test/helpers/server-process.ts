import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/* The real entry point (server/src/main.ts) as a child process, as `npm start` runs it. */

export const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

export interface Started {
  child: ChildProcess;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
}

/** Every server a test started; afterEach kills what a failing test left running. */
export const children: ChildProcess[] = [];

/** Starts the real entry point (server/src/main.ts) on a free port with its own data dir. */
export function startProcess(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
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
