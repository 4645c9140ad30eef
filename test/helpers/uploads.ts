import { request, type IncomingMessage } from 'node:http';
import type { Answer } from './errors.js';

/** The whole answer to a raw request, its body parsed as JSON when it is JSON. */
function answerOfMessage(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', reject);
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const json = /^application\/json\b/.test(String(res.headers['content-type']));
      resolve({ status: res.statusCode!, headers: res.headers, body: json && text ? JSON.parse(text) : text });
    });
  });
}

export interface Upload {
  /** The answer, whenever it comes (before the body is sent, for a refused one). */
  answer: Promise<Answer>;
  /** Sends `bytes` more of the body. */
  send(bytes: Buffer): void;
  end(): void;
}

/** A POST whose body the test sends when it likes: with a Content-Length, or chunked when none is given. */
export function upload(url: string, contentLength?: number): Upload {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (contentLength !== undefined) headers['Content-Length'] = String(contentLength);
  const req = request(url, { method: 'POST', headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => resolve(answerOfMessage(res)));
    req.on('error', reject);
  });
  req.flushHeaders();
  return { answer, send: (bytes) => req.write(bytes), end: () => req.end() };
}

