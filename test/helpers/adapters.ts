import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Storage } from '@rested/server';
import { openSqliteStorage, openStorage } from '@rested/server';

export interface Adapter {
  name: 'sqlite' | 'mongo';
  /** A fresh, empty store; `dispose` closes it and removes its data. */
  open(clock?: Clock): Promise<{ storage: Storage; dispose: () => Promise<void> }>;
}

const sqlite: Adapter = {
  name: 'sqlite',
  async open(clock) {
    const dir = mkdtempSync(join(tmpdir(), 'rested-test-'));
    const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite'), ...(clock ? { clock } : {}) });
    return {
      storage,
      dispose: async () => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * The URI with its database name replaced. Not through `new URL()`: a replica-set URI lists
 * several hosts (`mongodb://a:27017,b:27017/db?replicaSet=rs`), which URL cannot parse.
 */
export function withDatabase(uri: string, database: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error('MONGODB_URI must look like mongodb://host[:port][,host…][/db][?options]');
  return `${m[1]}/${database}${m[2] ?? ''}`;
}

function mongoAdapter(baseUri: string): Adapter {
  return {
    name: 'mongo',
    async open(clock) {
      const uri = withDatabase(baseUri, `rested_test_${randomBytes(6).toString('hex')}`);
      const storage = await openStorage({ dataDir: '', mongodbUri: uri }, { clock });
      return {
        storage,
        dispose: async () => {
          await storage.close();
          const { default: mongoose } = await import('mongoose');
          const connection = await mongoose.createConnection(uri).asPromise();
          await connection.dropDatabase();
          await connection.close();
        },
      };
    },
  };
}

export const MONGO_SKIP_NOTE = 'MONGODB_URI is not set, so the MongoDB adapter was NOT tested (no MongoDB server on this machine)';

/** SQLite always; MongoDB when MONGODB_URI is set. */
export function adapters(): Adapter[] {
  const uri = process.env.MONGODB_URI;
  return uri ? [sqlite, mongoAdapter(uri)] : [sqlite];
}

let mongoSkipAnnounced = false;

/**
 * Runs `suite` once per adapter. Where MongoDB is not configured, the first such suite registers
 * one pending test whose title says so, so the skip shows as one line in every run's output.
 */
export function forEachAdapter(title: string, suite: (adapter: Adapter) => void): void {
  for (const adapter of adapters()) describe(`${title} [${adapter.name}]`, () => suite(adapter));
  if (!process.env.MONGODB_URI && !mongoSkipAnnounced) {
    mongoSkipAnnounced = true;
    describe('MongoDB adapter', () => it(`SKIPPED for every storage and API suite: ${MONGO_SKIP_NOTE}`));
  }
}
