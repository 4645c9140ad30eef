import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { forEachAdapter } from '../helpers/adapters.js';
import { startServer } from '../helpers/servers.js';

const DOC = fileURLToPath(new URL('../../docs/console-api.md', import.meta.url));
const SECTION = '## From nothing to a logged-in end user';

/** The ```bash block of the "From nothing" section of docs/console-api.md. */
function docsScript(): string {
  const markdown = readFileSync(DOC, 'utf8');
  const start = markdown.indexOf(SECTION);
  expect(start, `docs/console-api.md has the section "${SECTION}"`).to.be.greaterThan(-1);
  const block = /```bash\n([\s\S]*?)\n```/.exec(markdown.slice(start));
  expect(block, 'a ```bash block in that section').to.not.equal(null);
  return block![1]!;
}

/** Whether a command runs here (`<command> --version`). */
async function available(command: string): Promise<boolean> {
  return promisify(execFile)(command, ['--version']).then(() => true, () => false);
}

function runBash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-s'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(script);
  });
}

forEachAdapter('docs/console-api.md: the from-nothing script', (adapter) => {
  it('creates an owner, a project and an auth endpoint, and logs an end user in, against a real server', async function () {
    this.timeout(60_000);
    for (const tool of ['bash', 'curl', 'jq']) {
      if (!(await available(tool))) {
        this.test!.title += ` (SKIPPED: ${tool} is not installed)`;
        this.skip();
      }
    }
    const server = await startServer(adapter);
    try {
      const { code, stdout, stderr } = await runBash(docsScript(), { BASE: server.url });
      expect(code, `exit status; stderr: ${stderr}\nstdout: ${stdout}`).to.equal(0);

      const owner = /^owner: +(\S+)$/m.exec(stdout)?.[1];
      const projectId = /^project: +([0-9a-f]+) \(API key ([0-9a-f]+)\)$/m.exec(stdout);
      const userId = /^user: +([0-9a-f]{32})$/m.exec(stdout)?.[1];
      expect(owner, stdout).to.match(/@example\.com$/);
      expect(projectId, stdout).to.not.equal(null);
      expect(userId, stdout).to.be.a('string');

      const { storage } = server;
      const ownerRow = await storage.findOwnerByEmail(owner!);
      const project = await storage.findProjectById(projectId![1]!);
      expect(project?.ownerId).to.equal(ownerRow?.id);
      expect(project?.apiKey).to.equal(projectId![2]);
      const endpoint = await storage.findEndpointByName(project!.id, 'app/users');
      expect(endpoint).to.include({ auth: true, secure: true });
      const sessions = await storage.listSessions(endpoint!.id, userId!);
      expect(sessions).to.have.length(1);
      // Steps 6 and 7 printed the user's own record, the data-browser page and the session.
      expect(stdout).to.include('"email": "ann@example.com"').and.include('"total": 1').and.include(`"id": "${sessions[0]!.id}"`);
      expect(stdout).to.not.include('password');
    } finally {
      await server.close();
    }
  });
});
