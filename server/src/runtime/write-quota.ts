import type { JsonValue } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { refuseIfThrottled } from '../http/refuse-if-throttled.js';
import type { RuntimeRequest } from './runtime-request.js';

/** What `data` takes in storage, as the quota counts it: the bytes of its JSON text (UTF-8). */
export const storedBytes = (data: JsonValue): number => Buffer.byteLength(JSON.stringify(data));

/**
 * Counts a runtime write (a record created or updated, an end user registered) against the
 * caller's address on this project: past `writesPerMinute`, 429 too_many_requests with
 * Retry-After. Record writes call it before reading their body, so a refused flood of large
 * bodies is never read into memory, decoded or scanned.
 */
export async function requireWriteRate(req: RuntimeRequest): Promise<void> {
  const { services, project } = req;
  const wait = await services.writeLimiter.consume(`${project.id}:${req.ip}`);
  refuseIfThrottled(wait, `More than ${services.config.quotas.writesPerMinute} writes a minute to this project from your address; try again in ${wait} s.`);
}

/**
 * A write that adds `adds.records` records and `adds.bytes` bytes to the project (an update adds
 * no record and may add fewer than zero bytes): one that would take the project past its record
 * or byte quota is refused with 403 quota_exceeded; one that does not grow the project never is,
 * so a full project can still shrink its data.
 */
export async function requireRoom(req: RuntimeRequest, adds: { records: number; bytes: number }): Promise<void> {
  const { services, project } = req;
  const { quotas } = services.config;
  if (adds.records <= 0 && adds.bytes <= 0) return;
  const usage = await services.storage.projectUsage(project.id);
  if (adds.records > 0 && usage.records + adds.records > quotas.recordsPerProject) {
    throw apiError('quota_exceeded', `This project already holds ${usage.records} of its ${quotas.recordsPerProject} records and end users; delete some first.`);
  }
  if (adds.bytes > 0 && usage.bytes + adds.bytes > quotas.bytesPerProject) {
    throw apiError('quota_exceeded', `This write would take the project's data past its quota of ${quotas.bytesPerProject} bytes (${usage.bytes} stored); delete or shrink some first.`);
  }
}
