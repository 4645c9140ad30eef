import { resolve } from 'node:path';
import type { Storage, TransferKind } from '../storage/storage.js';
import { throttledProgress, type Command, type Output } from './command.js';
import { DATA_DIR_OPTION, dataDirFrom } from './data-dir.js';
import { exportRows, type ImportRow } from './export-format.js';
import { checkExportFile, refuseForeignProject } from './import-check.js';
import { zeroCounts, type Counts } from './kinds.js';
import { DEFAULT_BATCH } from './scan.js';
import { withStorage } from './with-storage.js';

export const importCommand: Command = {
  name: 'import',
  usage: 'import <file>',
  summary: 'Reads an export file into the store the server uses, keeping every id, date and password.',
  help: [
    'The whole file is read and checked first (format, order, counts and checksums): a cut or',
    'edited file is refused before anything is written. Then the rows are written in batches through',
    'the storage, as they are: ids, dates and password hashes kept, so end users and owners log in',
    'with their old passwords. Importing the same file again changes nothing: a row whose id is',
    'already stored is kept as it is and counted as "already there". A row that clashes with a',
    'different stored row (an owner email, an API key, a username taken) stops the import with an',
    'error; what was written before it stays, and running the import again after fixing it is safe.',
    'A project\'s export is held to its project: every row must be that project\'s, and an install',
    'holding another project or owner under the same id is refused before anything is written.',
    'Import whole-install exports only from installs you run yourself.',
    'Master keys and end-user tokens depend on the server SECRET: give the new install the same',
    'SECRET to keep them, or make new master keys.',
    '',
    'Options:',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: DATA_DIR_OPTION,
  positionals: { min: 1, max: 1 },
  async run(input, out) {
    const file = resolve(input.positionals[0]!);
    out.progress(`checking ${file}…`);
    const checked = await checkExportFile(file);
    const config = { dataDir: dataDirFrom(input), mongodbUri: input.env.MONGODB_URI || undefined };
    const { added, seen } = await withStorage(config, async (storage) => {
      await refuseForeignProject(storage, checked);
      return writeRows(storage, exportRows(file), out);
    });
    const summary = Object.keys(seen).map((kind) => {
      const k = kind as TransferKind;
      return `${k} ${added[k]}${seen[k] > added[k] ? ` (+${seen[k] - added[k]} already there)` : ''}`;
    });
    out.result(`imported ${file}: ${summary.join(', ')}`);
  },
};

/** Writes the rows, a batch of one kind at a time; answers how many of each kind were new and how many were read. */
async function writeRows(storage: Storage, rows: AsyncIterable<ImportRow>, out: Output): Promise<{ added: Counts; seen: Counts }> {
  const added = zeroCounts();
  const seen = zeroCounts();
  const progress = throttledProgress(out);
  let batch: ImportRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const kind = batch[0]!.kind;
    added[kind] += await storage.putRows(kind, batch.map((item) => item.row as never));
    seen[kind] += batch.length;
    batch = [];
    progress(`${kind}: ${seen[kind]}`);
  };
  for await (const item of rows) {
    if (batch.length > 0 && (batch[0]!.kind !== item.kind || batch.length >= DEFAULT_BATCH)) await flush();
    batch.push(item);
  }
  await flush();
  return { added, seen };
}
