import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, type Storage } from '@rested/server';
import type { Project } from '@rested/shared';
import { appOn } from '../helpers/app.js';
import { lastErrorLine, runCli } from '../helpers/cli.js';
import { C, newEndpoint, newProject, PASSWORD, signUpOwner, uniqueEmail } from '../helpers/console.js';
import { binary, uploadOne } from '../helpers/files.js';
import { ce, createRecord, logInEndUser, signUpEndUser } from '../helpers/runtime.js';

/** An install: an embedded store in its own data directory with an app on it. */
async function install(dataDir: string) {
  const storage: Storage = await openSqliteStorage({ file: join(dataDir, 'rested.sqlite') });
  const { app, http } = appOn(storage);
  return { storage, app, http, close: async () => { await app.shutdown(); await storage.close(); } };
}

type Install = Awaited<ReturnType<typeof install>>;
/** A file of 300 KiB (more than one chunk of the export's bytes lines). */
const FILE = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 31) % 256));
const ALICE = { username: 'alice', password: 'alice has a long password' };

/** An owner with a project holding a data endpoint of three records and an auth endpoint with one user. */
async function seed(at: Install, email = uniqueEmail()): Promise<{ project: Project; email: string }> {
  const owner = await signUpOwner(at.http, email);
  const project = await newProject(at.http, owner);
  await newEndpoint(at.http, owner, project.id, { name: 'notes' });
  await newEndpoint(at.http, owner, project.id, { name: 'members', auth: true });
  await newEndpoint(at.http, owner, project.id, { name: 'uploads', files: true });
  await uploadOne(at, ce('uploads', { key: project.apiKey }), { bytes: FILE, name: 'photo.jpg', type: 'image/jpeg' });
  await signUpEndUser(at.http, project, 'members', ALICE);
  for (const n of [1, 2, 3]) await createRecord({ ...at, storage: at.storage }, ce('notes', { key: project.apiKey }), { n, text: `note ${n}` });
  return { project, email };
}

type Line = { kind?: string; row?: Record<string, unknown>; file?: Record<string, unknown>; bytes?: string };

/**
 * An export file rewritten by `edit` (applied to each row and file line), with its end line's
 * counts and checksums computed again as docs/backups.md describes them: what someone crafting a
 * file can do.
 */
function rewritten(text: string, edit: (line: Line) => void, header: (h: Record<string, unknown>) => void = () => undefined): string {
  const [first, ...rest] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line & Record<string, unknown>);
  header(first!);
  const lines = rest.slice(0, -1);
  lines.forEach(edit);
  const counts: Record<string, number> = {};
  const hashes: Record<string, ReturnType<typeof createHash>> = {};
  const files = { count: 0, hash: createHash('sha256') };
  for (const { kind, row, file } of lines) {
    if (kind) {
      counts[kind] = (counts[kind] ?? 0) + 1;
      (hashes[kind] ??= createHash('sha256')).update(`${JSON.stringify(row)}\n`);
    }
    if (file) {
      files.count++;
      files.hash.update(`${JSON.stringify(file)}\n`);
    }
  }
  const checksums = Object.fromEntries(Object.entries(hashes).map(([k, h]) => [k, h.digest('hex')]));
  const end = { end: { counts, checksums, files: { count: files.count, checksum: files.hash.digest('hex') } } };
  return `${[first, ...lines, end].map((l) => JSON.stringify(l)).join('\n')}\n`;
}

const records = async (at: Install, project: Project) => (await at.http.get(ce('notes', { key: project.apiKey }))).body as unknown;

