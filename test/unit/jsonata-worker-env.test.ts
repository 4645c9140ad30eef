import { expect } from 'chai';
import { getPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWorkerPool } from '@rested/server/testing';

const PROBE = fileURLToPath(new URL('../helpers/env-probe-worker.mjs', import.meta.url));
const POOL = { size: 1, hardLimitMs: 10_000, maxWaitMs: 10_000, maxQueue: 4, maxQueuePerProject: 4, maxHeapMb: 64 };

describe('JSONata worker processes', () => {
  const saved = { SECRET: process.env.SECRET, MONGODB_URI: process.env.MONGODB_URI };
  before(() => {
    process.env.SECRET = 'server-secret-that-must-not-leak-0123456789';
    process.env.MONGODB_URI = 'mongodb://user:password@db.example/rested';
  });
  after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('start with an empty environment: no SECRET, no MONGODB_URI, nothing the server was given', async () => {
    const pool = createWorkerPool({ ...POOL, workerScript: PROBE });
    try {
      const outcome = await pool.run('project', { expression: '', input: null, timeoutMs: 1000, maxResultBytes: 1024 });
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      const { env } = JSON.parse((outcome as { json: string }).json) as { env: Record<string, string> };
      expect(env).to.not.have.any.keys('SECRET', 'MONGODB_URI', 'PATH', 'HOME');
      expect(Object.keys(env).filter((name) => name !== 'TZ')).to.deep.equal([]);
    } finally {
      await pool.close();
    }
  });

  it('run at a lower CPU priority than the server (nice 10), so expressions never take CPU from answering requests', async () => {
    const pool = createWorkerPool({ ...POOL, workerScript: PROBE });
    try {
      const outcome = await pool.run('project', { expression: '', input: null, timeoutMs: 1000, maxResultBytes: 1024 });
      const { nice } = JSON.parse((outcome as { json: string }).json) as { nice: number };
      expect(nice).to.equal(getPriority() + 10);
    } finally {
      await pool.close();
    }
  });

  it('still evaluate expressions in that environment', async () => {
    const pool = createWorkerPool(POOL);
    try {
      const outcome = await pool.run('project', { expression: '$sum(a) & " " & $uppercase(b)', input: { a: [1, 2], b: 'x' }, timeoutMs: 5000, maxResultBytes: 1024 });
      expect(outcome).to.deep.include({ ok: true, json: '"3 X"' });
    } finally {
      await pool.close();
    }
  });
});
