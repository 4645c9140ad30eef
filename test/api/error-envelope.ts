/* The whole error envelope, checked at once (not a test file itself). */
import { expect } from 'chai';
import { STATUS_TEXT } from '@rested/shared';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: { error?: Record<string, unknown> };
}

/** Status, code, status text, reason, a message for humans, and the request id of the X-Request-Id header. */
export function expectEnvelope(res: Answer, status: number, reason: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/json/);
  const error = res.body.error;
  expect(error).to.include({ code: status, status: STATUS_TEXT[status], reason });
  expect(error?.message).to.be.a('string').and.not.equal('');
  expect(error?.request).to.be.a('string').and.equal(res.headers['x-request-id']);
}
