import { expect } from 'chai';
import type { EndpointRow, Storage } from '@rested/server';
import { parseWhere } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedEndpoint, seedProject, useFreshStorage } from '../helpers/fixtures.js';

/*
 * One table of `where` queries over the same records, expected to answer the same records on
 * every adapter (docs/querying.md states the semantics; MongoDB's are the reference). Each record
 * carries a label; g, h and i are records whose data is not an object.
 */

const SEEDS: Array<[string, unknown]> = [
  ['a', { n: 5, s: 'apple', b: true, tags: ['x', 'y'], nested: { city: 'Oslo', zip: 100 }, mixed: 5 }],
  ['b', { n: 10, s: 'Banana', b: false, tags: ['y'], nested: { city: 'Bergen' }, mixed: '5' }],
  ['c', { n: -3.5, s: 'cherry pie', tags: [], nested: null, mixed: true, scores: [1, 7, 12] }],
  ['d', { n: null, s: 'Äpfel', tags: ['x', null], items: [{ name: 'pen', qty: 2 }, { name: 'ink', qty: 0 }], mixed: null }],
  ['e', { s: '', b: true, tags: 'x', nested: { city: 'oslo', zip: '100' }, scores: [[7]], mixed: [5] }],
  ['f', { n: 0, s: 'apple', matrix: [[1, 2], [3, 4]], items: [{ name: 'pen', qty: 5 }], mixed: { a: 1 } }],
  ['g', 42],
  ['h', 'plain'],
  ['i', [1, 2, 3]],
  ['j', { n: 1e3, s: 'zebra', b: false, deep: { a: { b: { c: 1 } } }, tags: ['X'] }],
];
const ALL = 'abcdefghij';

/** [where, labels expected]; a function gets the labels' uniqueIds. */
type Case = [Record<string, unknown> | ((id: (label: string) => string) => Record<string, unknown>), string];

