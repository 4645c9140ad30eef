import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-files.js';
import { CliError } from './command.js';

/** One file of an archive: its name inside it and where its bytes are on disk. */
export interface ArchiveFile {
  name: string;
  path: string;
}

/** Every file under `dir`, named `prefix/…` with forward slashes; none when it does not exist. */
export function filesUnder(dir: string, prefix: string): ArchiveFile[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ name: posix.join(prefix, relative(dir, path).split(sep).join('/')), path }));
}

/** Writes a gzipped tar of `manifest` (as manifest.json, first) and the files, to `dest`, private to this user. */
export async function writeArchive(dest: string, manifest: object, files: readonly ArchiveFile[]): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(dest, { mode: PRIVATE_FILE_MODE, flags: 'wx' }));
  const adding = (async () => {
    const text = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await new Promise<void>((resolve, reject) => pack.entry({ name: 'manifest.json', mode: PRIVATE_FILE_MODE }, text, (e) => (e ? reject(e) : resolve())));
    for (const file of files) {
      const { size, mtime } = statSync(file.path);
      const entry = pack.entry({ name: file.name, size, mtime, mode: PRIVATE_FILE_MODE });
      await pipeline(createReadStream(file.path), entry);
    }
    pack.finalize();
  })();
  adding.catch((error: unknown) => pack.destroy(error as Error));
  await Promise.all([adding, written]);
}

/**
 * Unpacks the archive into `dir`, admitting only regular files whose names `allowed` accepts
 * (relative, no `..`): an archive cannot write outside `dir`. Answers the names unpacked.
 */
export async function readArchive(file: string, dir: string, allowed: (name: string) => boolean): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  const unpacking = (async () => {
    for await (const entry of extract) {
      const name = entry.header.name;
      const safe = entry.header.type === 'file' && !posix.isAbsolute(name) && !name.split('/').includes('..') && allowed(name);
      if (!safe) throw new CliError(`${file} is not a rested backup: it holds "${name}"`);
      const path = join(dir, ...name.split('/'));
      mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
      await pipeline(entry, createWriteStream(path, { mode: PRIVATE_FILE_MODE, flags: 'wx' }));
      names.push(name);
    }
  })();
  unpacking.catch((error: unknown) => extract.destroy(error as Error));
  try {
    await Promise.all([pipeline(createReadStream(file), createGunzip(), extract), unpacking]);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file} does not exist`);
    throw new CliError(`${file} is not a readable rested backup (${(error as Error).message})`);
  }
  return names;
}
