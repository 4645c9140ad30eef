import { expect } from 'chai';
import { mongoAuditStore } from '@rested/server/testing';
import { auditEvent } from '../helpers/audit.js';

/** The MongoDB audit store with an event collection whose writes fail or succeed as told. */
function storeWith(create: (doc: unknown) => Promise<unknown>) {
  const failures: { error: unknown; type: string }[] = [];
  const store = mongoAuditStore({
    models: { auditEvents: { create } } as never,
    now: () => new Date(),
    onAuditFailure: (error, event) => failures.push({ error, type: event.type }),
  });
  return { store, failures };
}

describe('MongoDB adapter: an audit event that cannot be written after its change', () => {
  it('never fails the change: the change\'s answer comes back, and the failure is reported', async () => {
    const refused = new Error('write refused');
    const { store, failures } = storeWith(async () => { throw refused; });
    const answer = await store.audited(auditEvent('p1', { type: 'user.disabled' }), async () => ({ changed: true }));
    expect(answer).to.deep.equal({ changed: true });
    expect(failures).to.deep.equal([{ error: refused, type: 'user.disabled' }]);
  });

  it('writes the event after a change that changed something, and none after one that did not', async () => {
    const written: unknown[] = [];
    const { store, failures } = storeWith(async (doc) => written.push(doc));
    await store.audited(auditEvent('p1', { type: 'user.deleted' }), async () => false);
    expect(written).to.have.length(0);
    await store.audited(auditEvent('p1', { type: 'user.deleted', details: { n: 1 } }), async () => true);
    expect(written).to.have.length(1);
    expect(written[0]).to.deep.include({ projectId: 'p1', type: 'user.deleted', detailsJson: '{"n":1}' });
    expect(failures).to.deep.equal([]);
  });
});
