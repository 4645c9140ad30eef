import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PRIVATE_DIR_MODE } from '../private-files.js';
import { integrityProblems } from '../storage/sqlite/snapshot.js';
import { readArchive } from './archive.js';
import { countsIn, type BackupManifest } from './backup.js';
import { CliError, type Command } from './command.js';
import { DATA_DIR_OPTION, DATA_FILES, dataDirFrom, isEmptyDir } from './data-dir.js';
import { KINDS } from './kinds.js';
import { describeCounts } from './scan.js';

const ALLOWED = (name: string) =>
  name === 'manifest.json' || name === DATA_FILES.database || name === DATA_FILES.secret || name.startsWith(`${DATA_FILES.files}/`);

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore <file> [--force]',
  summary: 'Restores a backup into an empty DATA_DIR, after checking its integrity and counts.',
  help: [
    'The archive is unpacked beside DATA_DIR and checked first: SQLite\'s integrity check, and every',
    'count and the number of files against its manifest. Only then does it replace anything.',
    'Stop the server first. A DATA_DIR that is not empty is refused unless --force is given; then its',
    'database, secret and files are replaced by the backup\'s (nothing else in it is touched).',
    '',
    'Options:',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
    '  --force            replace the database, secret and files of a DATA_DIR that is not empty',
  ].join('\n'),
  options: { ...DATA_DIR_OPTION, force: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(input, out) {
    const dataDir = dataDirFrom(input);
    const archive = resolve(input.positionals[0]!);
    if (!input.values.force && !isEmptyDir(dataDir)) {
      throw new CliError(`${dataDir} is not empty: restore into an empty DATA_DIR, or stop the server and add --force to replace its database, secret and files`);
    }
    mkdirSync(dirname(dataDir), { recursive: true });
    const staging = mkdtempSync(join(dirname(dataDir), '.rested-restore-'));
    try {
      out.progress(`unpacking ${archive}…`);
      const names = await readArchive(archive, staging, ALLOWED);
      const manifest = readManifest(staging, archive);
      await verify(staging, names, manifest);
      install(staging, dataDir, names);
      out.result(`restored ${archive} into ${dataDir}: ${describeCounts(manifest.counts)}, files ${manifest.files}; integrity check ok`);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  },
};

function readManifest(staging: string, archive: string): BackupManifest {
  try {
    const manifest = JSON.parse(readFileSync(join(staging, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format === 'rested-backup' && manifest.version === 1) return manifest;
  } catch {
    // reported below
  }
  throw new CliError(`${archive} is not a rested backup: its manifest is missing or of another format`);
}

/** The unpacked backup is whole: a sound database holding what the manifest counts, and every file. */
async function verify(staging: string, names: readonly string[], manifest: BackupManifest): Promise<void> {
  if (!names.includes(DATA_FILES.database)) throw new CliError('the backup holds no database');
  const problems = integrityProblems(join(staging, DATA_FILES.database));
  if (problems.length > 0) throw new CliError(`the backup's database fails SQLite's integrity check: ${problems[0]}`);
  const counts = await countsIn(staging);
  const wrong = KINDS.find(({ kind }) => counts[kind] !== manifest.counts[kind]);
  if (wrong) throw new CliError(`the backup's database holds ${counts[wrong.kind]} ${wrong.kind}, its manifest says ${manifest.counts[wrong.kind]}`);
  const files = names.filter((name) => name.startsWith(`${DATA_FILES.files}/`)).length;
  if (files !== manifest.files) throw new CliError(`the backup holds ${files} files, its manifest says ${manifest.files}`);
}

/** Moves the backup's database, secret and files into the data directory, replacing those there. */
function install(staging: string, dataDir: string, names: readonly string[]): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const database = join(dataDir, DATA_FILES.database);
  for (const stale of [`${database}-wal`, `${database}-shm`, join(dataDir, DATA_FILES.secret), join(dataDir, DATA_FILES.files)]) {
    rmSync(stale, { recursive: true, force: true });
  }
  renameSync(join(staging, DATA_FILES.database), database);
  if (names.includes(DATA_FILES.secret)) renameSync(join(staging, DATA_FILES.secret), join(dataDir, DATA_FILES.secret));
  if (names.some((name) => name.startsWith(`${DATA_FILES.files}/`))) renameSync(join(staging, DATA_FILES.files), join(dataDir, DATA_FILES.files));
}
