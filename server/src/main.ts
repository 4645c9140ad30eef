import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { createApp } from './app.js';
import { runPrimary } from './cluster-primary.js';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { openStorage } from './storage/open-storage.js';

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
  const logger = pino({ level: config.logLevel, base: cluster.isWorker ? { worker: cluster.worker!.id } : undefined });
  if (config.workers > 1 && cluster.isPrimary) {
    // Migrations run here, once, before any worker opens the database.
    await (await openStorageOrExit(config, logger)).close();
    runPrimary(config, logger);
    return;
  }
  await serve(config, logger);
}

async function openStorageOrExit(config: Readonly<Config>, logger: Logger) {
  try {
    return await openStorage(config);
  } catch (error) {
    // The URI may carry a password: name the store, not the URI.
    logger.fatal({ err: error }, `cannot open the database (${config.mongodbUri ? 'MongoDB' : `SQLite in ${config.dataDir}`})`);
    process.exit(1);
  }
}

async function serve(config: Readonly<Config>, logger: Logger): Promise<void> {
  const storage = await openStorageOrExit(config, logger);
  const app = createApp({ config, storage, logger });
  const server = app.listen(config.port, config.host);
  server.on('listening', () => {
    const where = config.mongodbUri ? 'MongoDB' : `SQLite in ${config.dataDir}`;
    const { port } = server.address() as AddressInfo;
    logger.info({ port }, `rested is listening on http://${config.host ?? 'localhost'}:${port} (storage: ${where})`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'the server could not start');
    process.exit(1);
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
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'could not close cleanly');
        process.exit(1);
      }
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
