import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { createRecord, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';

/** A small BODY_LIMIT, so that a few merges would pass it. */
const LIMIT = 4096;
const text = (n: number) => 'x'.repeat(n);

forEachAdapter('PATCH merges cannot grow a record past what one body may carry', (adapter) => {
  const ctx = useApp(adapter, { config: { bodyLimitBytes: LIMIT } });
  let f: RuntimeFixture;
  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }, { name: 'users', auth: true }] });
  });

  it('refuses the merge that would take a record past BODY_LIMIT bytes with 413, keeping the record as it was', async () => {
    const record = await createRecord(ctx(), f.url('notes'), { a: text(1500) });
    const url = f.url('notes', { uniqueId: record.uniqueId });
    expect((await ctx().http.patch(url).send({ b: text(1500) })).status).to.equal(200);
    expectError(await ctx().http.patch(url).send({ c: text(1500) }), 413, 'payload_too_large');
    const [stored] = await ctx().storage.findRecords(f.endpoints.notes!.id, [record.uniqueId]);
    expect(Object.keys(stored!.data as object)).to.deep.equal(['a', 'b']);
    // A replacement of the same size as a body is still accepted: only growth by merging is bounded.
    expect((await ctx().http.put(url).send({ c: text(3000) })).status).to.equal(200);
  });

  it("holds an end user's own record to the same bound", async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'users', { username: 'ada' });
    const url = f.url('users', { uniqueId: ada.id });
    expect((await ctx().http.patch(url).set(bearer(ada)).send({ bio: text(2000) })).status).to.equal(200);
    expectError(await ctx().http.patch(url).set(bearer(ada)).send({ notes: text(2500) }), 413, 'payload_too_large');
    const user = await ctx().storage.findUserById(f.endpoints.users!.id, ada.id);
    expect(user!.data).to.not.have.property('notes');
  });
});

forEachAdapter('PATCH merges cannot grow a record past MAX_VALUES values', (adapter) => {
  const ctx = useApp(adapter);

  it('refuses the merge that would pass the bound with 413, though each body is within it', async () => {
    const f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }] });
    const zeros = (n: number) => Array(n).fill(0);
    const record = await createRecord(ctx(), f.url('notes'), { a: zeros(60_000) });
    const url = f.url('notes', { uniqueId: record.uniqueId });
    expectError(await ctx().http.patch(url).send({ b: zeros(60_000) }), 413, 'payload_too_large');
    const [stored] = await ctx().storage.findRecords(f.endpoints.notes!.id, [record.uniqueId]);
    expect(Object.keys(stored!.data as object)).to.deep.equal(['a']);
  });
});
