import { apiError } from '../http/api-error.js';
import type { RuntimeRequest } from './runtime-request.js';

/**
 * The bytes the project may still take under its byte quota: an upload is cut off as soon as
 * its files pass it (403 quota_exceeded), and refused before any byte is read when there is no
 * room at all, or the project holds its most records already.
 */
export async function projectRoom(req: RuntimeRequest): Promise<number> {
  const { quotas } = req.services.config;
  const usage = await req.services.storage.projectUsage(req.project.id);
  if (usage.records >= quotas.recordsPerProject) {
    throw apiError('quota_exceeded', `This project already holds ${usage.records} of its ${quotas.recordsPerProject} records and end users; delete some first.`);
  }
  const room = quotas.bytesPerProject - usage.bytes;
  if (room <= 0) throw apiError('quota_exceeded', `This project already holds its quota of ${quotas.bytesPerProject} bytes; delete or shrink some first.`);
  return room;
}
