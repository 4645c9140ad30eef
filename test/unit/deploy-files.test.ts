import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { loadConfig } from '@rested/server';
import { children, startProcess } from '../helpers/server-process.js';

/*
 * The container, compose and CI files, checked against the code they start: no container or
 * MongoDB can run on the machines these tests run on, so what can be checked here is.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DOCKERFILE = read('Dockerfile');
const SECRET = 's'.repeat(64);

/** The names of the variables loadConfig reads, from an environment that keeps it off the disk. */
function variablesLoadConfigReads(): Set<string> {
  const names = new Set<string>();
  const env = new Proxy({ MONGODB_URI: 'mongodb://mongo:27017/rested', SECRET } as Record<string, string | undefined>, {
    get: (target, name) => {
      if (typeof name === 'string') names.add(name);
      return target[name as string];
    },
  });
  loadConfig(env);
  return names;
}

/** The JSON array of the Dockerfile instruction `CMD […]` that follows `prefix` (continued lines joined). */
function execForm(prefix: RegExp): string[] {
  const text = DOCKERFILE.replace(/\\\n\s*/g, ' ');
  const line = text.split('\n').find((l) => prefix.test(l));
  expect(line, String(prefix)).to.be.a('string');
  return JSON.parse(/CMD\s+(\[.*\])\s*$/.exec(line!)![1]!) as string[];
}

/** The image's stage: from the last FROM on. */
const IMAGE_STAGE = DOCKERFILE.slice(DOCKERFILE.lastIndexOf('\nFROM '));

/** `ENV A=1 B=2` lines of the image's stage, as an object. */
function dockerEnv(): Record<string, string> {
  const lines = IMAGE_STAGE.split('\n').filter((l) => l.startsWith('ENV '));
  return Object.fromEntries(lines.flatMap((l) => l.slice(4).trim().split(/\s+/).map((pair) => pair.split('=') as [string, string])));
}

/** A compose value with `${NAME:?…}` / `${NAME:-default}` filled in as `docker compose` would. */
const interpolate = (value: string, vars: Record<string, string>) =>
  value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => vars[name] ?? fallback ?? '');

describe('deployment files (Dockerfile, compose.yaml, CI workflow)', () => {
  describe('Dockerfile', () => {
    it('CMD runs the start command of npm start, on the built entry point of server/src/main.ts', () => {
      const start = JSON.parse(read('package.json')).scripts.start as string;
      expect(execForm(/^CMD /)).to.deep.equal(start.split('&&').at(-1)!.trim().split(/\s+/));
      const tsconfig = JSON.parse(read('server/tsconfig.json')).compilerOptions;
      expect([tsconfig.rootDir, tsconfig.outDir, existsSync(join(ROOT, 'server/src/main.ts'))]).to.deep.equal(['src', 'dist', true]);
    });

    it('HEALTHCHECK passes against the real server on its /health route and fails once it is stopped', async function () {
      this.timeout(30_000);
      const [node, ...args] = execForm(/^HEALTHCHECK /);
      expect(node).to.equal('node');
      expect(args.join(' ')).to.include("/health'");
      const dir = mkdtempSync(join(tmpdir(), 'rested-health-'));
      try {
        const server = await startProcess(dir);
        const check = () => spawnSync(process.execPath, args, { env: { ...process.env, PORT: String(server.port) }, timeout: 10_000 }).status;
        expect(check()).to.equal(0);
        server.child.kill('SIGTERM');
        expect(await server.exited).to.equal(0);
        expect(check()).to.equal(1);
      } finally {
        for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('runs as a non-root user with DATA_DIR as a volume and only variables the config loader reads', () => {
      const env = dockerEnv();
      const known = variablesLoadConfigReads();
      expect(Object.keys(env).filter((name) => name !== 'NODE_ENV' && !known.has(name))).to.deep.equal([]);
      expect(IMAGE_STAGE).to.match(new RegExp(`^VOLUME \\["${env.DATA_DIR}"\\]$`, 'm'));
      expect(IMAGE_STAGE).to.match(new RegExp(`^EXPOSE ${env.PORT}$`, 'm'));
      const users = IMAGE_STAGE.split('\n').filter((l) => l.startsWith('USER '));
      expect(users.at(-1)).to.equal('USER node');
      expect(DOCKERFILE.match(/^FROM /gm)).to.have.length.greaterThan(1);
    });
  });

  describe('compose.yaml', () => {
    const compose = load(read('compose.yaml')) as { services: Record<string, { image?: string; build?: string; environment?: Record<string, string> }> };
    const instances = Object.entries(compose.services).filter(([, service]) => service.build === '.');

    it('runs two rested instances on one MongoDB, each with only variables the config loader reads, and a configuration it accepts', () => {
      expect(instances.map(([name]) => name)).to.deep.equal(['rested-1', 'rested-2']);
      expect(Object.values(compose.services).filter((s) => s.image?.startsWith('mongo:'))).to.have.length(1);
      const known = variablesLoadConfigReads();
      for (const [name, service] of instances) {
        const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), { SECRET })]));
        expect(Object.keys(env).filter((k) => !known.has(k)), name).to.deep.equal([]);
        const config = loadConfig(env);
        expect(new URL(config.mongodbUri!).hostname, name).to.be.oneOf(Object.keys(compose.services));
        expect(config.trustProxy, name).to.equal(1);
      }
    });

    it('puts both instances, at their port, behind the proxy, which checks their /health', () => {
      const caddyfile = read('deploy/Caddyfile');
      const ports = instances.map(([, service]) => loadConfig(Object.fromEntries(Object.entries(service.environment!).map(([k, v]) => [k, interpolate(String(v), { SECRET })]))).port);
      const upstreams = /reverse_proxy\s+([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
      expect(upstreams).to.deep.equal(instances.map(([name], i) => `${name}:${ports[i]}`));
      expect(caddyfile).to.match(/health_uri \/health\n/);
    });
  });

  describe('CI workflow', () => {
    it('runs .ci/run on Node 20 and 22 with a MongoDB service and MONGODB_URI pointing at it', () => {
      const workflow = load(read('.github/workflows/ci.yml')) as {
        jobs: Record<string, { strategy: { matrix: { node: number[] } }; services: Record<string, { image: string; ports: string[] }>; env: Record<string, string>; steps: Array<{ run?: string; with?: Record<string, string> }> }>;
      };
      const job = Object.values(workflow.jobs)[0]!;
      expect(job.strategy.matrix.node).to.deep.equal([20, 22]);
      const mongo = Object.values(job.services).find((s) => s.image.startsWith('mongo:'))!;
      const port = mongo.ports[0]!.split(':')[0];
      expect(new URL(job.env.MONGODB_URI!).port).to.equal(port);
      expect(job.steps.map((s) => s.run).filter(Boolean)).to.deep.equal(['bash .ci/run']);
      expect(job.steps.find((s) => s.with?.['node-version'])!.with!['node-version']).to.equal('${{ matrix.node }}');
      expect(read('.ci/run')).to.match(/\bnpm test\b/);
    });
  });
});
