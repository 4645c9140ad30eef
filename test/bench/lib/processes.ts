import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server running in its own process, so it never shares an event loop with the load generator. */
export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** Peak resident memory seen by the sampler since the last `rss.reset()`. */
  rss: RssSampler;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the OS picks it; we close and hand it on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces): [1] is the parent
 * pid, [11] and [12] user and system CPU ticks. null once the process has gone.
 */
export function procStat(pid: number | string): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return null;
  }
}

/** The process and all its descendants (a WORKERS=N server is a primary and its workers), from /proc. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue; // gone meanwhile
    const ppid = Number(stat[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Resident set size in bytes of a process and its descendants, from /proc (null once it has gone).
 * With 'VmHWM', the sum of each process's own peak: an upper bound of the tree's peak.
 */
export function rssBytes(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  let total: number | null = null;
  for (const member of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, 'utf8');
      const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
      if (kb) total = (total ?? 0) + Number(kb) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export interface RssSampler {
  /** Start a new window: the peak is forgotten, sampling goes on. */
  reset(): void;
  /** Highest VmRSS seen in this window (bytes). */
  peak(): number;
  /** Highest VmRSS seen since the process started (bytes). */
  overallPeak(): number;
  close(): void;
}

function sampleRss(pid: number, everyMs: number): RssSampler {
  let peak = 0;
  let overall = 0;
  const take = () => {
    const rss = rssBytes(pid);
    if (rss !== null) {
      peak = Math.max(peak, rss);
      overall = Math.max(overall, rss);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    reset: () => {
      peak = 0;
      take();
    },
    peak: () => (take(), peak),
    overallPeak: () => (take(), overall),
    close: () => clearInterval(timer),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `node <args>` with `env` (on top of PATH and HOME only, so the caller's environment
 * does not leak in), waits until `healthPath` answers 200, and samples its RSS every 200 ms.
 * stdout goes to /dev/null (that is where an `info` log level writes); stderr is kept for errors.
 */
export async function startServerProcess(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  healthPath: string;
  cwd?: string;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(url + options.healthPath, child, () => stderr, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const rss = sampleRss(child.pid!, 200);
  return {
    name: options.name,
    pid: child.pid!,
    url,
    rss,
    async stop() {
      rss.close();
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
