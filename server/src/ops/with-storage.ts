import { existsSync } from 'node:fs';
import { openStorage, sqliteFile } from '../storage/open-storage.js';
import type { Storage } from '../storage/storage.js';
import { CliError, type CommandInput } from './command.js';
import { dataDirFrom } from './data-dir.js';

/** The store the server would open (MONGODB_URI, else the embedded one in DATA_DIR), for `use`, then closed. */
export async function withServerStorage<T>(input: CommandInput, use: (storage: Storage) => Promise<T>): Promise<T> {
  const mongodbUri = input.env.MONGODB_URI || undefined;
  const dataDir = dataDirFrom(input);
  if (!mongodbUri && !existsSync(sqliteFile(dataDir))) throw new CliError(`there is no rested database in ${dataDir} (set DATA_DIR or --data-dir, or MONGODB_URI)`);
  return withStorage({ dataDir, mongodbUri }, use);
}

export async function withStorage<T>(config: { dataDir: string; mongodbUri?: string | undefined }, use: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(config);
  try {
    return await use(storage);
  } finally {
    await storage.close();
  }
}
