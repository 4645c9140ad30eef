import { hashMasterKey, newKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import { created, noContent, ok, type Result } from '../http/result.js';
import type { ProjectPatch } from '../storage/rows.js';
import { ownerEvent } from './audit-event.js';
import type { OwnedRequest } from './console-request.js';
import { getOwnedProject } from './ownership.js';
import { projectJson } from './serializers.js';

/** Applies a key change; the storage's lookup cache forgets the project at once, so the old key is dead on the next request. */
async function changeKeys(req: OwnedRequest, patch: ProjectPatch, eventType: string) {
  const project = await getOwnedProject(req);
  const { storage } = req.services;
  const updated = await storage.audited(ownerEvent(req, project.id, eventType), () => storage.updateProject(project.id, patch));
  if (!updated) throw apiError('project_not_found', 'No such project.');
  return updated;
}

/** POST /projects/:id/api-key: a new random API key; the old one stops working at once. */
export async function rotateApiKey(req: OwnedRequest): Promise<Result> {
  return ok(projectJson(await changeKeys(req, { apiKey: newKey() }, 'project.api_key_rotated')));
}

/** POST /projects/:id/master-key: a new master key, shown this once and stored as a keyed hash; replaces any earlier one. */
export async function createMasterKey(req: OwnedRequest): Promise<Result> {
  const masterKey = newKey();
  await changeKeys(req, { masterKeyHash: hashMasterKey(req.services.config.secret, masterKey) }, 'project.master_key_created');
  return created({ masterKey }, { headers: { 'Cache-Control': 'no-store' } });
}

/** DELETE /projects/:id/master-key: no master key any more (204 also when there was none). */
export async function deleteMasterKey(req: OwnedRequest): Promise<Result> {
  await changeKeys(req, { masterKeyHash: null }, 'project.master_key_deleted');
  return noContent();
}
