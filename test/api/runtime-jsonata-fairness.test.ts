import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';
import { createRecord, seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';

const ITEMS = 'shop/items';
/** Adds up ten million numbers: runs until the 1 s budget cuts it off, without growing the worker's heap much. */
const UNTIL_THE_BUDGET = '$reduce([1..10000000], function($a, $b){ $a + $b })';
/** Far more than one project may have waiting (4 per worker, at most 4 workers), all at once. */
const FLOOD = 40;
/** A budget of 1 s, plus a worker's start if one was replaced. */
const PROMPT_MS = 3000;

forEachAdapter('runtime data endpoints: JSONata shared fairly between projects', (adapter) => {
  const ctx = useApp(adapter);
  let a: RuntimeFixture;
  let b: RuntimeFixture;
  const query = (f: RuntimeFixture, jsonata: string) => ctx().http.get(f.url(ITEMS, { jsonata, dataOnly: 'true' }));

  beforeEach(async () => {
    a = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
    b = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
    await createRecord(ctx(), a.url(ITEMS), { price: 10 });
    await createRecord(ctx(), a.url(ITEMS), { price: 32 });
    // Every worker warm, so the timings below measure waiting, not process start.
    await Promise.all([1, 2, 3, 4].map((n) => query(b, String(n))));
  });

  it("answers project A's quick queries within a budget or so while project B floods every worker, and refuses B's surplus alone with 503", async () => {
    const flood = Array.from({ length: FLOOD }, () => query(b, UNTIL_THE_BUDGET).then((res) => res));
    await sleep(100);
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const res = await query(a, '$sum(price)');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.equal(42);
      expect(Date.now() - started, `A's query ${i + 1} waited`).to.be.below(PROMPT_MS);
    }
    const answers = await Promise.all(flood);
    const refused = answers.filter((res) => res.status === 503);
    expect(refused.length, 'B was refused beyond its bound').to.be.above(0);
    for (const res of refused) {
      expectError(res, 503, 'service_unavailable');
      expect(res.headers['retry-after']).to.equal('1');
    }
    for (const res of answers.filter((r) => r.status !== 503)) expectError(res, 400, 'invalid_jsonata');
    expect(answers.length - refused.length, 'some of B ran (to the budget)').to.be.above(0);
  });

  it('refuses at once what project B asks beyond its bound, and still runs the next query of B later', async () => {
    const started = Date.now();
    const flood = Array.from({ length: FLOOD }, () => query(b, UNTIL_THE_BUDGET).then((res) => ({ res, ms: Date.now() - started })));
    const answers = await Promise.all(flood);
    const quick = answers.filter(({ res, ms }) => res.status === 503 && ms < 500);
    expect(quick.length, 'refused at once, without waiting').to.be.above(0);
    for (const { res } of quick) expectError(res, 503, 'service_unavailable');
    const again = await query(b, '1 + 1');
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body).to.equal(2);
  });
});
