import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteStorage } from '@rested/server';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

const run = promisify(execFile);
const writer = fileURLToPath(new URL('../helpers/sqlite-writer.ts', import.meta.url));

describe('storage contract: two connections writing one SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-concurrency-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets two processes write at once without SQLITE_BUSY reaching callers or losing a write', async () => {
    const file = join(dir, 'rested.sqlite');
    const setup = await openSqliteStorage({ file });
    const project = await seedProject(setup);
    const endpoint = await seedEndpoint(setup, project.id);
    await setup.close();

    const perProcess = 400;
    const spawnWriter = () =>
      run(process.execPath, ['--conditions=source', '--import', 'tsx', writer, file, endpoint.id, project.id, String(perProcess)]);
    const results = await Promise.all([spawnWriter(), spawnWriter(), spawnWriter()]);
    for (const { stdout, stderr } of results) {
      expect(stderr).to.equal('');
      expect(JSON.parse(stdout)).to.deep.equal({ errors: 0 });
    }

    const check = await openSqliteStorage({ file });
    expect(await check.countRecords(endpoint.id)).to.equal(3 * perProcess);
    const page = await check.listRecords(endpoint.id, { limit: 1000 });
    expect(page.every((r) => (r.data as { updated?: boolean }).updated === true)).to.equal(true);
    await check.close();
  });
});
