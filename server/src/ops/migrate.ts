import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Storage } from '../storage/storage.js';
import { CliError, throttledProgress, type Command, type CommandInput, type Output } from './command.js';
import { DATA_DIR_OPTION, DATA_FILES, dataDirFrom, existingDatabase } from './data-dir.js';
import { fileEntries, holdsFile, putFile, storedDigest } from './files.js';
import { KINDS, keyOf } from './kinds.js';
import { MigrateProgress } from './migrate-state.js';
import { checksumsOf, countsOf, DEFAULT_BATCH, describeCounts, scanBatches } from './scan.js';
import { withStorage } from './with-storage.js';

type Target = { mongodbUri: string; dataDir: string } | { mongodbUri: undefined; dataDir: string };

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate --to <MONGODB_URI | directory>',
  summary: 'Copies everything from the embedded store into MongoDB (or another data directory), verified.',
  help: [
    'Reads the embedded store in DATA_DIR and writes every row, ids and dates kept, into the target',
    'through the storage: a mongodb:// URI, or a directory for another embedded store. Stop the',
    'server first. The target must be empty, unless this is the rerun of a migration that stopped:',
    'an interrupted migration (even a killed one) resumes after its last acknowledged batch.',
    'At the end it compares the counts and SHA-256 checksums of every kind in both stores, and',
    'succeeds only when they are equal. Then start the server with MONGODB_URI set to the target',
    'and SECRET set to the content of DATA_DIR/secret (docs/backups.md, "Moving to MongoDB").',
    'The bytes of file endpoints\' files go from the source\'s blob store (DATA_DIR/files) to the',
    'target\'s (GridFS on MongoDB), each checked against the SHA-256 its record names.',
    '',
    'Options:',
    '  --to <target>      a mongodb:// or mongodb+srv:// URI, or a directory',
    `  --batch <n>        rows per write (default ${DEFAULT_BATCH})`,
    '  --data-dir <dir>   the source data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: { ...DATA_DIR_OPTION, to: { type: 'string' }, batch: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(input, out) {
    const source = dataDirFrom(input);
    existingDatabase(source);
    const target = targetOf(input, source);
    const batch = batchOf(input);
    const progress = new MigrateProgress(source, target.mongodbUri ?? target.dataDir);
    await withStorage({ dataDir: source }, (from) =>
      withStorage(target, async (to) => {
        if (!progress.resuming) await refuseNonEmpty(to);
        else out.progress('resuming the migration where it stopped');
        await copyAll(from, to, progress, batch, out);
        const missing = await copyFiles(from, to, progress, out);
        out.progress('verifying counts and checksums…');
        const counts = await verify(from, to);
        const files = await verifyFiles(from, to);
        progress.finish();
        if (!target.mongodbUri) copySecret(source, target.dataDir);
        const lost = missing > 0 ? ` (${missing} missing in the source already, not copied)` : '';
        out.result(`migrated: ${describeCounts(counts)}, files ${files}${lost}; counts and checksums match`);
      }),
    );
  },
};

function targetOf(input: CommandInput, source: string): Target {
  const to = input.values.to;
  if (typeof to !== 'string' || to === '') throw new CliError('migrate needs --to <MONGODB_URI | directory>');
  if (/^mongodb(\+srv)?:\/\//.test(to)) return { mongodbUri: to, dataDir: source };
  const dataDir = resolve(to);
  if (dataDir === source) throw new CliError('--to names the source data directory itself');
  return { mongodbUri: undefined, dataDir };
}

function batchOf(input: CommandInput): number {
  const raw = input.values.batch;
  if (raw === undefined) return DEFAULT_BATCH;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new CliError(`--batch must be a whole number from 1 to 10000 (got "${String(raw)}")`);
  return n;
}

async function refuseNonEmpty(to: Storage): Promise<void> {
  const held = Object.entries(await countsOf(to)).filter(([, n]) => n > 0);
  if (held.length > 0) throw new CliError(`the target is not empty (${describeCounts(Object.fromEntries(held))}): migrate copies into an empty store`);
}

async function copyAll(from: Storage, to: Storage, progress: MigrateProgress, batch: number, out: Output): Promise<void> {
  const say = throttledProgress(out);
  for (const spec of KINDS) {
    const total = await from.countRows(spec.kind);
    let done = 0;
    for await (const rows of scanBatches(from, spec.kind, { after: progress.state.after[spec.kind], batch })) {
      await to.putRows(spec.kind, rows as never);
      progress.save(spec.kind, keyOf(spec, rows.at(-1)!));
      done += rows.length;
      say(`${spec.kind}: ${done} copied (of ${total})`);
    }
    say(`${spec.kind}: done`, true);
  }
}

/** Copies every file's bytes through both blob stores, after the last one copied; answers how many the source lacked. */
async function copyFiles(from: Storage, to: Storage, progress: MigrateProgress, out: Output): Promise<number> {
  const say = throttledProgress(out);
  let done = 0;
  let missing = 0;
  for await (const entry of fileEntries(from, { after: progress.state.after.files })) {
    const source = await from.blobs.open(entry.key);
    if (source) await putFile(to, entry, source);
    else missing++;
    progress.save('files', entry.key.uniqueId);
    say(`files: ${++done} copied`);
  }
  say('files: done', true);
  return missing;
}

/** Every file the source holds is in the target with the bytes its record names. Answers how many. */
async function verifyFiles(from: Storage, to: Storage): Promise<number> {
  let count = 0;
  for await (const entry of fileEntries(from)) {
    if (!(await holdsFile(from, entry.key))) continue;
    const stored = await storedDigest(to, entry.key);
    if (stored?.sha256 !== entry.sha256) throw new CliError(`files: the target's bytes of file ${entry.key.uniqueId} are not the source's`);
    count++;
  }
  return count;
}

/** Both stores hold the same rows: equal counts and checksums per kind. Answers the counts. */
async function verify(from: Storage, to: Storage) {
  const [source, target] = await Promise.all([checksumsOf(from), checksumsOf(to)]);
  const sourceSums = source.digests();
  const targetSums = target.digests();
  for (const { kind } of KINDS) {
    if (source.counts[kind] !== target.counts[kind]) throw new CliError(`${kind}: the source holds ${source.counts[kind]}, the target ${target.counts[kind]}`);
    if (sourceSums[kind] !== targetSums[kind]) throw new CliError(`${kind}: the checksums differ: the target's rows are not the source's`);
  }
  return source.counts;
}

/** An embedded target gets the source's generated secret, so its master keys and tokens stay valid. */
function copySecret(source: string, target: string): void {
  const from = join(source, DATA_FILES.secret);
  const to = join(target, DATA_FILES.secret);
  if (existsSync(from) && !existsSync(to)) copyFileSync(from, to);
}
