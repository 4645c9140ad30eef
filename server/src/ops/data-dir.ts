import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { dataDirOf } from '../config/load-config.js';
import { sqliteFile } from '../storage/open-storage.js';
import { CliError, type CommandInput } from './command.js';

/** The files of a data directory that backup keeps and restore brings back. */
export const DATA_FILES = { database: basename(sqliteFile('.')), secret: 'secret', files: 'files' } as const;

/** DATA_DIR as the server reads it, or --data-dir. */
export function dataDirFrom(input: CommandInput): string {
  const flag = input.values['data-dir'];
  return dataDirOf(typeof flag === 'string' ? { DATA_DIR: flag } : input.env);
}

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

/** The embedded database of the data directory; refuses when there is none. */
export function existingDatabase(dataDir: string): string {
  const file = sqliteFile(dataDir);
  if (!existsSync(file)) throw new CliError(`there is no rested database in ${dataDir} (set DATA_DIR or --data-dir)`);
  return file;
}

export function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}
