import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createFairQueue, type FairTask } from './fair-queue.js';
import { READY, type Job, type Outcome } from './protocol.js';

export interface PoolOptions {
  /** Most worker processes alive at once; each runs one job at a time. */
  size: number;
  /** A running job that has not answered after this long has its worker killed (a step that never yields). */
  hardLimitMs: number;
  /** A job still waiting for a free worker after this long is refused as `busy`. */
  maxWaitMs: number;
  /** Jobs waiting in all beyond this many: the longest queue sheds its newest job (see run). */
  maxQueue: number;
  /** Jobs of one project waiting beyond this many are refused at once as `busy`, for that project alone. */
  maxQueuePerProject: number;
  /** V8 heap cap of each worker: a job that allocates past it ends its worker, never the server. */
  maxHeapMb: number;
  /** Told when a worker dies on its own (crash, out of memory, failed start), with the end of its stderr. */
  onWorkerFailure?: (detail: string) => void;
  /** The worker's entry file instead of worker.ts / worker.js: for tests that look inside a worker. */
  workerScript?: string;
}

export type PoolOutcome = Outcome | { id: number; ok: false; busy: true; message: string };

interface Task extends FairTask {
  job: Job;
  resolve: (outcome: PoolOutcome) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  /** Set when the pool ends the worker itself, so its exit is not reported as a failure. */
  killedBecause?: string;
  stderrTail: string;
}

const STDERR_TAIL = 2000;

/**
 * The whole environment of a worker. An expression runs there, so nothing secret may: not
 * SECRET, not MONGODB_URI, nothing else the server was started with. Node and tsx need no
 * variable (fork passes the IPC channel itself); TZ keeps dates formatted as the server's are.
 */
function workerEnv(): NodeJS.ProcessEnv {
  return process.env.TZ === undefined ? {} : { TZ: process.env.TZ };
}

/** How much lower than the server's a worker's CPU priority is: the server's requests come first, then expressions. */
const WORKER_NICENESS = 10;

/**
 * A worker process running worker.ts (worker.js when built). Processes rather than threads: a
 * worker thread that reaches its heap limit can abort the whole server (nodejs/node#47224),
 * a child process only itself; and a process can run at a lower CPU priority (WORKER_NICENESS),
 * so expressions running on every core still leave the server the CPU it needs to answer.
 */
