import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@rested/server';

describe('loadConfig: SMTP_URL, SMTP_FROM and PUBLIC_URL (owners\' password reset)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sends no owner mail without SMTP_URL', () => {
    expect(loadConfig({ DATA_DIR: dir })).to.include({ ownerMail: undefined, publicUrl: undefined });
  });

  it('reads an smtps:// URL with an encoded password, the sender defaulting to the public host', () => {
    const config = loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtps://mailer:p%40ss%2Fword@smtp.example.com', PUBLIC_URL: 'https://rested.example.com/' });
    expect(config.publicUrl).to.equal('https://rested.example.com');
    expect(config.ownerMail).to.deep.equal({
      target: { host: 'smtp.example.com', port: 465, secure: true, user: 'mailer', pass: 'p@ss/word' },
      from: 'rested <no-reply@rested.example.com>',
    });
    expect(loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtp://smtp.example.com', SMTP_FROM: 'Ops <ops@example.com>' }).ownerMail)
      .to.deep.equal({ target: { host: 'smtp.example.com', port: 587, secure: false, user: null, pass: null }, from: 'Ops <ops@example.com>' });
  });

  it('refuses a bad SMTP_URL without echoing it (it holds a password), and a bad PUBLIC_URL', () => {
    try {
      loadConfig({ DATA_DIR: dir, SMTP_URL: 'http://user:secret-pass@host', PUBLIC_URL: 'ftp://x' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).to.match(/SMTP_URL must look like/).and.match(/PUBLIC_URL must be an http\(s\) URL/);
      expect(message).to.not.include('secret-pass');
    }
  });
});
