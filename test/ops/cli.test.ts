import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@rested/server';
import { seedProject } from '../helpers/fixtures.js';
import { lastErrorLine, runCli, type CliRun } from '../helpers/cli.js';

const COMMANDS = ['backup', 'restore', 'export', 'import', 'migrate', 'owner'];

/** Failed the CLI way: status 1 and one line on stderr, no stack. */
function expectOneLineFailure(run: CliRun): string {
  expect(run.code, run.stderr).to.equal(1);
  expect(run.stderr.trim().split('\n'), run.stderr).to.have.length(1);
  expect(run.stderr).not.to.match(/^\s+at /m);
  return lastErrorLine(run);
}

describe('the rested CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every command; no command prints the list and fails', async () => {
    const help = await runCli(['--help']);
    expect(help.code).to.equal(0);
    for (const name of COMMANDS) expect(help.stdout).to.match(new RegExp(`^  ${name} `, 'm'));
    const none = await runCli([]);
    expect([none.code, none.stdout]).to.deep.equal([1, help.stdout]);
  });

  it('every command has a --help of its own, starting with its usage', async function () {
    this.timeout(60_000);
    for (const name of COMMANDS) {
      const run = await runCli([name, '--help']);
      expect(run.code, name).to.equal(0);
      expect(run.stdout, name).to.match(new RegExp(`^Usage: rested ${name}\\b`));
      expect(run.stdout, name).to.include('Options:');
    }
  });

  it('refuses an unknown command, an unknown option and a missing argument in one line each', async function () {
    this.timeout(30_000);
    expect(expectOneLineFailure(await runCli(['frobnicate']))).to.equal('rested: unknown command "frobnicate" (rested --help lists them)');
    expect(expectOneLineFailure(await runCli(['backup', '--bogus', 'x']))).to.match(/^rested: Unknown option '--bogus'.*\(see rested backup --help\)$/);
    expect(expectOneLineFailure(await runCli(['backup']))).to.equal('rested: usage: rested backup <file>');
    expect(expectOneLineFailure(await runCli(['owner', 'remove']))).to.equal('rested: unknown owner action "remove" (rested owner --help)');
  });

  it('reports an unexpected failure (a folder that does not exist) as one line, never a stack', async () => {
    const storage = await openSqliteStorage({ file: join(dir, 'data', 'rested.sqlite') });
    await storage.close();
    const run = await runCli(['backup', join(dir, 'missing', 'b.tar.gz')], { DATA_DIR: join(dir, 'data') });
    expect(expectOneLineFailure(run)).to.match(/^rested: ENOENT: no such file or directory/);
  });

  it('owner list shows every owner with their projects, as a table or JSON lines', async () => {
    const storage = await openSqliteStorage({ file: join(dir, 'data', 'rested.sqlite') });
    const empty = await runCli(['owner', 'list'], { DATA_DIR: join(dir, 'data') });
    expect(empty.stdout).to.equal('no owners yet\n');
    const project = await seedProject(storage);
    await seedProject(storage, { ownerId: project.ownerId }); // seedProject makes a second owner too, who is left with no project
    const owners = await storage.scanRows('owners', { limit: 10 });
    const projects = await Promise.all(owners.map(async (o) => String((await storage.listProjects(o.id)).length)));
    const owner = owners.find((o) => o.id === project.ownerId)!;
    await storage.close();

    const table = await runCli(['owner', 'list'], { DATA_DIR: join(dir, 'data') });
    expect(table.code, table.stderr).to.equal(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).to.match(/^EMAIL\s+NAME\s+PROJECTS\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).to.deep.equal(owners.map((o, i) => [o.email, 'Owner', projects[i], o.createdAt.toISOString()]));
    expect(projects).to.include('2');
    const json = await runCli(['owner', 'list', '--json'], { DATA_DIR: join(dir, 'data') });
    const listed = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(listed.find((o) => o.id === owner.id)).to.deep.equal({ id: owner.id, email: owner.email, name: 'Owner', projects: 2, createdAt: owner.createdAt.toISOString() });
    expect(listed).to.have.length(2);
    expect(expectOneLineFailure(await runCli(['owner', 'list'], { DATA_DIR: join(dir, 'nothing') }))).to.match(/^rested: there is no rested database in /);
  });
});
