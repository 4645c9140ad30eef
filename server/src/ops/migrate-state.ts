import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransferKind } from '../storage/storage.js';
import { CliError } from './command.js';

/**
 * Where an unfinished migration stopped, kept in the source's DATA_DIR: the target it copies to
 * (as a hash, never the URI, which may hold a password) and, per kind, the key of the last row
 * whose batch the target acknowledged. Written after every batch, atomically (a rename), so a
 * migration killed at any moment resumes after its last acknowledged batch.
 */
export interface MigrateState {
  target: string;
  after: Partial<Record<TransferKind | 'files', string>>;
}

const STATE_FILE = 'migrate-state.json';

export const targetHash = (target: string): string => createHash('sha256').update(target).digest('hex');

export class MigrateProgress {
  private readonly file: string;
  readonly state: MigrateState;
  readonly resuming: boolean;

  constructor(dataDir: string, target: string) {
    this.file = join(dataDir, STATE_FILE);
    const saved = readState(this.file);
    if (saved && saved.target !== targetHash(target)) {
      throw new CliError(`an unfinished migration to another target is recorded in ${this.file}: finish it, or delete that file to start over`);
    }
    this.resuming = saved !== null;
    this.state = saved ?? { target: targetHash(target), after: {} };
  }

  save(kind: TransferKind | 'files', after: string): void {
    this.state.after[kind] = after;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  finish(): void {
    rmSync(this.file, { force: true });
  }
}

function readState(file: string): MigrateState | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as MigrateState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`cannot read ${file} (${(error as Error).message}); delete it to start the migration over`);
  }
}
