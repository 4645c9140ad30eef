import { expect } from 'chai';
import type { JsonValue } from '@rested/shared';
import { openSqliteStorage, type RecordRow } from '@rested/server';
import { envelopeText, JsonBytes, shape, shapeValues, withStoredData } from '@rested/server/testing';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

const TRICKY: JsonValue[] = [
  { __proto__: 'plain', constructor: { prototype: 1 }, 'a.b': '$x', $set: null } as unknown as JsonValue,
  { text: 'quote " backslash \\ newline \n tab \t nul \u0000 line-sep \u2028 emoji 🎉 ünïcödé', n: [1e21, -0.5, 0, 123456789012345] },
  [[], {}, [[[]]], '', null, true, false],
  'a bare string',
  42,
  null,
  { large: 'ü 🎉 \u2028 "'.repeat(2000), n: 1 }, // ≈ 28 KB: read into a page as bytes (BYTES_ABOVE)
];

const asText = (json: string | JsonBytes) => (typeof json === 'string' ? json : Buffer.concat(json.parts).toString('utf8'));

describe('answers written from the stored JSON text (wire/envelope.ts)', () => {
  it('are byte for byte what serializing the parsed envelopes gives, for every shape of data, one row or many, dataOnly or not', async () => {
    const storage = await openSqliteStorage({ file: ':memory:' });
    try {
      const project = await seedProject(storage);
      const endpoint = await seedEndpoint(storage, project.id);
      const ids: string[] = [];
      for (const data of TRICKY) ids.push((await storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data })).uniqueId);
      await storage.updateRecord(endpoint.id, ids[0]!, () => ({ updated: true })); // a small record, updated
      for (const dataOnly of [false, true]) {
        const rows = await storage.listRecords(endpoint.id, { limit: 100 });
        const kinds = rows.map((r) => (Buffer.isBuffer(r.dataJson) ? 'bytes' : typeof r.dataJson)).sort();
        expect(kinds, 'rows of a page carry their text, the large one as bytes').to.deep.equal(['bytes', ...TRICKY.slice(1).map(() => 'string')]);
        const text = shape(rows, dataOnly).text;
        expect(text, 'a page with a large record is answered as bytes').to.be.instanceOf(JsonBytes);
        expect((text as JsonBytes).length).to.equal(Buffer.concat((text as JsonBytes).parts).length);
        const fresh = await storage.listRecords(endpoint.id, { limit: 100 });
        expect(asText(text)).to.equal(JSON.stringify(shapeValues(fresh, dataOnly)));
        for (const row of fresh) expect(asText(shape(row, dataOnly).text)).to.equal(JSON.stringify(shapeValues(row, dataOnly)));
      }
    } finally {
      await storage.close();
    }
  });

  it('never parse the stored text, and a copy of a row with new data is written from the new data', () => {
    const fields = { uniqueId: 'f'.repeat(32), projectId: 'p', endpointId: 'e', creatorId: null, createdAt: new Date(0), updatedAt: new Date(0) };
    const row = withStoredData<RecordRow>({ ...fields }, '{"not parsed":'); // JSON.parse would throw
    expect(envelopeText(row, true)).to.equal('{"not parsed":');
    expect(() => row.data).to.throw(SyntaxError);
    const stored = withStoredData<RecordRow>({ ...fields }, '{"a":1}');
    const copy: RecordRow = { ...stored, data: { a: 2 } };
    expect(envelopeText(copy, true)).to.equal('{"a":2}');
    expect(stored.data).to.deep.equal({ a: 1 });
  });
});
