import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { runPrimary } from './cluster-primary.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { createHttpServer } from './http-server.js';
import { openProcessLog, type ProcessLog } from './log.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';
import { sweepOrphanFiles } from './sweep-files.js';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dashboardDir: DASHBOARD_DIR });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const log = openProcessLog({ level: config.logLevel, base: cluster.isWorker ? { worker: cluster.worker!.id } : undefined });
  if (config.workers > 1 && cluster.isPrimary) {
    // Migrations run here, once, before any worker opens the database.
    const storage = await openStorageOrExit(config, log);
    if (!storage) return;
    await sweepFiles(storage, log.logger);
    await storage.close();
    runPrimary(config, log);
    return;
  }
  await serve(config, log);
}

/** The storage, or null once the process is on its way out because the database cannot be opened. */
async function openStorageOrExit(config: Readonly<Config>, { logger, exit }: ProcessLog) {
  try {
    // MongoDB has no transaction here: an event that failed after its change is logged (the change stands).
    const onAuditFailure = (error: unknown, event: { type: string; projectId: string }) =>
      logger.error({ err: error, type: event.type, projectId: event.projectId }, 'audit event not written');
    return await openStorage(config, { onAuditFailure });
  } catch (error) {
    // The URI may carry a password: name the store, not the URI.
    logger.fatal({ err: error }, `cannot open the database (${config.mongodbUri ? 'MongoDB' : `SQLite in ${config.dataDir}`})`);
    exit(1);
    return null;
  }
}

/** Orphaned file bytes are removed before serving; a failure is logged, never fatal (the next start tries again). */
async function sweepFiles(storage: Storage, logger: Logger): Promise<void> {
  try {
    const report = await sweepOrphanFiles(storage);
    if (report.removed + report.published > 0) logger.info(report, 'file store swept: orphaned bytes removed, interrupted replacements published');
  } catch (error) {
    logger.error({ err: error }, 'could not sweep the file store');
  }
}

async function serve(config: Readonly<Config>, log: ProcessLog): Promise<void> {
  const { logger, exit } = log;
  const storage = await openStorageOrExit(config, log);
  if (!storage) return;
  if (cluster.isPrimary) await sweepFiles(storage, logger);
  const app = createApp({ config, storage, logger });
  const server = createHttpServer(app, config.server).listen(config.port, config.host);
  server.on('listening', () => {
    const where = config.mongodbUri ? 'MongoDB' : `SQLite in ${config.dataDir}`;
    const { port } = server.address() as AddressInfo;
    logger.info({ port }, `rested is listening on http://${config.host ?? 'localhost'}:${port} (storage: ${where})`);
  });
  let lastDrop = 0;
  server.on('drop', () => {
    if (Date.now() - lastDrop < 60_000) return; // once a minute at most: a flood must not flood the log too
    lastDrop = Date.now();
    logger.warn(`MAX_CONNECTIONS (${config.server.maxConnections}) reached: new connections are being closed`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'the server could not start');
    exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing in-flight requests, then stopping`);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      clearTimeout(force);
      try {
        await app.shutdown();
        await storage.close();
        logger.info('stopped');
        exit(0);
      } catch (error) {
        logger.error({ err: error }, 'could not close cleanly');
        exit(1);
      }
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
