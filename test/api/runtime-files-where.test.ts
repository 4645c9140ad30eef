import { expect } from 'chai';
import type { FileRecordData, RecordEnvelope } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedFiles, sendFiles } from '../helpers/files.js';

forEachAdapter('GET /api/1/ce/:files with where (docs/querying.md)', (adapter) => {
  const ctx = useApp(adapter);

  it('filters files by their descriptor and metadata in the database, with count and the usual errors', async () => {
    const f = await seedFiles(ctx().storage);
    const url = f.url('files-here');
    const upload = async (name: string, type: string, album: string) =>
      expect((await sendFiles(ctx(), url, [{ bytes: Buffer.from(name), name, type }], { fields: [['album', album]] })).status).to.equal(201);
    await upload('a.png', 'image/png', 'summer');
    await upload('b.txt', 'text/plain', 'summer');
    await upload('c.png', 'image/png', 'winter');

    const where = (filter: object, extra: Record<string, string> = {}) => ctx().http.get(f.url('files-here', { where: JSON.stringify(filter), ...extra }));
    const images = await where({ 'data.file.type': 'image/png' }, { count: 'true' });
    expect(images.status, JSON.stringify(images.body)).to.equal(200);
    expect((images.body as Array<RecordEnvelope<FileRecordData>>).map((r) => r.data.file.name)).to.deep.equal(['a.png', 'c.png']);
    expect(images.headers['x-total-count']).to.equal('2');
    const summerImages = await where({ 'data.metadata.album': 'summer', 'data.file.type': { $startsWith: 'image/' } });
    expect((summerImages.body as Array<RecordEnvelope<FileRecordData>>).map((r) => r.data.file.name)).to.deep.equal(['a.png']);
    expectError(await where({ 'data.file.size': { $regex: '.*' } }), 400, 'invalid_where');
  });
});
