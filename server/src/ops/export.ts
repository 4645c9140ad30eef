import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Storage } from '../storage/storage.js';
import { formatBytes } from '@rested/shared';
import { CliError, throttledProgress, type Command, type Output } from './command.js';
import { DATA_DIR_OPTION } from './data-dir.js';
import type { FilesTrailer } from './export-files.js';
import { FORMAT, VERSION, type ExportHeader, type ExportTrailer } from './export-format.js';
import { fileEntries } from './files.js';
import { Checksums, canonicalRow, KINDS } from './kinds.js';
import { LineWriter } from './lines.js';
import { describeCounts, scanBatches } from './scan.js';
import { withServerStorage } from './with-storage.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export [--project <id>] <file>',
  summary: 'Writes the whole install, or one project, as a portable JSON Lines file.',
  help: [
    'Owners (with their password hashes), projects, endpoints, end users (with their password',
    'hashes), their sessions and records, email settings and templates, one-time tokens, and the',
    'bytes of file endpoints\' files, with their ids and dates, in the format that',
    'docs/backups.md describes. Reads the store the server uses (MONGODB_URI, else DATA_DIR), and',
    'streams: memory stays flat at any size. The file holds password hashes and signing secrets:',
    'keep it as private as the server. A project export holds the project\'s owner, not its sessions.',
    '',
    'Options:',
    '  --project <id>     only this project (its owner, endpoints, users, sessions and records)',
    '  --data-dir <dir>   the data directory (default: DATA_DIR, else ./data)',
  ].join('\n'),
  options: { ...DATA_DIR_OPTION, project: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(input, out) {
    const dest = resolve(input.positionals[0]!);
    const projectId = input.values.project as string | undefined;
    if (existsSync(dest)) throw new CliError(`${dest} exists already: export never overwrites a file`);
    await withServerStorage(input, async (storage) => {
      if (projectId !== undefined && !(await storage.findProjectById(projectId))) throw new CliError(`there is no project ${projectId}`);
      const partial = `${dest}.partial`;
      try {
        const counts = await writeExport(storage, partial, projectId ?? null, out);
        renameSync(partial, dest);
        out.result(`exported ${dest} (${formatBytes(statSync(dest).size)}): ${describeCounts(counts)}`);
      } finally {
        rmSync(partial, { force: true });
      }
    });
  },
};

/** Each file's line and its bytes, base64, a line per chunk as the blob store reads them; answers their count and checksum. */
async function writeFiles(storage: Storage, writer: LineWriter, project: string | null): Promise<FilesTrailer> {
  const sums = createHash('sha256');
  let count = 0;
  for await (const entry of fileEntries(storage, { projectId: project ?? undefined })) {
    const stream = await storage.blobs.open(entry.key);
    if (!stream) continue; // bytes lost already: the record goes, without them
    const file = { ...entry.key, size: entry.size, sha256: entry.sha256 };
    sums.update(`${JSON.stringify(file)}\n`);
    count++;
    await writer.write({ file });
    for await (const chunk of stream as AsyncIterable<Buffer>) await writer.write({ bytes: chunk.toString('base64') });
  }
  return { count, checksum: sums.digest('hex') };
}

async function writeExport(storage: Storage, file: string, project: string | null, out: Output) {
  const writer = new LineWriter(file);
  const progress = throttledProgress(out);
  try {
    const header: ExportHeader = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), project };
    await writer.write(header);
    const sums = new Checksums();
    for (const { kind } of KINDS) {
      for await (const rows of scanBatches(storage, kind, { projectId: project ?? undefined })) {
        for (const row of rows) {
          const canonical = canonicalRow(row);
          sums.add(kind, canonical);
          await writer.write({ kind, row: canonical });
        }
        progress(`${kind}: ${sums.counts[kind]}`);
      }
    }
    const files = await writeFiles(storage, writer, project);
    const trailer: ExportTrailer = { end: { counts: sums.counts, checksums: sums.digests(), files } };
    await writer.write(trailer);
    await writer.close();
    return { ...sums.counts, files: files.count };
  } catch (error) {
    writer.destroy();
    throw error;
  }
}
