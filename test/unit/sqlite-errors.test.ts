import { expect } from 'chai';
import Database from 'better-sqlite3';
import { StorageError } from '@rested/server';
import { migrate, translateSqliteError } from '@rested/server/testing';

/** What better-sqlite3 throws when `sql` runs on a migrated in-memory database holding one owner, project, endpoint and user. */
function driverErrorOf(sql: string): unknown {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.exec(`
    INSERT INTO owners VALUES ('o1', 'Ada@example.com', 'ada@example.com', 'Ada', 'h', 0);
    INSERT INTO projects VALUES ('p1', 'o1', 'P', 'key1', '[]', 0, NULL, 3600, 's', 0, 0);
    INSERT INTO endpoints (id, project_id, name, description, auth, secure, read_others, update_others, delete_others, created_at, updated_at) VALUES ('e1', 'p1', 'shop/items', '', 1, 0, 0, 0, 0, 0, 0);
    INSERT INTO users VALUES ('u1', 'p1', 'e1', 'alice', 'alice@example.com', 'h', '{}', 0, 0, NULL);
  `);
  try {
    db.exec(sql);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  return expect.fail(`expected ${sql} to fail`);
}

describe('SQLite adapter: driver errors become storage errors', () => {
  const duplicates: [string, string, string][] = [
    ['a duplicate owner email', "INSERT INTO owners VALUES ('o2', 'ADA@example.com', 'ada@example.com', 'Other', 'h', 0)", 'email'],
    ['a duplicate username on one auth endpoint', "INSERT INTO users VALUES ('u2', 'p1', 'e1', 'alice', NULL, 'h', '{}', 0, 0, NULL)", 'username'],
    ['a duplicate email on one auth endpoint', "INSERT INTO users VALUES ('u2', 'p1', 'e1', NULL, 'alice@example.com', 'h', '{}', 0, 0, NULL)", 'email'],
    ['a duplicate endpoint name in a project', "INSERT INTO endpoints (id, project_id, name, description, auth, secure, read_others, update_others, delete_others, created_at, updated_at) VALUES ('e2', 'p1', 'shop/items', '', 0, 0, 0, 0, 0, 0, 0)", 'name'],
    ['a duplicate API key', "INSERT INTO projects VALUES ('p2', 'o1', 'Q', 'key1', '[]', 0, NULL, 3600, 's', 0, 0)", 'apiKey'],
    ['a duplicate primary key', "INSERT INTO users VALUES ('u1', 'p1', 'e1', 'bob', NULL, 'h', '{}', 0, 0, NULL)", 'uniqueId'],
  ];
  for (const [what, sql, field] of duplicates) {
    it(`reports ${what} as a conflict on ${field}`, () => {
      const error = driverErrorOf(sql);
      expect(error).to.be.instanceOf(Database.SqliteError);
      const translated = translateSqliteError(error);
      expect(translated).to.be.instanceOf(StorageError);
      expect(translated).to.include({ code: 'conflict', field });
    });
  }

  it('reports a write that refers to a missing row as not_found', () => {
    const error = driverErrorOf("INSERT INTO records VALUES ('r1', 'p1', 'no-such-endpoint', NULL, '1', 0, 0, 0)");
    expect(error).to.include({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(translateSqliteError(error)).to.be.instanceOf(StorageError).and.include({ code: 'not_found' });
  });

  for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
    it(`reports ${code} as unavailable`, () => {
      const translated = translateSqliteError(new Database.SqliteError('database is locked', code));
      expect(translated).to.be.instanceOf(StorageError).and.include({ code: 'unavailable' });
    });
  }

  it('passes any other error through unchanged', () => {
    const notNull = driverErrorOf("INSERT INTO owners VALUES ('o2', NULL, 'b@example.com', 'B', 'h', 0)");
    expect(notNull).to.include({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
    const syntax = driverErrorOf('SELEKT 1');
    expect(syntax).to.include({ code: 'SQLITE_ERROR' });
    const mine = new Error('thrown by an update function');
    const already = new StorageError('conflict', 'taken', 'email');
    for (const other of [notNull, syntax, mine, already, 'a string', null, undefined]) {
      expect(translateSqliteError(other)).to.equal(other);
    }
  });
});
