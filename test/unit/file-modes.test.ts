import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, openStorage } from '@rested/server';
import { seedProject } from '../helpers/fixtures.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const DB = 'rested.sqlite';
const dbFiles = (dataDir: string) => [DB, `${DB}-wal`, `${DB}-shm`].map((name) => join(dataDir, name));

/** Opens the store in `dataDir`, writes a row (so the -wal and -shm files exist), and leaves it open for `check`. */
async function withOpenStore(dataDir: string, check: () => void): Promise<void> {
  const storage = await openStorage({ dataDir });
  try {
    await seedProject(storage);
    check();
  } finally {
    await storage.close();
  }
}

describe('files in DATA_DIR are private to the server user', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-modes-'));
    umask = process.umask(0); // the widest umask: only the modes rested asks for protect the files
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates DATA_DIR 0700 and the generated secret 0600', () => {
    const dataDir = join(dir, 'data');
    loadConfig({ DATA_DIR: dataDir });
    expect(modeOf(dataDir)).to.equal(0o700);
    expect(modeOf(join(dataDir, 'secret'))).to.equal(0o600);
  });

  it('creates the database and its -wal and -shm files 0600, in a directory created 0700', async () => {
    const dataDir = join(dir, 'not', 'yet');
    await withOpenStore(dataDir, () => {
      expect(modeOf(dataDir)).to.equal(0o700);
      for (const file of dbFiles(dataDir)) expect(modeOf(file), file).to.equal(0o600);
    });
  });

  it('tightens a database, its -wal and -shm and a secret that an older version left world-readable', async () => {
    const dataDir = join(dir, 'data');
    loadConfig({ DATA_DIR: dataDir });
    await withOpenStore(dataDir, () => {
      for (const file of dbFiles(dataDir)) chmodSync(file, 0o644);
    });
    chmodSync(join(dataDir, 'secret'), 0o644);
    loadConfig({ DATA_DIR: dataDir });
    expect(modeOf(join(dataDir, 'secret'))).to.equal(0o600);
    await withOpenStore(dataDir, () => {
      for (const file of dbFiles(dataDir).filter(existsSync)) expect(modeOf(file), file).to.equal(0o600);
    });
  });
});
