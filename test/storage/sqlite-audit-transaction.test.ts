import { expect } from 'chai';
import Database from 'better-sqlite3';
import { createSqliteContext, migrate, sqliteStorage } from '@rested/server/testing';
import { systemClock, type Storage } from '@rested/server';
import { auditEvent } from '../helpers/audit.js';
import { seedAuthEndpoint, seedUser } from '../helpers/fixtures.js';

describe('SQLite: an audited change and its event commit together', () => {
  let db: Database.Database;
  let storage: Storage;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
    storage = sqliteStorage(createSqliteContext(db, systemClock));
  });
  afterEach(() => storage.close());

  it('rolls the change back when its event cannot be written', async () => {
    const { projectId, authId } = await seedAuthEndpoint(storage);
    const alice = await seedUser(storage, projectId, authId, 'alice', null);
    db.exec(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit write refused'); END`);
    const event = auditEvent(projectId, { type: 'user.disabled', target: { endpoint: authId, uniqueId: alice.uniqueId, sessionId: null } });
    const outcome = await storage.audited(event, () => storage.updateUser(authId, alice.uniqueId, () => ({ disabledAt: new Date() }))).then(
      () => 'written', (error: unknown) => error);
    expect(outcome).to.be.instanceOf(Error);
    expect((await storage.findUserById(authId, alice.uniqueId))!.disabledAt).to.equal(null);
    db.exec('DROP TRIGGER refuse_audit');
    await storage.audited(event, () => storage.updateUser(authId, alice.uniqueId, () => ({ disabledAt: new Date() })));
    expect((await storage.findUserById(authId, alice.uniqueId))!.disabledAt).to.be.instanceOf(Date);
    expect((await storage.listAuditEvents(projectId, { limit: 5 })).map((e) => e.type)).to.deep.equal(['user.disabled']);
  });

  it('leaves the writes of other changes in the same group commit alone', async () => {
    const { projectId, authId } = await seedAuthEndpoint(storage);
    const [alice, bob] = [await seedUser(storage, projectId, authId, 'alice', null), await seedUser(storage, projectId, authId, 'bob', null)];
    db.exec(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit write refused'); END`);
    const audited = storage.audited(auditEvent(projectId), () => storage.updateUser(authId, alice.uniqueId, () => ({ disabledAt: new Date() })));
    const plain = storage.updateUser(authId, bob.uniqueId, () => ({ disabledAt: new Date() }));
    const [a, b] = await Promise.allSettled([audited, plain]);
    expect([a.status, b.status]).to.deep.equal(['rejected', 'fulfilled']);
    expect((await storage.findUserById(authId, alice.uniqueId))!.disabledAt).to.equal(null);
    expect((await storage.findUserById(authId, bob.uniqueId))!.disabledAt).to.be.instanceOf(Date);
  });

  it('still records the event of a change that awaited something before its store call, right after it', async () => {
    const { projectId, authId } = await seedAuthEndpoint(storage);
    const alice = await seedUser(storage, projectId, authId, 'alice', null);
    const late = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return storage.updateUser(authId, alice.uniqueId, () => ({ disabledAt: new Date() }));
    };
    const other = seedUser(storage, projectId, authId, 'bob', null); // a write of another request meanwhile: no event of its own
    await storage.audited(auditEvent(projectId, { type: 'user.disabled' }), late);
    await other;
    expect((await storage.listAuditEvents(projectId, { limit: 5 })).map((e) => e.type)).to.deep.equal(['user.disabled']);
  });

  it('reads every page, filtered or not, as one range of one index', () => {
    const plan = (where: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM audit_events WHERE project_id = ? ${where} ORDER BY id DESC LIMIT 50`).all('p', ...params) as { detail: string }[])
        .map((row) => row.detail).join('; ');
    expect(plan('AND id < ?', 'x')).to.match(/^SEARCH audit_events USING INDEX audit_events_page \(project_id=\? AND id<\?\)$/);
    expect(plan('AND type IN (?) AND id < ?', 't', 'x')).to.match(/^SEARCH audit_events USING INDEX audit_events_type \(project_id=\? AND type=\? AND id<\?\)$/);
    expect(plan('AND target_unique_id = ?', 'u')).to.match(/^SEARCH audit_events USING INDEX audit_events_user \(project_id=\? AND target_unique_id=\?\)$/);
    expect(plan('AND target_endpoint = ? AND id < ?', 'e', 'x')).to.match(/^SEARCH audit_events USING INDEX audit_events_endpoint/);
  });
});