function spawnWorker(maxHeapMb: number, workerScript?: string): ChildProcess {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = workerScript ?? fileURLToPath(new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url));
  // createRequire rather than import.meta.resolve, which tsx's CommonJS transform (used under mocha) lacks.
  const tsx = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const execArgv = [`--max-old-space-size=${maxHeapMb}`, ...(fromSources ? ['--import', tsx()] : [])];
  const child = fork(script, [], { execArgv, env: workerEnv(), serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  try {
    if (child.pid !== undefined) setPriority(child.pid, Math.min(19, getPriority() + WORKER_NICENESS));
  } catch {
    // Not permitted here (some containers): the worker runs at the server's priority.
  }
  return child;
}

/**
 * A small pool of worker processes, started on demand. Each runs one job at a time, so a slow
 * expression delays no other request: later jobs go to another worker or wait in a bounded
 * queue per project, served fairly (createFairQueue). A job's hard deadline starts when a ready
 * worker takes it (not while the worker loads or the job waits); past it the worker is killed
 * and replaced, and only that job fails.
 */
export function createWorkerPool(options: PoolOptions) {
  const slots: Slot[] = [];
  const queue = createFairQueue<Task>();
  let nextId = 1;
  let closed = false;

  const settle = (task: Task, outcome: PoolOutcome) => {
    clearTimeout(task.timer);
    queue.finished(task);
    task.resolve(outcome);
  };
  const busy = (task: Task, message: string) => settle(task, { id: task.job.id, ok: false, busy: true, message });

  const detach = (slot: Slot): void => {
    const i = slots.indexOf(slot);
    if (i !== -1) slots.splice(i, 1);
  };

  /** Ends a worker on purpose: its job (if any) fails with `reason` now, not when the exit arrives. */
  const kill = (slot: Slot, reason: string): void => {
    if (slot.killedBecause !== undefined) return;
    slot.killedBecause = reason;
    detach(slot);
    if (slot.task) settle(slot.task, { id: slot.task.job.id, ok: false, message: reason });
    slot.task = null;
    slot.child.kill('SIGKILL');
    pump();
  };

  /** A worker ended on its own: a crash, running out of memory, or a failed start. */
  const onExit = (slot: Slot, code: number | null, signal: NodeJS.Signals | null): void => {
    if (slot.killedBecause !== undefined) return;
    detach(slot);
    options.onWorkerFailure?.(`JSONata worker exited (code ${code}, signal ${signal})${slot.ready ? '' : ' before it was ready'}: ${slot.stderrTail.trim()}`);
    const outOfMemory = signal === 'SIGABRT' || code === 134;
    const message = outOfMemory ? 'The expression used too much memory.' : 'The expression could not be evaluated.';
    if (slot.task) settle(slot.task, { id: slot.task.job.id, ok: false, message });
    slot.task = null;
    // A worker that died before it was ready will not do better next time: fail the waiting jobs.
    if (!slot.ready && slots.length === 0) for (const task of queue.drain()) busy(task, 'JSONata evaluation is unavailable.');
    pump();
  };

  const start = (): void => {
    const slot: Slot = { child: spawnWorker(options.maxHeapMb, options.workerScript), ready: false, task: null, stderrTail: '' };
    slot.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      slot.stderrTail = (slot.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    slot.child.on('message', (message: Outcome | typeof READY) => {
      if (message === READY) {
        slot.ready = true;
      } else if (slot.task?.job.id === message.id) {
        const task = slot.task;
        slot.task = null;
        settle(task, message);
      }
      pump();
    });
    slot.child.on('error', () => kill(slot, 'The expression could not be evaluated.'));
    slot.child.on('exit', (code, signal) => onExit(slot, code, signal));
    slot.child.unref();
    slot.child.channel?.unref();
    slots.push(slot);
  };

  function pump(): void {
    if (closed) return;
    for (const slot of slots) {
      if (queue.waiting === 0) return;
      if (!slot.ready || slot.task || slot.killedBecause !== undefined) continue;
      const task = queue.take()!;
      clearTimeout(task.timer);
      slot.task = task;
      task.timer = setTimeout(() => kill(slot, `The expression ran longer than ${options.hardLimitMs} ms.`), options.hardLimitMs);
      slot.child.send(task.job);
    }
    let starting = slots.filter((s) => !s.ready).length;
    while (queue.waiting > starting && slots.length < options.size) {
      start();
      starting++;
    }
  }

  /**
   * Null when a job of `project` may wait, else why not. A full pool sheds the newest job of the
   * longest queue instead when that queue is longer than the project's own (plus the new job), so
   * many flooding projects together cannot lock out one that asks little.
   */
  function refusal(project: string): string | null {
    const own = queue.waitingOf(project);
    if (own >= options.maxQueuePerProject) return 'Too many JSONata evaluations of this project are waiting.';
    if (queue.waiting < options.maxQueue) return null;
    const shed = queue.longest(own + 1);
    if (!shed) return 'Too many JSONata evaluations are waiting.';
    queue.remove(shed);
    busy(shed, 'Too many JSONata evaluations are waiting.');
    return null;
  }

  return {
    /** Runs `input` as a job of `project` (the unit of fairness and of the per-project bound). */
    run(project: string, input: Omit<Job, 'id'>): Promise<PoolOutcome> {
      return new Promise((resolve) => {
        const task: Task = { job: { ...input, id: nextId++ }, project, resolve };
        if (closed) return busy(task, 'The server is shutting down.');
        const refused = refusal(project);
        if (refused !== null) return busy(task, refused);
        task.timer = setTimeout(() => {
          queue.remove(task);
          busy(task, 'No JSONata worker became free in time.');
        }, options.maxWaitMs);
        queue.push(task);
        pump();
      });
    },
    /** Ends every worker; waiting and running jobs are refused as busy. */
    async close(): Promise<void> {
      closed = true;
      for (const task of queue.drain()) busy(task, 'The server is shutting down.');
      const exits = [...slots].map((slot) => new Promise((resolve) => {
        slot.child.once('exit', resolve);
        slot.child.ref(); // so the exit is awaited even when nothing else keeps the process alive
        if (slot.task) busy(slot.task, 'The server is shutting down.');
        slot.task = null;
        kill(slot, 'The server is shutting down.');
      }));
      await Promise.all(exits);
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;
