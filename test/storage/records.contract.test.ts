import { expect } from 'chai';
import type { RecordRow, SortSpec, Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, sleep, useFreshStorage } from '../helpers/fixtures.js';

async function allPages(s: Storage, endpointId: string, limit: number, sort?: SortSpec, creatorId?: string): Promise<RecordRow[][]> {
  const pages: RecordRow[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await s.listRecords(endpointId, { limit, after, sort, creatorId });
    if (page.length === 0) return pages;
    pages.push(page);
    after = page[page.length - 1]!.uniqueId;
  }
}

forEachAdapter('storage contract: records', (adapter) => {
  const store = useFreshStorage(adapter);

  it('round-trips any JSON value exactly, including keys that look like prototypes or operators', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id);
    const values = [
      { nested: { list: [1, 'two', null, { three: true }] }, 'dotted.key': 1, $dollar: 2 },
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
      [1, 2, 3],
      'plain text',
      42.5,
      true,
      null,
      {},
    ];
    for (const data of values) {
      const created = await store().createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data });
      expect(created.uniqueId).to.match(/^[0-9a-f]{32}$/);
      const [found] = await store().findRecords(endpoint.id, [created.uniqueId]);
      expect(JSON.stringify(found!.data)).to.equal(JSON.stringify(data));
      expect(found!.createdAt.getTime()).to.equal(created.createdAt.getTime());
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('finds records by id in the order asked, only within the endpoint', async () => {
    const project = await seedProject(store());
    const a = await seedEndpoint(store(), project.id);
    const b = await seedEndpoint(store(), project.id);
    const r1 = await store().createRecord({ projectId: project.id, endpointId: a.id, creatorId: null, data: 1 });
    const r2 = await store().createRecord({ projectId: project.id, endpointId: a.id, creatorId: null, data: 2 });
    const other = await store().createRecord({ projectId: project.id, endpointId: b.id, creatorId: null, data: 3 });
    const found = await store().findRecords(a.id, [r2.uniqueId, 'missing', r1.uniqueId, other.uniqueId]);
    expect(found.map((r) => r.data)).to.deep.equal([2, 1]);
  });

  it('updates data and moves updatedAt; deletes once; both scoped to the endpoint', async () => {
    const project = await seedProject(store());
    const a = await seedEndpoint(store(), project.id);
    const b = await seedEndpoint(store(), project.id);
    const record = await store().createRecord({ projectId: project.id, endpointId: a.id, creatorId: 'u1', data: { v: 1 } });
    await sleep(5);
    expect(await store().updateRecord(b.id, record.uniqueId, () => ({ v: 9 }))).to.equal(null);
    const updated = await store().updateRecord(a.id, record.uniqueId, (current) => ({ v: (current.data as { v: number }).v + 1 }));
    expect(updated).to.deep.include({ uniqueId: record.uniqueId, creatorId: 'u1', data: { v: 2 } });
    expect(updated!.updatedAt.getTime()).to.be.greaterThan(record.updatedAt.getTime());
    expect(updated!.createdAt.getTime()).to.equal(record.createdAt.getTime());
    expect(await store().deleteRecord(b.id, record.uniqueId)).to.equal(false);
    expect(await store().deleteRecord(a.id, record.uniqueId)).to.equal(true);
    expect(await store().deleteRecord(a.id, record.uniqueId)).to.equal(false);
    expect(await store().updateRecord(a.id, record.uniqueId, () => 1)).to.equal(null);
  });

  it('applies concurrent updates one after another, so none is lost', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id);
    const record = await store().createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { seen: [] } });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store().updateRecord(endpoint.id, record.uniqueId, (current) => ({ seen: [...(current.data as { seen: number[] }).seen, i] })),
      ),
    );
    const [final] = await store().findRecords(endpoint.id, [record.uniqueId]);
    expect((final!.data as { seen: number[] }).seen).to.have.members(Array.from({ length: 25 }, (_, i) => i));
  });

  it('writes nothing when the update function throws', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id);
    const record = await store().createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { v: 1 } });
    let thrown: unknown;
    try {
      await store().updateRecord(endpoint.id, record.uniqueId, () => {
        throw new Error('refused');
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.have.property('message', 'refused');
    const [same] = await store().findRecords(endpoint.id, [record.uniqueId]);
    expect(same).to.deep.equal(record);
  });

  describe('pagination', () => {
    let endpointId: string;
    let created: RecordRow[];

    beforeEach(async () => {
      const project = await seedProject(store());
      endpointId = (await seedEndpoint(store(), project.id)).id;
      created = [];
      // Some records share a millisecond: the order must still be total and stable.
      for (let i = 0; i < 25; i++) {
        const n = i % 7 === 3 ? null : (i * 37) % 11;
        created.push(await store().createRecord({ projectId: project.id, endpointId, creatorId: i % 2 ? 'odd' : 'even', data: { i, n } }));
        if (i % 5 === 0) await sleep(2);
      }
    });

    const byCreation = (rows: RecordRow[]) =>
      [...rows].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.uniqueId < y.uniqueId ? -1 : 1));

    it('walks every record exactly once in creation order with the after cursor', async () => {
      const pages = await allPages(store(), endpointId, 10);
      expect(pages.map((p) => p.length)).to.deep.equal([10, 10, 5]);
      expect(pages.flat().map((r) => r.uniqueId)).to.deep.equal(byCreation(created).map((r) => r.uniqueId));
    });

    it('walks newest first with sort -createdAt', async () => {
      const pages = await allPages(store(), endpointId, 7, { field: 'createdAt', direction: 'desc' });
      expect(pages.flat().map((r) => r.uniqueId)).to.deep.equal(byCreation(created).reverse().map((r) => r.uniqueId));
    });

    it('sorts by a data field, nulls first, ties broken by creation, across pages', async () => {
      const pages = await allPages(store(), endpointId, 4, { field: 'data.n', direction: 'asc' });
      const walked = pages.flat();
      expect(walked).to.have.length(25);
      const key = (r: RecordRow) => ((r.data as { n: number | null }).n ?? -Infinity);
      const expected = byCreation(created).sort((x, y) => key(x) - key(y));
      expect(walked.map((r) => r.uniqueId)).to.deep.equal(expected.map((r) => r.uniqueId));
      const desc = (await allPages(store(), endpointId, 6, { field: 'data.n', direction: 'desc' })).flat();
      expect(desc.map((r) => r.uniqueId)).to.deep.equal([...expected].reverse().map((r) => r.uniqueId));
    });

    it('filters by creator, and counts with and without the filter', async () => {
      const odd = (await allPages(store(), endpointId, 5, undefined, 'odd')).flat();
      expect(odd).to.have.length(12);
      expect(odd.every((r) => r.creatorId === 'odd')).to.equal(true);
      expect(await store().countRecords(endpointId)).to.equal(25);
      expect(await store().countRecords(endpointId, { creatorId: 'even' })).to.equal(13);
    });

    it('counts up to a bound: min(count, upTo), with or without the creator filter, only in the endpoint', async () => {
      const cases: [{ creatorId?: string; upTo: number }, number][] = [
        [{ upTo: 26 }, 25],
        [{ upTo: 25 }, 25],
        [{ upTo: 10 }, 10],
        [{ upTo: 1 }, 1],
        [{ upTo: 0 }, 0],
        [{ creatorId: 'even', upTo: 14 }, 13],
        [{ creatorId: 'even', upTo: 5 }, 5],
        [{ creatorId: 'nobody', upTo: 5 }, 0],
      ];
      for (const [filter, expected] of cases) {
        expect(await store().countRecords(endpointId, filter), JSON.stringify(filter)).to.equal(expected);
      }
      const project = await seedProject(store());
      const other = await seedEndpoint(store(), project.id);
      expect(await store().countRecords(other.id, { upTo: 10 })).to.equal(0);
    });

    it('answers an empty page for an unknown cursor or a cursor from another endpoint', async () => {
      expect(await store().listRecords(endpointId, { limit: 10, after: 'f'.repeat(32) })).to.deep.equal([]);
      const project = await seedProject(store());
      const other = await seedEndpoint(store(), project.id);
      expect(await store().listRecords(other.id, { limit: 10, after: created[0]!.uniqueId })).to.deep.equal([]);
    });
  });

  describe('a page\'s byte budget (maxBytes) and whether more follow', () => {
    let projectId: string;
    let endpointId: string;
    /** Five records whose stored JSON text is 100 bytes each; the fourth in two-byte characters. */
    let rows: RecordRow[];

    beforeEach(async () => {
      projectId = (await seedProject(store())).id;
      endpointId = (await seedEndpoint(store(), projectId)).id;
      rows = [];
      for (const data of ['a', 'b', 'c', 'é', 'd'].map((ch) => ch.repeat(ch === 'é' ? 49 : 98))) {
        rows.push(await store().createRecord({ projectId, endpointId, creatorId: null, data }));
        await sleep(2);
      }
    });

    const page = async (query: { limit: number; maxBytes?: number; after?: string }) => {
      const found = await store().listRecords(endpointId, query);
      return { ids: found.map((r) => rows.findIndex((row) => row.uniqueId === r.uniqueId)), more: found.more };
    };

    it('ends a page at the budget, taking a record that fills it exactly, and says more follow', async () => {
      expect(await page({ limit: 10, maxBytes: 250 })).to.deep.equal({ ids: [0, 1], more: true });
      expect(await page({ limit: 10, maxBytes: 300 })).to.deep.equal({ ids: [0, 1, 2], more: true });
      expect(await page({ limit: 10, maxBytes: 500 })).to.deep.equal({ ids: [0, 1, 2, 3, 4], more: false });
    });

    it('always answers one record, however small the budget', async () => {
      expect(await page({ limit: 10, maxBytes: 1 })).to.deep.equal({ ids: [0], more: true });
      expect(await page({ limit: 10, maxBytes: 1, after: rows[3]!.uniqueId })).to.deep.equal({ ids: [4], more: false });
    });

    it('counts UTF-8 bytes, not characters', async () => {
      // The fourth record is 100 bytes but 51 characters: after the third, 160 holds one, not two.
      expect(await page({ limit: 10, maxBytes: 160, after: rows[1]!.uniqueId })).to.deep.equal({ ids: [2], more: true });
    });

    it('says more follow when the limit ends the page, and not on the last page', async () => {
      expect(await page({ limit: 4 })).to.deep.equal({ ids: [0, 1, 2, 3], more: true });
      expect(await page({ limit: 5 })).to.deep.equal({ ids: [0, 1, 2, 3, 4], more: false });
      expect(await page({ limit: 2, after: rows[2]!.uniqueId })).to.deep.equal({ ids: [3, 4], more: false });
    });

    it('walks every record once with after, whatever the budget cut', async () => {
      const seen: number[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const next = await page({ limit: 10, maxBytes: 210, ...(after ? { after } : {}) });
        seen.push(...next.ids);
        if (!next.more) break;
        after = rows[next.ids.at(-1)!]!.uniqueId;
      }
      expect(seen).to.deep.equal([0, 1, 2, 3, 4]);
    });
  });

  describe('counting the endpoint', () => {
    const create = (projectId: string, endpointId: string, data: number, creatorId: string | null = null) =>
      store().createRecord({ projectId, endpointId, creatorId, data });

    it('counts 0 for an endpoint with no records, and for an unknown endpoint', async () => {
      const project = await seedProject(store());
      const endpoint = await seedEndpoint(store(), project.id);
      expect(await store().countRecords(endpoint.id)).to.equal(0);
      expect(await store().countRecords('no-such-endpoint')).to.equal(0);
    });

    it('follows creates and deletes, each endpoint on its own; a refused delete changes nothing', async () => {
      const project = await seedProject(store());
      const a = await seedEndpoint(store(), project.id);
      const b = await seedEndpoint(store(), project.id);
      const inA = [await create(project.id, a.id, 1), await create(project.id, a.id, 2, 'u1'), await create(project.id, a.id, 3)];
      await create(project.id, b.id, 4);
      expect([await store().countRecords(a.id), await store().countRecords(b.id)]).to.deep.equal([3, 1]);
      expect(await store().deleteRecord(a.id, inA[1]!.uniqueId)).to.equal(true);
      expect(await store().deleteRecord(a.id, inA[1]!.uniqueId)).to.equal(false);
      expect(await store().deleteRecord(b.id, inA[0]!.uniqueId)).to.equal(false);
      expect([await store().countRecords(a.id), await store().countRecords(b.id)]).to.deep.equal([2, 1]);
      await store().updateRecord(a.id, inA[0]!.uniqueId, () => 9);
      expect(await store().countRecords(a.id)).to.equal(2);
      for (const r of [inA[0]!, inA[2]!]) await store().deleteRecord(a.id, r.uniqueId);
      expect(await store().countRecords(a.id)).to.equal(0);
      await create(project.id, a.id, 5);
      expect([await store().countRecords(a.id), await store().countRecords(b.id)]).to.deep.equal([1, 1]);
    });

    it('counts many records created at once, and deleted at once', async () => {
      const project = await seedProject(store());
      const endpoint = await seedEndpoint(store(), project.id);
      const created = await Promise.all(Array.from({ length: 200 }, (_, i) => create(project.id, endpoint.id, i, i % 3 ? 'u1' : 'u2')));
      expect(await store().countRecords(endpoint.id)).to.equal(200);
      expect(await store().countRecords(endpoint.id, { creatorId: 'u2' })).to.equal(67);
      await Promise.all(created.slice(0, 150).map((r) => store().deleteRecord(endpoint.id, r.uniqueId)));
      expect(await store().countRecords(endpoint.id)).to.equal(50);
    });

    it('counts 0 once the endpoint is deleted, and leaves the counts of the others right', async () => {
      const project = await seedProject(store());
      const doomed = await seedEndpoint(store(), project.id);
      const kept = await seedEndpoint(store(), project.id);
      for (let i = 0; i < 5; i++) await create(project.id, doomed.id, i);
      await create(project.id, kept.id, 1);
      expect(await store().deleteEndpoint(doomed.id)).to.equal(true);
      expect(await store().countRecords(doomed.id)).to.equal(0);
      expect(await store().countRecords(kept.id)).to.equal(1);
      await create(project.id, kept.id, 2);
      expect(await store().countRecords(kept.id)).to.equal(2);
    });

    it('counts 0 once the project is deleted, and leaves other projects\' counts right', async () => {
      const doomed = await seedProject(store());
      const kept = await seedProject(store());
      const gone = [await seedEndpoint(store(), doomed.id), await seedEndpoint(store(), doomed.id)];
      const stays = await seedEndpoint(store(), kept.id);
      for (const e of gone) for (let i = 0; i < 3; i++) await create(doomed.id, e.id, i);
      await create(kept.id, stays.id, 1);
      expect(await store().deleteProject(doomed.id)).to.equal(true);
      for (const e of gone) expect(await store().countRecords(e.id)).to.equal(0);
      expect(await store().countRecords(stays.id)).to.equal(1);
    });
  });
});
