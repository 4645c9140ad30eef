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
import { ce, createRecord, logInEndUser, signUpEndUser } from '../helpers/runtime.js';

/** An install: an embedded store in its own data directory with an app on it. */
async function install(dataDir: string) {
  const storage: Storage = await openSqliteStorage({ file: join(dataDir, 'rested.sqlite') });
  const { app, http } = appOn(storage);
  return { storage, app, http, close: async () => { await app.shutdown(); await storage.close(); } };
}

type Install = Awaited<ReturnType<typeof install>>;
const ALICE = { username: 'alice', password: 'alice has a long password' };

/** An owner with a project holding a data endpoint of three records and an auth endpoint with one user. */
async function seed(at: Install, email = uniqueEmail()): Promise<{ project: Project; email: string }> {
  const owner = await signUpOwner(at.http, email);
  const project = await newProject(at.http, owner);
  await newEndpoint(at.http, owner, project.id, { name: 'notes' });
  await newEndpoint(at.http, owner, project.id, { name: 'members', auth: true });
  await signUpEndUser(at.http, project, 'members', ALICE);
  for (const n of [1, 2, 3]) await createRecord({ ...at, storage: at.storage }, ce('notes', { key: project.apiKey }), { n, text: `note ${n}` });
  return { project, email };
}

/**
 * An export file rewritten by `edit` (applied to each row line), with its end line's counts and
 * checksums computed again as docs/backups.md describes them: what someone crafting a file can do.
 */
function rewritten(text: string, edit: (line: { kind: string; row: Record<string, unknown> }) => void, header: (h: Record<string, unknown>) => void = () => undefined): string {
  const [first, ...rest] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  header(first!);
  const rows = rest.slice(0, -1) as Array<{ kind: string; row: Record<string, unknown> }>;
  rows.forEach(edit);
  const counts: Record<string, number> = {};
  const hashes: Record<string, ReturnType<typeof createHash>> = {};
  for (const { kind, row } of rows) {
    counts[kind] = (counts[kind] ?? 0) + 1;
    (hashes[kind] ??= createHash('sha256')).update(`${JSON.stringify(row)}\n`);
  }
  const checksums = Object.fromEntries(Object.entries(hashes).map(([k, h]) => [k, h.digest('hex')]));
  return `${[first, ...rows, { end: { counts, checksums } }].map((l) => JSON.stringify(l)).join('\n')}\n`;
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
    await source.close();

    const exported = await runCli(['export', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'a') });
    expect(exported.code, exported.stderr).to.equal(0);
    expect(exported.stdout).to.match(/^exported .*all\.jsonl \(.+\): owners 1, ownerSessions 1, projects 1, endpoints 2, users 1, sessions 1, records 3, emailSettings 0, emailTemplates 0, oneTimeTokens 0\n$/);
    const imported = await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') });
    expect(imported.code, imported.stderr).to.equal(0);

    const target = await install(join(dir, 'b'));
    try {
      expect(await records(target, project)).to.deep.equal(before);
      expect((await target.storage.listEndpoints(project.id)).map((e) => ({ ...e }))).to.deep.equal(endpoints);
      await logInEndUser(target.http, project, 'members', ALICE);
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
    await source.close();
    expect((await runCli(['export', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'a') })).code).to.equal(0);
    expect((await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') })).code).to.equal(0);
    const again = await runCli(['import', join(dir, 'all.jsonl')], { DATA_DIR: join(dir, 'b') });
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/: owners 0 \(\+1 already there\), ownerSessions 0 \(\+1 already there\), projects 0 \(\+1 already there\), endpoints 0 \(\+2 already there\), users 0 \(\+1 already there\), sessions 0 \(\+1 already there\), records 0 \(\+3 already there\), emailSettings 0, emailTemplates 0, oneTimeTokens 0\n$/);
    const storage = await openSqliteStorage({ file: join(dir, 'b', 'rested.sqlite') });
    expect(await storage.countRows('records')).to.equal(3);
    await storage.close();
  });

  it('exports one project with its owner and nothing of another owner\'s project', async function () {
    this.timeout(40_000);
    const source = await install(join(dir, 'a'));
    const { project } = await seed(source);
    const { project: other } = await seed(source);
    await source.close();
    const exported = await runCli(['export', '--project', project.id, join(dir, 'one.jsonl')], { DATA_DIR: join(dir, 'a') });
    expect(exported.stdout).to.match(/: owners 1, ownerSessions 0, projects 1, endpoints 2, users 1, sessions 1, records 3, emailSettings 0, emailTemplates 0, oneTimeTokens 0\n$/);
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
    writeFileSync(join(dir, 'disordered.jsonl'), `${[lines[0], lines.at(-2), ...lines.slice(1, -2), lines.at(-1)].join('\n')}\n`);
    const cases: Array<[string, RegExp]> = [
      ['cut.jsonl', /ends before its end line: it was cut short$/],
      ['edited.jsonl', /the records rows do not match their checksum: the file was edited$/],
      ['disordered.jsonl', /line 3: owners must come before records$/],
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
      ['into-their-endpoint.jsonl', rewritten(text, ({ kind, row }) => { if (kind === 'records') row.endpointId = victimNotes.id; }),
        /line \d+: the row's endpoint is not in the file$/],
      ['as-their-project.jsonl', rewritten(text, ({ row }) => {
        for (const field of ['id', 'projectId'] as const) if (row[field] === project.id) row[field] = victim.id;
      }, (h) => { h.project = victim.id; }), new RegExp(`this install holds another project with the id ${victim.id}: nothing was imported$`)],
      ['to-their-account.jsonl', rewritten(text, ({ kind, row }) => {
        if (kind === 'owners') row.id = victimOwner;
        if (kind === 'projects') row.ownerId = victimOwner;
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
