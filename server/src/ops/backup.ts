import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openStorage } from '../storage/open-storage.js';
import { integrityProblems, snapshotDatabase } from '../storage/sqlite/snapshot.js';
import { filesUnder, writeArchive, type ArchiveFile } from './archive.js';
import { formatBytes } from '@rested/shared';
import { CliError, type Command } from './command.js';
import { DATA_DIR_OPTION, DATA_FILES, dataDirFrom, existingDatabase } from './data-dir.js';
import type { Counts } from './kinds.js';
import { countsOf, describeCounts } from './scan.js';

/** What backup writes as manifest.json, first in the archive; restore checks against it. */
export interface BackupManifest {
  format: 'rested-backup';
  version: 1;
  createdAt: string;
  counts: Counts;
  files: number;
  fileBytes: number;
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup <file>',
  summary: 'Writes an online, consistent backup of the embedded store (database, secret, files) as one .tar.gz archive.',
  help: [
    'Safe while the server runs and takes writes: the database is copied with SQLite\'s online backup',
    'API in one read transaction, so the archive holds every write committed before the copy began.',
    'The archive holds DATA_DIR/secret and DATA_DIR/files too: keep it as private as the server.',
    'Prints the archive\'s size and what it holds. With MongoDB, back up the database with mongodump.',
    '',
    'Options:',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: DATA_DIR_OPTION,
  positionals: { min: 1, max: 1 },
  async run(input, out) {
    const dataDir = dataDirFrom(input);
    const database = existingDatabase(dataDir);
    const dest = resolve(input.positionals[0]!);
    if (existsSync(dest)) throw new CliError(`${dest} exists already: backup never overwrites a file`);
    const staging = mkdtempSync(join(dirname(dest), '.rested-backup-'));
    try {
      out.progress(`copying the database of ${dataDir}…`);
      const snapshot = join(staging, DATA_FILES.database);
      await snapshotDatabase(database, snapshot);
      const problems = integrityProblems(snapshot);
      if (problems.length > 0) throw new CliError(`the database copy fails SQLite's integrity check: ${problems[0]}`);
      const counts = await countsIn(staging);
      const files = filesUnder(join(dataDir, DATA_FILES.files), DATA_FILES.files);
      const manifest = manifestOf(counts, files);
      out.progress(`writing ${dest} (${files.length} files)…`);
      const partial = join(staging, 'archive.partial');
      await writeArchive(partial, manifest, [{ name: DATA_FILES.database, path: snapshot }, ...secretOf(dataDir), ...files]);
      renameSync(partial, dest);
      out.result(`backup ${dest} (${formatBytes(statSync(dest).size)}): ${describeCounts(counts)}, files ${files.length} (${formatBytes(manifest.fileBytes)})`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  },
};

/** The counts of the embedded store in `dataDir`, read through the storage seam. */
export async function countsIn(dataDir: string): Promise<Counts> {
  const storage = await openStorage({ dataDir });
  try {
    return await countsOf(storage);
  } finally {
    await storage.close();
  }
}

function manifestOf(counts: Counts, files: readonly ArchiveFile[]): BackupManifest {
  const fileBytes = files.reduce((sum, file) => sum + statSync(file.path).size, 0);
  return { format: 'rested-backup', version: 1, createdAt: new Date().toISOString(), counts, files: files.length, fileBytes };
}

function secretOf(dataDir: string): ArchiveFile[] {
  const path = join(dataDir, DATA_FILES.secret);
  return existsSync(path) ? [{ name: DATA_FILES.secret, path }] : [];
}
