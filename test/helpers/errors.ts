import { expect } from 'chai';
import { STATUS_TEXT, type Reason } from '@rested/shared';
import { StorageError } from '@rested/server';

/** The parts of an HTTP answer expectError reads: a supertest Response fits, and so does `answerOf(fetchResponse)`. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface Envelope {
  error?: { code?: unknown; status?: unknown; reason?: unknown; message?: unknown; request?: unknown };
}

/**
 * Asserts the whole error envelope: the HTTP status, a JSON Content-Type, and
 * `{error: {code, status, reason, message, request}}` with the status code, its status text,
 * the reason, a message, and the request id the X-Request-Id header carries.
 */
export function expectError(res: Answer, status: number, reason: Reason): void {
  const seen = `answered ${res.status} ${JSON.stringify(res.body)}`;
  expect(res.status, seen).to.equal(status);
  expect(res.headers['content-type'], `Content-Type; ${seen}`).to.match(/^application\/json\b/);
  const error = (res.body as Envelope | null)?.error;
  expect(error, `an error envelope; ${seen}`).to.be.an('object');
  expect(error!.code, 'error.code').to.equal(status);
  expect(STATUS_TEXT[status], `STATUS_TEXT knows ${status}`).to.be.a('string');
  expect(error!.status, 'error.status').to.equal(STATUS_TEXT[status]);
  expect(error!.reason, 'error.reason').to.equal(reason);
  expect(error!.message, 'error.message').to.be.a('string').and.not.equal('');
  expect(res.headers['x-request-id'], 'the X-Request-Id header').to.be.a('string').and.not.equal('');
  expect(error!.request, 'error.request').to.equal(res.headers['x-request-id']);
}

/** A fetch() Response read into an Answer (header names lower-cased, the body parsed as JSON when it is JSON). */
export async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  const json = /^application\/json\b/.test(res.headers.get('content-type') ?? '');
  const headers: Answer['headers'] = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, headers, body: json && text ? JSON.parse(text) : text };
}

/** Expects `promise` to reject with StorageError('conflict') naming `field`. */
export async function expectConflict(promise: Promise<unknown>, field: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(StorageError);
    expect((error as StorageError).code).to.equal('conflict');
    expect((error as StorageError).field).to.equal(field);
    return;
  }
  expect.fail('expected a conflict');
}
