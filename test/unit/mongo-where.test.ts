import { expect } from 'chai';
import mongoose from 'mongoose';
import { mongoWhereQuery, parseWhere, queryablePath, toQueryable } from '@rested/server/testing';

/** The document without mongoose's trusted marks (symbol keys), which structuredClone leaves out. */
const query = (where: unknown) => structuredClone(mongoWhereQuery(parseWhere(JSON.stringify(where))));
const marked = (where: unknown) => mongoWhereQuery(parseWhere(JSON.stringify(where)));

/** The trusted marks mongoose's sanitizeFilter looks for, gathered with the document's shape. */
function trustedOperators(filter: unknown, into: string[] = []): string[] {
  if (Array.isArray(filter)) filter.forEach((item) => trustedOperators(item, into));
  else if (filter && typeof filter === 'object') {
    const symbols = Object.getOwnPropertySymbols(filter);
    if (symbols.some((s) => s.description === 'mongoose#trustedSymbol')) into.push(Object.keys(filter).join(','));
    for (const value of Object.values(filter)) trustedOperators(value, into);
  }
  return into;
}

describe('MongoDB adapter: where as a query document on the queryable copy', () => {
  it('keeps booleans and arrays, prefixes every key, and marks the keys of array elements by their depth', () => {
    expect(toQueryable({ a: true, tags: ['x', { n: 1, deep: { k: [[{ z: 2 }]] } }], 'bad-key': 1, __proto__x: 2 } as never)).to.deep.equal({
      f_a: true,
      f_tags: ['x', { e1_n: 1, e1_deep: { f_k: [[{ e2_z: 2 }]] } }],
      f___proto__x: 2,
    });
    expect(toQueryable([{ a: 1 }] as never)).to.deep.equal([{ e1_a: 1 }]);
    expect(toQueryable(42)).to.equal(42);
    expect(queryablePath(['items', 0, 'name'])).to.equal('queryable.f_items.0.e1_name');
    expect(queryablePath(['m', 0, 0, 'x', 'y'])).to.equal('queryable.f_m.0.0.e2_x.f_y');
    expect(queryablePath([])).to.equal('queryable');
  });

  it('translates each operator, with every operator object trusted and client strings only as values', () => {
    expect(query({ 'data.age': { $gte: 18, $lt: 65 } })).to.deep.equal({
      $and: [{ 'queryable.f_age': { $gte: 18 } }, { 'queryable.f_age': { $lt: 65 } }],
    });
    expect(query({ 'data.name': { $icontains: 'a.b*(c)' } })).to.deep.equal({ 'queryable.f_name': { $regex: 'a\\.b\\*\\(c\\)', $options: 'i' } });
    expect(query({ 'data.sku': { $startsWith: '^$' } })).to.deep.equal({ 'queryable.f_sku': { $regex: '^\\^\\$' } });
    expect(query({ 'data.n': { $not: { $gt: 5 } } })).to.deep.equal({ $nor: [{ 'queryable.f_n': { $gt: 5 } }] });
    expect(query({ createdAt: { $gt: '2026-01-01T00:00:00.000Z' } })).to.deep.equal({ createdAt: { $gt: new Date('2026-01-01T00:00:00.000Z') } });
    expect(query({ $or: [{ uniqueId: 'a' }, { 'data.tags': { $size: 2 } }] })).to.deep.equal({
      $or: [{ _id: { $eq: 'a' } }, { 'queryable.f_tags': { $size: 2 } }],
    });
    expect(query({})).to.deep.equal({});
    const trusted = trustedOperators(marked({ $nor: [{ 'data.a': { $in: [1, '$where'] } }, { 'data.b': '$gt' }] }));
    expect(trusted).to.deep.equal(['$in', '$eq']);
    expect(structuredClone(mongoose.sanitizeFilter(marked({ 'data.b': { $ne: '{"$gt": ""}' } })))).to.deep.equal({ 'queryable.f_b': { $ne: '{"$gt": ""}' } });
  });
});
