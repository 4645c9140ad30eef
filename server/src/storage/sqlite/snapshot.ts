import Database from 'better-sqlite3';
import { translateError } from './errors.js';

/** The most pages SQLite's backup step takes: the whole database in one step. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live database file into `dest` (a new file), through SQLite's online
 * backup API, on a connection of its own. The copy is taken in one step, inside one read
 * transaction: in WAL mode writers go on meanwhile, and the copy holds exactly the transactions
 * committed before it began (a step-by-step copy would restart whenever a writer commits).
 */
export async function snapshotDatabase(source: string, dest: string): Promise<void> {
  let db: Database.Database | undefined;
  try {
    db = new Database(source, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    await db.backup(dest, { progress: () => ALL_PAGES });
  } catch (error) {
    throw translateError(error);
  } finally {
    db?.close();
  }
}

/** SQLite's integrity check of a database file: an empty list when it is sound, else its problems. */
export function integrityProblems(file: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, readonly: true });
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db?.close();
  }
}
