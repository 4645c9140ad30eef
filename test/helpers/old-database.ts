import Database from 'better-sqlite3';
import { expect } from 'chai';
import { migrate } from '@rested/server/testing';

/**
 * A SQLite file as an earlier release left it: the schema migrated up to `version` only, with
 * one owner `o` and its project `p`, both made at `now`. The caller adds its rows and closes it.
 */
export function oldDatabase(file: string, version: number, now: number): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  expect(migrate(db, version)).to.equal(version);
  db.exec(`
    INSERT INTO owners VALUES ('o', 'o@example.com', 'o@example.com', 'O', 'x', ${now});
    INSERT INTO projects VALUES ('p', 'o', 'P', 'key', '[]', 0, NULL, 3600, 'secret', ${now}, ${now});
  `);
  return db;
}
