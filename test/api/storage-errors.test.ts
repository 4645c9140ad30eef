import { expect } from 'chai';
import type { Reason } from '@rested/shared';
import type supertest from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { StorageError, type Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

/** Answers `send(http)` from an app on `storage`, with `standIn` methods in place of the real ones. */
async function withStandIn(storage: Storage, standIn: Partial<Storage>, send: (http: TestAgent) => PromiseLike<supertest.Response>): Promise<supertest.Response> {
  const { app, http } = appOn({ ...storage, ...standIn });
  try {
    return await send(http);
  } finally {
    await app.shutdown();
  }
}

const failing = (error: StorageError): Partial<Storage> => ({
  createRecord: async () => {
    throw error;
  },
});

const cases: { code: StorageError['code']; error: StorageError; status: number; reason: Reason; headers?: Record<string, string> }[] = [
  {
    code: 'not_found',
    error: new StorageError('not_found', 'The row this write refers to does not exist (any more).'),
    status: 409,
    reason: 'conflict',
  },
  {
    code: 'conflict',
    error: new StorageError('conflict', 'A row with the same unique value exists.', 'uniqueId'),
    status: 409,
    reason: 'conflict',
  },
  {
    code: 'unavailable',
    error: new StorageError('unavailable', 'The database stayed locked longer than the busy timeout.'),
    status: 503,
    reason: 'service_unavailable',
    headers: { 'retry-after': '1' },
  },
];

for (const c of cases) {
  forEachAdapter(`a StorageError('${c.code}') that no action answers, through the HTTP layer`, (adapter) => {
    const ctx = useApp(adapter);
    let f: RuntimeFixture;

    beforeEach(async () => {
      f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }] });
    });

    it(`answers ${c.status} ${c.reason} in the error envelope, without the storage's own message`, async () => {
      const res = await withStandIn(ctx().storage, failing(c.error), (http) => http.post(f.url('notes')).send({ text: 'hello' }));
      expectError(res, c.status, c.reason);
      for (const [name, value] of Object.entries(c.headers ?? {})) expect(res.headers[name]).to.equal(value);
      expect(res.text).not.to.include(c.error.message);
    });
  });
}
