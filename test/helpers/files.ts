import { createHash } from 'node:crypto';
import { expect } from 'chai';
import type { Response } from 'supertest';
import type { FileRecordData, RecordEnvelope } from '@rested/shared';
import type { Storage } from '@rested/server';
import type { TestContext } from './app.js';
import { seedRuntime, type EndpointSpec, type RuntimeFixture } from './runtime.js';

/* File endpoints (docs/file-endpoints.md): seeded endpoints, multipart uploads, what storage holds. */

export interface FilePart {
  bytes: Buffer;
  name?: string;
  type?: string;
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A project with one file endpoint `files-here` (and the endpoints given), seeded in storage. */
export function seedFiles(storage: Storage, spec: Partial<EndpointSpec> = {}, others: EndpointSpec[] = []): Promise<RuntimeFixture> {
  return seedRuntime(storage, { endpoints: [{ name: 'files-here', files: true, ...spec }, ...others] });
}

/** POSTs (or PUTs) the parts as multipart/form-data: `files` in the field `file` (or `field`), then the text fields. */
export function sendFiles(
  ctx: TestContext,
  url: string,
  files: FilePart[],
  options: { fields?: [string, string][]; field?: string; method?: 'post' | 'put' | 'patch'; headers?: Record<string, string> } = {},
): Promise<Response> {
  let req = ctx.http[options.method ?? 'post'](url).set(options.headers ?? {});
  for (const [i, file] of files.entries()) {
    req = req.attach(options.field ?? 'file', file.bytes, { filename: file.name ?? `file-${i}.bin`, contentType: file.type ?? 'application/octet-stream' });
  }
  for (const [name, value] of options.fields ?? []) req = req.field(name, value);
  return req;
}

/** Uploads one file and answers its record (201 expected). */
export async function uploadOne(ctx: TestContext, url: string, file: FilePart, headers: Record<string, string> = {}): Promise<RecordEnvelope<FileRecordData>> {
  const res = await sendFiles(ctx, url, [file], { headers });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return (res.body as Array<RecordEnvelope<FileRecordData>>)[0]!;
}

/** How many records the endpoint holds and how many file bytes the store holds (staged or published, the temporary files included). */
export async function whatIsStored(ctx: TestContext, endpointId: string): Promise<{ records: number; blobs: number }> {
  const records = await ctx.storage.countRecords(endpointId);
  // A sweep that wants nothing removes (and so counts) every blob, staged or published.
  const { removed } = await ctx.storage.blobs.sweep(async () => null, new Date(Date.now() + 60_000));
  return { records, blobs: removed };
}

/** The body of a binary answer as bytes (supertest buffers it with `.buffer(true)` and this parser). */
export function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