const CASES: Case[] = [
  [{}, ALL],
  [{ 'data.n': 5 }, 'a'],
  [{ 'data.n': { $eq: 10 } }, 'b'],
  [{ 'data.n': { $gt: 0 } }, 'abj'],
  [{ 'data.n': { $gte: 0 } }, 'abfj'],
  [{ 'data.n': { $lt: 0 } }, 'c'],
  [{ 'data.n': { $lte: 5 } }, 'acf'],
  [{ 'data.n': null }, 'deghi'],
  [{ 'data.n': { $ne: null } }, 'abcfj'],
  [{ 'data.n': { $exists: true } }, 'abcdfj'],
  [{ 'data.n': { $exists: false } }, 'eghi'],
  [{ 'data.n': { $in: [5, 10, 99] } }, 'ab'],
  [{ 'data.n': { $nin: [5, 10] } }, 'cdefghij'],
  [{ 'data.n': { $gt: 'a' } }, ''],
  [{ 'data.n': { $in: [] } }, ''],
  [{ 'data.n': { $nin: [] } }, ALL],
  [{ 'data.n': 1000 }, 'j'],
  [{ 'data.n': -3.5 }, 'c'],
  [{ 'data.n': { $lt: 5.5, $gt: -4 } }, 'acf'],
  [{ 'data.n': { $gt: 1, $lt: 100 } }, 'ab'],
  [{ 'data.s': 'apple' }, 'af'],
  [{ 'data.s': { $gt: 'b' } }, 'cdj'],
  [{ 'data.s': { $lt: 'B' } }, 'e'],
  [{ 'data.s': { $startsWith: 'app' } }, 'af'],
  [{ 'data.s': { $startsWith: 'App' } }, ''],
  [{ 'data.s': { $startsWith: '' } }, 'abcdefj'],
  [{ 'data.s': { $contains: 'an' } }, 'b'],
  [{ 'data.s': { $contains: ' ' } }, 'c'],
  [{ 'data.s': { $icontains: 'AN' } }, 'b'],
  [{ 'data.s': { $icontains: 'äP' } }, 'd'],
  [{ 'data.s': { $contains: '%' } }, ''],
  [{ 'data.s': { $startsWith: '.*' } }, ''],
  [{ 'data.b': true }, 'ae'],
  [{ 'data.b': false }, 'bj'],
  [{ 'data.b': { $ne: true } }, 'bcdfghij'],
  [{ 'data.b': { $gt: false } }, 'ae'],
  [{ 'data.b': 1 }, ''],
  [{ 'data.mixed': 5 }, 'ae'],
  [{ 'data.mixed': '5' }, 'b'],
  [{ 'data.mixed': true }, 'c'],
  [{ 'data.mixed': null }, 'dghij'],
  [{ 'data.mixed': { $gte: 5 } }, 'ae'],
  [{ 'data.mixed': { $gt: 0 } }, 'ae'],
  [{ 'data.mixed': { $exists: true } }, 'abcdef'],
  [{ 'data.mixed.a': 1 }, 'f'],
  [{ 'data.tags': 'x' }, 'ade'],
  [{ 'data.tags': 'y' }, 'ab'],
  [{ 'data.tags': { $size: 2 } }, 'ad'],
  [{ 'data.tags': { $size: 0 } }, 'c'],
  [{ 'data.tags': { $size: 1 } }, 'bj'],
  [{ 'data.tags.0': 'x' }, 'ad'],
  [{ 'data.tags.1': null }, 'bcdefghij'],
  [{ 'data.tags': null }, 'dfghi'],
  [{ 'data.tags': { $in: ['y', null] } }, 'abdfghi'],
  [{ 'data.tags': { $nin: ['x'] } }, 'bcfghij'],
  [{ 'data.tags': { $ne: 'x' } }, 'bcfghij'],
  [{ 'data.tags': { $contains: 'X' } }, 'j'],
  [{ 'data.tags': { $startsWith: 'y' } }, 'ab'],
  [{ 'data.scores': { $gt: 10 } }, 'c'],
  [{ 'data.scores': { $gt: 5, $lt: 8 } }, 'c'],
  [{ 'data.scores': 7 }, 'c'],
  [{ 'data.scores.0': 7 }, 'e'],
  [{ 'data.nested.city': 'Oslo' }, 'a'],
  [{ 'data.nested.city': { $icontains: 'oslo' } }, 'ae'],
  [{ 'data.nested.zip': 100 }, 'a'],
  [{ 'data.nested': null }, 'cdfghij'],
  [{ 'data.nested.city': { $exists: false } }, 'cdfghij'],
  [{ 'data.items.name': 'pen' }, ''],
  [{ 'data.items.0.name': 'pen' }, 'df'],
  [{ 'data.items.1.qty': 0 }, 'd'],
  [{ 'data.items.0.qty': { $gte: 3 } }, 'f'],
  [{ 'data.matrix.1.0': 3 }, 'f'],
  [{ 'data.matrix.0': 2 }, 'f'],
  [{ 'data.matrix.0.0.x': null }, 'abcdefghij'],
  [{ 'data.deep.a.b.c': 1 }, 'j'],
  [{ data: 42 }, 'g'],
  [{ data: 'plain' }, 'h'],
  [{ data: 2 }, 'i'],
  [{ 'data.0': 1 }, 'i'],
  [{ data: { $size: 3 } }, 'i'],
  [{ $or: [{ 'data.n': 5 }, { 'data.s': 'zebra' }] }, 'aj'],
  [{ $and: [{ 'data.s': 'apple' }, { 'data.n': { $gt: 1 } }] }, 'a'],
  [{ $nor: [{ 'data.n': { $exists: true } }, { 'data.s': { $exists: true } }] }, 'ghi'],
  [{ 'data.n': { $not: { $gt: 5 } } }, 'acdefghi'],
  [{ 'data.s': { $not: { $startsWith: 'a' } } }, 'bcdeghij'],
  [{ 'data.s': { $not: { $startsWith: 'a', $contains: 'l' } } }, 'bcdeghij'],
  [{ $or: [{ $and: [{ 'data.b': true }, { 'data.n': { $exists: false } }] }, { 'data.tags': { $size: 0 } }] }, 'ce'],
  [{ 'data.s': 'apple', 'data.n': 0 }, 'f'],
  [(id) => ({ uniqueId: id('a') }), 'a'],
  [(id) => ({ uniqueId: { $in: [id('a'), id('j'), '0'.repeat(32)] } }), 'aj'],
  [(id) => ({ uniqueId: { $ne: id('a') } }), 'bcdefghij'],
  [{ createdAt: { $lt: '2000-01-01T00:00:00Z' } }, ''],
  [{ createdAt: { $gt: '2000-01-01' } }, ALL],
  [{ updatedAt: { $gte: '2000-01-01T00:00:00.000Z' } }, ALL],
];

/** The fields the indexed run declares: the answers must not change with an index. */
const INDEXES = ['data.n', 'data.s', 'data.b', 'data.tags', 'data.mixed', 'data.nested.city'];

