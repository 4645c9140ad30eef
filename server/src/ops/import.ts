import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Storage, TransferKind } from '../storage/storage.js';
import { CliError, throttledProgress, type Command, type Output } from './command.js';
import { DATA_DIR_OPTION, dataDirFrom } from './data-dir.js';
import { exportItems, type ImportItem } from './export-format.js';
import { fileOf, putFile, type FileEntry } from './files.js';
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
    'Files\' bytes are written after the rows, each only where the stored record names exactly',
    'those bytes (a record changed since keeps its own file).',
    'Master keys, end-user tokens and sealed SMTP passwords depend on the server SECRET: give the',
    'new install the same SECRET to keep them, or make new master keys.',
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
    const { added, seen, files } = await withStorage(config, async (storage) => {
      await refuseForeignProject(storage, checked);
      return writeItems(storage, exportItems(file), out);
    });
    const summary = Object.keys(seen).map((kind) => {
      const k = kind as TransferKind;
      return `${k} ${added[k]}${seen[k] > added[k] ? ` (+${seen[k] - added[k]} already there)` : ''}`;
    });
    out.result(`imported ${file}: ${summary.join(', ')}, files ${files}`);
  },
};

type Row = Extract<ImportItem, { kind: unknown }>;

/**
 * Writes the rows, a batch of one kind at a time, then each file's bytes (into the blob store,
 * when the stored record names exactly those bytes). Answers how many rows of each kind were
 * new, how many were read, and how many files were written.
 */
async function writeItems(storage: Storage, items: AsyncIterable<ImportItem>, out: Output): Promise<{ added: Counts; seen: Counts; files: number }> {
  const added = zeroCounts();
  const seen = zeroCounts();
  const progress = throttledProgress(out);
  let batch: Row[] = [];
  let files = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const kind = batch[0]!.kind;
    added[kind] += await storage.putRows(kind, batch.map((item) => item.row as never));
    seen[kind] += batch.length;
    batch = [];
    progress(`${kind}: ${seen[kind]}`);
  };
  const iterator = items[Symbol.asyncIterator]();
  let next = await iterator.next();
  while (!next.done) {
    const item = next.value;
    if ('kind' in item) {
      if (batch.length > 0 && (batch[0]!.kind !== item.kind || batch.length >= DEFAULT_BATCH)) await flush();
      batch.push(item);
      next = await iterator.next();
    } else if ('file' in item) {
      await flush();
      const bytes = bytesOf(iterator);
      if (await wantsFile(storage, item.file)) {
        await putFile(storage, item.file, Readable.from(bytes));
        files++;
        progress(`files: ${files}`);
      }
      for await (const chunk of bytes) void chunk; // what was not written (a file not wanted) is read past
      next = bytes.following();
    } else {
      throw new CliError('bytes without a file line before them');
    }
  }
  await flush();
  return { added, seen, files };
}

/** The bytes lines that follow a file line, as a stream's chunks; `following()` is the item after them. */
function bytesOf(iterator: AsyncIterator<ImportItem>) {
  let after: IteratorResult<ImportItem> | undefined;
  const chunks = (async function* () {
    for (;;) {
      const next = await iterator.next();
      if (next.done || !('bytes' in next.value)) {
        after = next;
        return;
      }
      yield next.value.bytes;
    }
  })();
  return Object.assign(chunks, { following: () => after! });
}

/** The stored record names this file (same size and SHA-256): a record changed since the export keeps its own bytes. */
async function wantsFile(storage: Storage, entry: FileEntry): Promise<boolean> {
  const [record] = await storage.findRecords(entry.key.endpointId, [entry.key.uniqueId]);
  const stored = record && record.projectId === entry.key.projectId ? fileOf(record) : null;
  return stored?.sha256 === entry.sha256 && stored.size === entry.size;
}
