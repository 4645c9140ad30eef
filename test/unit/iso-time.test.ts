import { expect } from 'chai';
import { isoTime } from '@rested/server/testing';

describe('isoTime (the envelope dates)', () => {
  const same = (ms: number) => expect(isoTime(new Date(ms)), String(ms)).to.equal(new Date(ms).toISOString());

  it('writes exactly what toISOString writes, at the edges of days, months, leap years and centuries', () => {
    for (const text of [
      '1970-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '2000-02-29T12:00:00.001Z', '2000-03-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z', '2100-02-28T23:59:59.999Z', '2100-03-01T00:00:00.000Z', '2026-11-29T12:34:56.789Z',
      '9999-12-31T23:59:59.999Z', '0000-01-01T00:00:00.000Z', '0999-06-15T08:09:10.011Z', '1969-12-31T23:59:59.999Z',
    ]) same(Date.parse(text));
  });

  it('writes exactly what toISOString writes for 50,000 random instants of 0000–9999', () => {
    const min = Date.parse('0000-01-01T00:00:00.000Z');
    const max = Date.parse('9999-12-31T23:59:59.999Z');
    for (let i = 0; i < 50_000; i++) same(min + Math.floor(Math.random() * (max - min)));
  });

  it('leaves years outside 0000–9999 to toISOString, and throws for an invalid date as it does', () => {
    same(Date.parse('+010000-01-01T00:00:00.000Z'));
    same(Date.parse('-000001-01-01T00:00:00.000Z'));
    expect(() => isoTime(new Date(Number.NaN))).to.throw(RangeError);
  });
});