forEachAdapter('storage contract: where', (adapter) => {
  const store = useFreshStorage(adapter);

  async function seed(s: Storage, indexed: boolean): Promise<{ endpoint: EndpointRow; labels: Map<string, string>; ids: Map<string, string> }> {
    const project = await seedProject(s);
    let endpoint = await seedEndpoint(s, project.id);
    if (indexed) endpoint = (await s.updateEndpoint(endpoint.id, { indexes: INDEXES }))!;
    const labels = new Map<string, string>();
    const ids = new Map<string, string>();
    for (const [label, data] of SEEDS) {
      const row = await s.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: data as never });
      labels.set(row.uniqueId, label);
      ids.set(label, row.uniqueId);
    }
    // A record of another endpoint that matches everything a filter could ask: it must never appear.
    const other = await seedEndpoint(s, project.id);
    await s.createRecord({ projectId: project.id, endpointId: other.id, creatorId: null, data: SEEDS[0]![1] as never });
    return { endpoint, labels, ids };
  }

  expect(CASES.length).to.be.at.least(60);
  for (const indexed of [false, true]) {
    describe(indexed ? `with indexes on ${INDEXES.join(', ')}` : 'without indexes', () => {
      CASES.forEach(([where, expected], i) => {
        const title = typeof where === 'function' ? where((l) => `<${l}>`) : where;
        it(`#${i + 1} ${JSON.stringify(title)} → ${expected || 'nothing'}`, async () => {
          const { endpoint, labels, ids } = await seed(store(), indexed);
          const query = typeof where === 'function' ? where((l) => ids.get(l)!) : where;
          const node = parseWhere(JSON.stringify(query));
          const page = await store().listRecords(endpoint.id, { limit: 100, where: node });
          const got = page.map((r) => labels.get(r.uniqueId) ?? '?').sort().join('');
          expect(got).to.equal(expected);
          expect(await store().countRecords(endpoint.id, { where: node })).to.equal(expected.length);
        });
      });
    });
  }
});

forEachAdapter('storage contract: where with sort, pages and declared indexes', (adapter) => {
  const store = useFreshStorage(adapter);

  it('pages through a filtered range sorted by a data field, the same with and without an index on it', async () => {
    const project = await seedProject(store());
    const orders: string[][] = [];
    for (const indexes of [[], ['data.n'], ['data.n', 'data.k']]) {
      let endpoint = await seedEndpoint(store(), project.id);
      endpoint = (await store().updateEndpoint(endpoint.id, { indexes }))!;
      expect(endpoint.indexes).to.deep.equal(indexes);
      for (let i = 0; i < 30; i++) {
        await store().createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: i % 3 === 0 ? 'u1' : null, data: { n: (i * 7) % 11, k: i % 2 ? 'odd' : 'even', i } });
      }
      const where = parseWhere(JSON.stringify({ 'data.k': 'odd', 'data.n': { $gte: 2 } }));
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        for (;;) {
          const page = await store().listRecords(endpoint.id, { limit: 4, after, where, sort: { field: 'data.n', direction } });
          seen.push(...page.map((r) => { const d = r.data as { n: number; i: number }; return `${d.n}:${d.i}`; }));
          if (!page.more) break;
          after = page.at(-1)!.uniqueId;
        }
        const values = seen.map((s) => Number(s.split(':')[0]));
        expect(values).to.deep.equal([...values].sort((a, b) => (direction === 'asc' ? a - b : b - a)));
        orders.push(seen.map((s) => s.split(':')[1]!).sort());
      }
      expect(await store().countRecords(endpoint.id, { where, creatorId: 'u1' })).to.equal(
        (await store().listRecords(endpoint.id, { limit: 100, where, creatorId: 'u1' })).length,
      );
    }
    // Every run saw the same records (as a set; ties in n come in creation order, which differs per endpoint only by uniqueId).
    for (const seen of orders) expect(seen).to.deep.equal(orders[0]);
    expect(orders[0]).to.have.length(13);
  });

  it('keeps the declared indexes of an endpoint, replaces the list, and removes them with the endpoint', async () => {
    const project = await seedProject(store());
    const endpoint = await seedEndpoint(store(), project.id);
    expect(endpoint.indexes).to.deep.equal([]);
    await store().createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { email: 'a@example.com' } });
    expect((await store().updateEndpoint(endpoint.id, { indexes: ['data.email', 'data.age'] }))!.indexes).to.deep.equal(['data.email', 'data.age']);
    expect((await store().findEndpointById(endpoint.id))!.indexes).to.deep.equal(['data.email', 'data.age']);
    expect((await store().updateEndpoint(endpoint.id, { indexes: ['data.age'], description: 'ages' }))!).to.include({ description: 'ages' });
    expect((await store().findEndpointById(endpoint.id))!.indexes).to.deep.equal(['data.age']);
    const found = await store().listRecords(endpoint.id, { limit: 10, where: parseWhere('{"data.email": "a@example.com"}') });
    expect(found).to.have.length(1);
    expect(await store().updateEndpoint('0'.repeat(32), { indexes: ['data.x'] })).to.equal(null);
    expect(await store().deleteEndpoint(endpoint.id)).to.equal(true);
  });
});
