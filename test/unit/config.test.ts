import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@rested/server';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).to.include({ port: 4000, host: undefined, dataDir: dir, mongodbUri: undefined, trustProxy: 0, bodyLimitBytes: 1024 * 1024, signup: 'open', logLevel: 'info', cacheTtlMs: 2000, auditRetentionDays: 90 });
    expect(config.server).to.deep.equal({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, idleTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, maxConnections: 1_000 });
    expect(Object.isFrozen(config)).to.equal(true);
    expect(Object.isFrozen(config.server)).to.equal(true);
  });

  it('generates a secret on first start, keeps it private in DATA_DIR, and reuses it', () => {
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.secret).to.match(/^[0-9a-f]{64}$/);
    const file = join(dir, 'secret');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(readFileSync(file, 'utf8').trim()).to.equal(first.secret);
    expect(loadConfig({ DATA_DIR: dir }).secret).to.equal(first.secret);
  });

  it('uses SECRET from the environment without writing a file', () => {
    const config = loadConfig({ DATA_DIR: dir, SECRET: 's'.repeat(40) });
    expect(config.secret).to.equal('s'.repeat(40));
    expect(existsSync(join(dir, 'secret'))).to.equal(false);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '127.0.0.1', DATA_DIR: dir, MONGODB_URI: 'mongodb://db:27017/rested', SECRET: 'x'.repeat(32),
      TRUST_PROXY: '2', BODY_LIMIT: '512kb', SIGNUP: 'closed', LOG_LEVEL: 'warn', CACHE_TTL_MS: '500', AUDIT_RETENTION_DAYS: '30',
      HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '30000', IDLE_TIMEOUT_MS: '3000', KEEP_ALIVE_TIMEOUT_MS: '1000', MAX_CONNECTIONS: '50',
    });
    expect(config).to.include({ port: 8080, host: '127.0.0.1', mongodbUri: 'mongodb://db:27017/rested', trustProxy: 2, bodyLimitBytes: 512 * 1024, signup: 'closed', logLevel: 'warn', cacheTtlMs: 500, auditRetentionDays: 30 });
    expect(config.server).to.deep.equal({ headersTimeoutMs: 2000, requestTimeoutMs: 30_000, idleTimeoutMs: 3000, keepAliveTimeoutMs: 1000, maxConnections: 50 });
  });

  it('reads TRUST_PROXY as a number of proxy hops, true meaning one', () => {
    const hops = (value: string) => loadConfig({ DATA_DIR: dir, TRUST_PROXY: value }).trustProxy;
    expect(['', 'false', '0', 'off'].map(hops)).to.deep.equal([0, 0, 0, 0]);
    expect(['true', 'TRUE', '1', 'yes'].map(hops)).to.deep.equal([1, 1, 1, 1]);
    expect(hops('3')).to.equal(3);
    for (const bad of ['-1', '1.5', '11', 'maybe']) expect(() => hops(bad), bad).to.throw(ConfigError, /TRUST_PROXY/);
  });

  it('refuses a header timeout longer than the request timeout', () => {
    expect(() => loadConfig({ DATA_DIR: dir, HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).to.throw(ConfigError, /HEADERS_TIMEOUT_MS/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ DATA_DIR: dir, PORT: '70000', BODY_LIMIT: 'lots', SIGNUP: 'maybe', TRUST_PROXY: 'perhaps', MONGODB_URI: 'postgres://x', SECRET: 'short', LOG_LEVEL: 'loud', MAX_CONNECTIONS: '0' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(' ')[0]);
      expect(names).to.have.members(['PORT', 'BODY_LIMIT', 'SIGNUP', 'TRUST_PROXY', 'MONGODB_URI', 'SECRET', 'LOG_LEVEL', 'MAX_CONNECTIONS']);
    }
  });

  it('reports a DATA_DIR that cannot be created along with the other bad variables', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    try {
      loadConfig({ DATA_DIR: join(blocker, 'data'), PORT: 'http' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(' ')[0])).to.have.members(['PORT', 'DATA_DIR']);
    }
  });

  it('creates a missing DATA_DIR', () => {
    const nested = join(dir, 'deep', 'data');
    expect(loadConfig({ DATA_DIR: nested }).dataDir).to.equal(nested);
    expect(statSync(nested).isDirectory()).to.equal(true);
  });

  it('refuses a stored secret that is too short instead of signing with it', () => {
    writeFileSync(join(dir, 'secret'), '\n');
    expect(() => loadConfig({ DATA_DIR: dir })).to.throw(ConfigError, /shorter than 32 characters/);
  });

  it('requires SECRET with MONGODB_URI, so every instance shares it', () => {
    expect(() => loadConfig({ DATA_DIR: dir, MONGODB_URI: 'mongodb://db:27017/rested' })).to.throw(ConfigError, /SECRET is required/);
  });
});
