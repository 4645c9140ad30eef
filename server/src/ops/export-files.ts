import { createHash, type Hash } from 'node:crypto';
import { CliError } from './command.js';
import type { FileEntry } from './files.js';

/*
 * Files in the export format: after every row, each file as a line {"file": {projectId,
 * endpointId, uniqueId, size, sha256}} followed by its bytes as lines {"bytes": "<base64>"}.
 * The end line's "files" gives their count and the SHA-256 of their file objects (JSON, then \n).
 */

export interface FilesTrailer {
  count: number;
  checksum: string;
}

/** Checks the files of a file as they are read: each one's bytes against its size and SHA-256, and all of them against the end line. */
export class FileSection {
  private readonly sums = createHash('sha256');
  private count = 0;
  private current: { entry: FileEntry; hash: Hash; size: number; at: string } | null = null;

  constructor(private readonly file: string) {}

  get started(): boolean {
    return this.count > 0;
  }

  /** A file line: the one before it must be whole. */
  open(value: unknown, at: string): FileEntry {
    this.close();
    const entry = asFileEntry(value, at);
    this.sums.update(`${JSON.stringify(value)}\n`);
    this.count++;
    this.current = { entry, hash: createHash('sha256'), size: 0, at };
    return entry;
  }

  bytes(text: unknown, at: string): Buffer {
    if (!this.current) throw new CliError(`${at}: bytes without a file line before them`);
    if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new CliError(`${at}: "bytes" must be base64 text`);
    const chunk = Buffer.from(text, 'base64');
    this.current.hash.update(chunk);
    this.current.size += chunk.length;
    return chunk;
  }

  /** The end: the last file whole, and the count and checksum of all of them as the end line says. */
  end(trailer: FilesTrailer | undefined): void {
    this.close();
    const expected = trailer ?? { count: 0, checksum: createHash('sha256').digest('hex') };
    if (expected.count !== this.count) throw new CliError(`${this.file} holds ${this.count} files, its end line says ${expected.count}: it was cut or edited`);
    if (this.count > 0 && expected.checksum !== this.sums.digest('hex')) throw new CliError(`${this.file}: the files do not match their checksum: the file was edited`);
  }

  private close(): void {
    if (!this.current) return;
    const { entry, hash, size, at } = this.current;
    this.current = null;
    if (size !== entry.size || hash.digest('hex') !== entry.sha256) throw new CliError(`${at}: the bytes of file ${entry.key.uniqueId} are not ${entry.size} bytes with its SHA-256: the file was cut or edited`);
  }
}

function asFileEntry(value: unknown, at: string): FileEntry {
  const file = value as Record<string, unknown> | null;
  const ids = ['projectId', 'endpointId', 'uniqueId'].every((field) => typeof file?.[field] === 'string' && /^[0-9a-f]{32}$/.test(file[field] as string));
  if (!ids || !Number.isSafeInteger(file!.size) || (file!.size as number) < 0 || typeof file!.sha256 !== 'string') {
    throw new CliError(`${at}: a file line must be {"file": {projectId, endpointId, uniqueId, size, sha256}}`);
  }
  const { projectId, endpointId, uniqueId, size, sha256 } = file as { projectId: string; endpointId: string; uniqueId: string; size: number; sha256: string };
  return { key: { projectId, endpointId, uniqueId }, size, sha256 };
}
