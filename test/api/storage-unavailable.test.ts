import { expect } from 'chai';
import { StorageError } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';

forEachAdapter('when the database is unavailable', (adapter) => {
  const ctx = useApp(adapter);

  it('answers 503 service_unavailable with Retry-After in the error envelope, not 500', async () => {
    const { storage, http } = ctx();
    storage.ping = async () => {
      throw new StorageError('unavailable', 'MongoDB is unavailable: connect ECONNREFUSED mongodb://admin:hunter2@db');
    };
    const res = await http.get('/health');
    expectError(res, 503, 'service_unavailable');
    expect(res.headers['retry-after']).to.equal('1');
    expect(res.body.error).to.include({ code: 503, status: 'Service Unavailable', reason: 'service_unavailable' });
    expect(res.body.error.request).to.equal(res.headers['x-request-id']);
    expect(res.text).not.to.include('hunter2');
  });

  it('still answers 500 internal_error for other storage failures', async () => {
    const { storage, http } = ctx();
    storage.ping = async () => {
      throw new Error('disk on fire');
    };
    const res = await http.get('/health');
    expectError(res, 500, 'internal_error');
    expect(res.text).not.to.include('disk on fire');
  });
});
