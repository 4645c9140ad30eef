import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/* The operator's CLI (server/src/cli.ts) run as its own process, as `npm run rested --` runs it. */

export const CLI = fileURLToPath(new URL('../../server/src/cli.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `rested <args>` with `env` added to this process's environment (DATA_DIR and MONGODB_URI removed unless given). */
export function startCli(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.DATA_DIR;
  delete base.MONGODB_URI;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export const runCli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => startCli(args, env).done;

/** The last line of stderr: where the CLI writes its one-line error. */
export const lastErrorLine = (run: CliRun): string => run.stderr.trim().split('\n').at(-1) ?? '';
