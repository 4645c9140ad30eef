import cluster, { type Worker } from 'node:cluster';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import type { Config } from './config/load-config.js';
import type { ProcessLog } from './log.js';

const RESTART_DELAY_MS = 1000;

/**
 * WORKERS=N: this process only supervises. It starts N workers that share the port (the kernel
 * hands each new connection to one of them), keeps the login-throttle counters of SQLite workers
 * (rate-limiter-flexible's cluster master, so limits hold across workers), replaces a worker that
 * dies, and on SIGTERM/SIGINT lets every worker finish its requests before exiting.
 * The database must already be migrated (main opens and closes it once before calling this).
 */
export function runPrimary(config: Readonly<Config>, { logger, exit }: ProcessLog): void {
  new RateLimiterClusterMaster();
  const listening = new Set<number>();
  let stopping = false;

  let exitCode = 0;
  const stop = (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    logger.info(`${signal}: stopping ${config.workers} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };

  cluster.on('listening', (worker: Worker) => {
    listening.add(worker.id);
    if (listening.size === config.workers) logger.info({ workers: config.workers }, 'every worker is listening');
  });
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('stopped');
        exit(exitCode);
      }
      return;
    }
    if (!listening.has(worker.id)) {
      // It never served: its siblings would fail the same way (port taken, database unreachable).
      logger.fatal({ worker: worker.id, code, signal }, 'a worker failed to start; stopping');
      stop('startup failure', 1);
      return;
    }
    listening.delete(worker.id);
    logger.error({ worker: worker.id, code, signal }, 'a worker died; starting another');
    setTimeout(() => !stopping && cluster.fork(), RESTART_DELAY_MS);
  });

  for (let i = 0; i < config.workers; i++) cluster.fork();
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  process.on('SIGINT', () => stop('SIGINT', 0));
}
