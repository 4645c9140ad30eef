import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openSqliteStorage, type Storage } from '@rested/server';
import { oldDatabase } from '../helpers/old-database.js';

describe('SQLite project usage (migration 3)', () => {
  let dir: string;
  let storage: Storage | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'rested-usage-'))));
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is backfilled for the records and users written before it, and kept from then on', async () => {
    const file = join(dir, 'rested.sqlite');
    // A database as the release before this migration left it: schema version 2, some records and a user.
    const now = Date.now();
    const old = oldDatabase(file, 2, now);
    old.exec(`
      INSERT INTO projects VALUES ('q', 'o', 'Q', 'key2', '[]', 0, NULL, 3600, 'secret', ${now}, ${now});
      INSERT INTO endpoints VALUES ('e', 'p', 'data', '', 0, 0, 0, 0, 0, ${now}, ${now});
      INSERT INTO endpoints VALUES ('a', 'p', 'auth', '', 1, 0, 0, 0, 0, ${now}, ${now});
      INSERT INTO users VALUES ('u', 'p', 'a', 'ann', NULL, 'h', '{"username":"ann"}', ${now}, ${now});
    `);
    const insert = old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 3; i++) insert.run(`r${i}`, 'p', 'e', null, '"é"', now + i, now + i);
    old.close();

    const s = (storage = await openSqliteStorage({ file }));
    const userBytes = Buffer.byteLength('{"username":"ann"}');
    expect(await s.projectUsage('p')).to.deep.equal({ records: 4, bytes: 3 * 4 + userBytes });
    expect(await s.projectUsage('q')).to.deep.equal({ records: 0, bytes: 0 });
    await s.createRecord({ projectId: 'p', endpointId: 'e', creatorId: null, data: 1 });
    await s.deleteRecord('e', 'r0');
    expect(await s.projectUsage('p')).to.deep.equal({ records: 4, bytes: 2 * 4 + 1 + userBytes });
  });
});
