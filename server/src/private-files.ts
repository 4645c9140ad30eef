import { chmodSync, statSync } from 'node:fs';

/** Owner-only modes for what DATA_DIR holds: the database and the generated secret. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * chmod `path` to `mode` when it grants more than `mode` does (files left world-readable by an
 * older version). One that is missing, or not ours to change, is left as it is.
 */
export function tighten(path: string, mode: number): void {
  try {
    if ((statSync(path).mode & 0o777 & ~mode) !== 0) chmodSync(path, mode);
  } catch {
    // Missing (no -wal yet) or owned by someone else: whoever opens it reports any real problem.
  }
}
