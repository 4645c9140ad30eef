import { expect } from 'chai';
import { isFlagOn, normalizeOrigin, originMatches, splitOrigins, validateEndpointName, validateOrigin, validateProjectName } from '@rested/shared';

describe('shared validators', () => {
  describe('validateEndpointName', () => {
    for (const name of ['items', 'examples/auth', 'shop/items/v2', 'a-b-c/d-e', '12345']) {
      it(`accepts ${name}`, () => expect(validateEndpointName(name)).to.equal(null));
    }
    for (const name of ['item', 'Items', 'items!', '/items', 'items/', '-items', 'items-', 'it--ems', 'it//ems', 'it ems', 'x'.repeat(255), 42]) {
      it(`refuses ${JSON.stringify(name).slice(0, 30)}`, () => expect(validateEndpointName(name)).to.be.a('string'));
    }
  });

  describe('validateProjectName', () => {
    for (const name of ['My App', 'shop_v2.1', 'Café Crème', 'abcde']) it(`accepts ${name}`, () => expect(validateProjectName(name)).to.equal(null));
    for (const name of ['abcd', 'my/app', 'app<script>', 'x'.repeat(255), 'app ½ ²', 'tab\there', null]) it(`refuses ${String(name).slice(0, 20)}`, () => expect(validateProjectName(name)).to.be.a('string'));
  });

  describe('origins', () => {
    const cases: [string, string | null][] = [
      ['https://App.Example.com/', 'https://app.example.com'],
      ['http://localhost:5173', 'http://localhost:5173'],
      ['https://example.com:443', 'https://example.com'],
      ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
      ['https://*.Example.com', 'https://*.example.com'],
      ['https://example.com/path', null],
      ['ftp://example.com', null],
      ['example.com', null],
      ['https://*.com', null],
      ['http://*.example.com', null],
      ['https://example.com:99999', null],
      ['https://exa mple.com', null],
      // A wildcard on a public suffix (ICANN or private section of the list) would let in anyone who registers a name there.
      ['https://*.co.uk', null],
      ['https://*.CO.UK', null],
      ['https://*.github.io', null],
      ['https://*.s3.amazonaws.com', null],
      ['https://*.1.2.3.4', null],
      ['https://*.example.co.uk', 'https://*.example.co.uk'],
      ['https://*.mine.github.io', 'https://*.mine.github.io'],
    ];
    for (const [input, expected] of cases) it(`normalizes ${input} → ${expected}`, () => expect(normalizeOrigin(input)).to.equal(expected));

    it('matches exactly on scheme, host and port, and wildcards on subdomains only', () => {
      const allowed = ['https://app.example.com', 'http://localhost:5173', 'https://*.preview.example.com'];
      expect(originMatches('https://APP.example.com', allowed)).to.equal(true);
      expect(originMatches('http://app.example.com', allowed)).to.equal(false);
      expect(originMatches('http://localhost:5174', allowed)).to.equal(false);
      expect(originMatches('https://a.b.preview.example.com', allowed)).to.equal(true);
      expect(originMatches('https://preview.example.com', allowed)).to.equal(false);
      expect(originMatches('https://evilpreview.example.com', allowed)).to.equal(false);
      expect(originMatches('null', allowed)).to.equal(false);
    });

    it('lets a wildcard on a public suffix stored before the rule match nothing', () => {
      for (const entry of ['https://*.co.uk', 'https://*.github.io']) {
        const host = entry.slice('https://*.'.length);
        expect(originMatches(`https://evil.${host}`, [entry]), entry).to.equal(false);
      }
      expect(originMatches('https://app.example.co.uk', ['https://*.example.co.uk'])).to.equal(true);
    });

    it('names public suffixes in the rules that validateOrigin reports', () => {
      expect(validateOrigin('https://*.github.io')).to.include('public suffix');
      expect(validateOrigin('https://*.mine.github.io')).to.equal(null);
    });

    it('splits a comma or newline separated list and keeps arrays', () => {
      expect(splitOrigins(' https://a.example, https://b.example\nhttps://c.example ,')).to.deep.equal(['https://a.example', 'https://b.example', 'https://c.example']);
      expect(splitOrigins(['https://a.example'])).to.deep.equal(['https://a.example']);
      expect(splitOrigins([1])).to.equal(null);
    });
  });

  it('reads boolean flags as on for true or 1 in any case', () => {
    expect(['true', 'TRUE', 'True', '1'].map(isFlagOn)).to.deep.equal([true, true, true, true]);
    expect(['false', '0', 'yes', '', undefined].map(isFlagOn)).to.deep.equal([false, false, false, false, false]);
  });
});