describe('rested export / import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves a whole install to a fresh one: same endpoints, records with the same uniqueIds and dates, users and owners with their old passwords', async function () {
    this.timeout(40_000);
    const source = await install(join(dir, 'a'));
    const { project, email } = await seed(source);
    const before = await records(source, project);
    const endpoints = (await source.storage.listEndpoints(project.id)).map((e) => ({ ...e }));
    const events = await source.storage.listAuditEvents(project.id, { limit: 100 });
    expect(events.length, 'the seed wrote audit events').to.be.above(0);
    await source.close();

    const exported = await runCli(['export', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'a') });
    expect(exported.code, exported.stderr).to.equal(0);
    expect(exported.stdout).to.match(new RegExp(`^exported .*all\\.jsonl \\(.+\\): owners 1, ownerSessions 1, projects 1, endpoints 3, users 1, sessions 1, records 4, emailSettings 0, emailTemplates 0, oneTimeTokens 0, auditEvents ${events.length}, files 1\n$`));
    const imported = await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') });
    expect(imported.code, imported.stderr).to.equal(0);

    const target = await install(join(dir, 'b'));
    try {
      expect(await records(target, project)).to.deep.equal(before);
      expect((await target.storage.listEndpoints(project.id)).map((e) => ({ ...e }))).to.deep.equal(endpoints);
      expect(await target.storage.listAuditEvents(project.id, { limit: 100 }), 'the audit log').to.deep.equal(events);
      await logInEndUser(target.http, project, 'members', ALICE);
      const [uploaded] = (await target.http.get(ce('uploads', { key: project.apiKey }))).body as Array<{ uniqueId: string }>;
      const download = await target.http.get(ce('uploads', { key: project.apiKey, fileOnly: 'true', uniqueId: uploaded!.uniqueId })).buffer(true).parse(binary);
      expect(download.status).to.equal(200);
      expect((download.body as Buffer).equals(FILE)).to.equal(true);
      const owner = await target.http.post(`${C}/auth/login`).send({ email, password: PASSWORD });
      expect(owner.status).to.equal(200);
    } finally {
      await target.close();
    }
  });

  it('importing the same file twice changes nothing the second time and says what was already there', async function () {
    this.timeout(40_000);
    const source = await install(join(dir, 'a'));
    await seed(source);
    const events = await source.storage.countRows('auditEvents');
    await source.close();
    expect((await runCli(['export', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'a') })).code).to.equal(0);
    expect((await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') })).code).to.equal(0);
    const again = await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') });
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(new RegExp(`: owners 0 \\(\\+1 already there\\), ownerSessions 0 \\(\\+1 already there\\), projects 0 \\(\\+1 already there\\), endpoints 0 \\(\\+3 already there\\), users 0 \\(\\+1 already there\\), sessions 0 \\(\\+1 already there\\), records 0 \\(\\+4 already there\\), emailSettings 0, emailTemplates 0, oneTimeTokens 0, auditEvents 0 \\(\\+${events} already there\\), files 1\n$`));
    const storage = await openSqliteStorage({ file: join(dir, 'b', 'rested.sqlite') });
    expect(await storage.countRows('records')).to.equal(4);
    await storage.close();
  });

  it('exports one project with its owner and nothing of another owner\'s project', async function () {
    this.timeout(40_000);
    const source = await install(join(dir, 'a'));
    const { project } = await seed(source);
    const { project: other } = await seed(source);
    const events = await source.storage.countRows('auditEvents', project.id);
    await source.close();
    const exported = await runCli(['export', '--project', project.id, join(dir, 'one.jsonl')], { DATA_DIR: join(dir, 'a') });
    expect(exported.stdout).to.match(new RegExp(`: owners 1, ownerSessions 0, projects 1, endpoints 3, users 1, sessions 1, records 4, emailSettings 0, emailTemplates 0, oneTimeTokens 0, auditEvents ${events}, files 1\n$`));
    expect(readFileSync(join(dir, 'one.jsonl'), 'utf8')).not.to.include(other.id);
    expect((await runCli(['import', join(dir, 'one.jsonl')], { DATA_DIR: join(dir, 'b') })).code).to.equal(0);
    const storage = await openSqliteStorage({ file: join(dir, 'b', 'rested.sqlite') });
    expect([await storage.findProjectById(project.id) !== null, await storage.findProjectById(other.id)]).to.deep.equal([true, null]);
    await storage.close();
    const unknown = await runCli(['export', '--project', 'nope', join(dir, 'x.jsonl')], { DATA_DIR: join(dir, 'a') });
    expect([unknown.code, lastErrorLine(unknown), existsSync(join(dir, 'x.jsonl'))]).to.deep.equal([1, 'rested: there is no project nope', false]);
  });

  it('refuses a cut or edited file before writing anything', async function () {
    this.timeout(40_000);
    const source = await install(join(dir, 'a'));
    await seed(source);
    await source.close();
    expect((await runCli(['export', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'a') })).code).to.equal(0);
    const lines = readFileSync(join(dir, 'all.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'cut.jsonl'), `${lines.slice(0, -2).join('\n')}\n`);
    writeFileSync(join(dir, 'edited.jsonl'), `${lines.join('\n').replace('note 2', 'note 9')}\n`);
    const lastRow = lines.findLastIndex((l) => l.startsWith('{"kind":'));
    writeFileSync(join(dir, 'disordered.jsonl'), `${[lines[0], lines[lastRow], ...lines.slice(1, lastRow), ...lines.slice(lastRow + 1)].join('\n')}\n`);
    writeFileSync(join(dir, 'bytes-edited.jsonl'), `${lines.map((l) => (l.startsWith('{"bytes":"') ? l.replace('{"bytes":"', '{"bytes":"AAAA') : l)).join('\n')}\n`);
    const cases: Array<[string, RegExp]> = [
      ['cut.jsonl', /ends before its end line: it was cut short$/],
      ['edited.jsonl', /the records rows do not match their checksum: the file was edited$/],
      ['disordered.jsonl', new RegExp(`line 3: owners must come before ${(JSON.parse(lines[lastRow]!) as { kind: string }).kind}$`)],
      ['bytes-edited.jsonl', /the bytes of file [0-9a-f]{32} are not 307200 bytes with its SHA-256: the file was cut or edited$/],
    ];
    for (const [file, message] of cases) {
      const run = await runCli(['import', join(dir, file)], { DATA_DIR: join(dir, 'b') });
      expect(run.code, file).to.equal(1);
      expect(lastErrorLine(run), file).to.match(message);
      expect(existsSync(join(dir, 'b', 'rested.sqlite')), file).to.equal(false);
    }
  });

  it('holds a project\'s export to its project: no row into another project\'s endpoint, no project or owner id the install holds for someone else', async function () {
    this.timeout(60_000);
    const source = await install(join(dir, 'a'));
    const { project } = await seed(source);
    await source.close();
    expect((await runCli(['export', '--project', project.id, join(dir, 'mine.jsonl')], { DATA_DIR: join(dir, 'a') })).code).to.equal(0);
    const target = await install(join(dir, 'b'));
    const { project: victim } = await seed(target);
    const victimNotes = (await target.storage.findEndpointByName(victim.id, 'notes'))!;
    const victimOwner = (await target.storage.findProjectById(victim.id))!.ownerId;
    const before = await records(target, victim);
    await target.close();
    const text = readFileSync(join(dir, 'mine.jsonl'), 'utf8');
    const files: Array<[string, string, RegExp]> = [
      ['into-their-endpoint.jsonl', rewritten(text, ({ kind, row }) => { if (kind === 'records') row!.endpointId = victimNotes.id; }),
        /line \d+: the row's endpoint is not in the file$/],
      ['as-their-project.jsonl', rewritten(text, ({ row, file }) => {
        for (const target of [row, file]) for (const field of ['id', 'projectId']) if (target?.[field] === project.id) target[field] = victim.id;
      }, (h) => { h.project = victim.id; }), new RegExp(`this install holds another project with the id ${victim.id}: nothing was imported$`)],
      ['to-their-account.jsonl', rewritten(text, ({ kind, row }) => {
        if (kind === 'owners') row!.id = victimOwner;
        if (kind === 'projects') row!.ownerId = victimOwner;
      }), new RegExp(`this install holds another owner with the id ${victimOwner}: nothing was imported$`)],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(join(dir, name), content);
      const run = await runCli(['import', join(dir, name)], { DATA_DIR: join(dir, 'b') });
      expect(run.code, name).to.equal(1);
      expect(lastErrorLine(run), name).to.match(message);
    }
    const after = await install(join(dir, 'b'));
    try {
      expect(await records(after, victim)).to.deep.equal(before);
      expect((await after.storage.listProjects(victimOwner)).map((p) => p.id)).to.deep.equal([victim.id]);
      expect(await after.storage.findProjectById(project.id)).to.equal(null);
    } finally {
      await after.close();
    }
  });
});
