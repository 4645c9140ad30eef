import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { JsonValue } from '@rested/shared';
import type { Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, type TestContext } from '../helpers/app.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';

/*
 * The review's attack on reads: records of 1 MiB of `[{},{},…]` (21 MB each once
 * parsed), read with limit=1000. Measures how much one such GET grows the heap, in this process:
 * from a collected heap before the request to the heap right after storage answered the page (the
 * parsed page alive, nothing collected since), or after the answer, whichever is larger. The
 * bound it holds is documented in docs/security.md ("Memory per request").
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const PAGE_BUDGET = 4 * MiB; // the default
/**
 * The documented bound: 32 times PAGE_BUDGET. Parsed JSON takes up to ~21 times its text; the
 * rows' text as read, the answer's text and the envelopes take the rest (measured: 27 times).
 */
const HEAP_BOUND = 32 * PAGE_BUDGET;
/** 349,525 empty objects in 1 MiB of JSON, as stored before bodies were bounded to 100,000 values. */
const MEGABYTE_OF_OBJECTS: JsonValue = Array.from({ length: 349_525 }, () => ({}));

forEachAdapter('runtime pages: memory per request', (adapter) => {
  let ctx: TestContext;
  let dispose: () => Promise<void>;
  let f: RuntimeFixture;
  /** The heap right after each page storage answered. */
  const heapAfterPages: number[] = [];

  before(async () => {
    const opened = await adapter.open();
    // Every page storage answers is measured while it is alive.
    const measured = new Proxy(opened.storage, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (name !== 'listRecords' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<Storage['listRecords']>) => {
          const page = await target.listRecords(...args);
          heapAfterPages.push(process.memoryUsage().heapUsed);
          return page;
        };
      },
    });
    const { app, http } = appOn(measured, { config: { pageBudgetBytes: PAGE_BUDGET } });
    ctx = { app, http, storage: opened.storage };
    dispose = async () => {
      await app.shutdown();
      await opened.dispose();
    };
    f = await seedRuntime(ctx.storage, { endpoints: [{ name: 'dump' }, { name: 'posted' }] });
  });
  after(() => dispose());

  /** One GET, timed, with the heap growth it caused. */
  async function measure(url: string) {
    heapAfterPages.length = 0;
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    // The answer is kept as text until measured: supertest would parse it here, in the server's heap.
    const res = await ctx.http.get(url).buffer(true).parse((stream, done) => {
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (text += chunk));
      stream.on('end', () => done(null, text));
    });
    const ms = performance.now() - started;
    const peak = Math.max(process.memoryUsage().heapUsed, ...heapAfterPages);
    return { status: res.status, headers: res.headers, body: JSON.parse(res.body as string) as Array<{ uniqueId: string }>, ms, growthMiB: (peak - before) / MiB };
  }

  it('reads 60 stored records of 1 MiB [{},…] with limit=1000 in one page of 4, within the bound, in well under a second', async function () {
    this.timeout(60_000);
    const endpointId = f.endpoints.dump!.id;
    for (let i = 0; i < 60; i++) await ctx.storage.createRecord({ projectId: f.project.id, endpointId, creatorId: null, data: MEGABYTE_OF_OBJECTS });
    const { ms, growthMiB, ...res } = await measure(f.url('dump', { limit: '1000' }));
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(4);
    expect(res.headers['x-next-cursor']).to.equal(res.body[3]!.uniqueId);
    console.log(`      1 MiB records: page of ${res.body.length}, ${ms.toFixed(0)} ms, heap +${growthMiB.toFixed(1)} MiB (bound ${HEAP_BOUND / MiB} MiB)`);
    expect(growthMiB).to.be.below(HEAP_BOUND / MiB);
    expect(ms).to.be.below(2000);
  });

  it('reads POSTed records at the value bound (100,000 values, 300 KB) within the same bound', async function () {
    this.timeout(60_000);
    const body = `[${Array(99_999).fill('{}').join(',')}]`;
    for (let i = 0; i < 20; i++) {
      const res = await ctx.http.post(f.url('posted')).set('Content-Type', 'application/json').send(body);
      expect(res.status).to.equal(201);
    }
    const { ms, growthMiB, ...res } = await measure(f.url('posted', { limit: '1000' }));
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(Math.floor(PAGE_BUDGET / body.length));
    console.log(`      100,000-value records: page of ${res.body.length}, ${ms.toFixed(0)} ms, heap +${growthMiB.toFixed(1)} MiB`);
    expect(growthMiB).to.be.below(HEAP_BOUND / MiB);
  });
});
