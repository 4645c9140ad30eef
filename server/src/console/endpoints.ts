import { DEFAULT_MAX_FILE_BYTES } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { conflictsAs } from '../http/conflicts.js';
import { created, noContent, ok, type Result } from '../http/result.js';
import type { EndpointPatch, EndpointRow } from '../storage/rows.js';
import type { Storage } from '../storage/storage.js';
import { newId } from '../storage/ids.js';
import { ownerEvent } from './audit-event.js';
import type { OwnedRequest } from './console-request.js';
import { endpointFields } from './endpoint-input.js';
import { readObject } from './input.js';
import { getOwnedEndpoint, getOwnedProject } from './ownership.js';
import { endpointJson } from './serializers.js';

const NO_ACCESS = { readOthers: false, updateOthers: false, deleteOthers: false };

/** Records for a data or file endpoint, users for an auth endpoint. */
export function countEntries(storage: Storage, endpoint: EndpointRow): Promise<number> {
  return endpoint.auth ? storage.countUsers(endpoint.id) : storage.countRecords(endpoint.id);
}

async function withCount(storage: Storage, endpoint: EndpointRow) {
  return endpointJson(endpoint, await countEntries(storage, endpoint));
}

/** A name already used in the project → 409 endpoint_exists, naming the field. */
const nameConflict = conflictsAs({ name: ['endpoint_exists', 'This project already has an endpoint with this name.'] }, { fields: true });

/** GET /projects/:id/endpoints */
export async function listEndpoints(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { storage } = req.services;
  const rows = await storage.listEndpoints(project.id);
  return ok(await Promise.all(rows.map((row) => withCount(storage, row))));
}

/**
 * POST /projects/:id/endpoints. An auth endpoint is always secure (its users reach only their own
 * record); requireVerifiedEmail applies to auth endpoints only (ignored on data endpoints).
 */
export async function createEndpoint(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { storage, config } = req.services;
  const fields = endpointFields(await readObject(req), null, config.fileLimitBytes);
  const auth = fields.auth ?? false;
  const id = newId();
  const event = ownerEvent(req, project.id, 'endpoint.created', { endpoint: id }, { name: fields.name!, auth });
  const endpoint = await storage
    .audited(event, () => storage.createEndpoint({
      id,
      projectId: project.id,
      name: fields.name!,
      description: fields.description ?? '',
      auth,
      files: fields.files ?? false,
      maxFileBytes: fields.maxFileBytes ?? Math.min(DEFAULT_MAX_FILE_BYTES, config.fileLimitBytes),
      allowedTypes: fields.allowedTypes ?? [],
      secure: auth || (fields.secure ?? false),
      requireVerifiedEmail: auth && (fields.requireVerifiedEmail ?? false),
      access: { ...NO_ACCESS, ...fields.access },
    }))
    .catch(nameConflict);
  const indexed = fields.indexes?.length ? await storage.updateEndpoint(endpoint.id, { indexes: fields.indexes }) : null;
  return created(endpointJson(indexed ?? endpoint, 0));
}

/** GET /projects/:id/endpoints/:endpointId */
export async function getEndpoint(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  return ok(await withCount(req.services.storage, endpoint));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * PATCH /projects/:id/endpoints/:endpointId: name, description, secure, requireVerifiedEmail, access (merged), indexes
 * (the whole list: new ones are built, missing ones dropped); `auth` cannot change.
 */
export async function updateEndpoint(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  const fields = endpointFields(await readObject(req), endpoint, req.services.config.fileLimitBytes);
  const patch: EndpointPatch = {};
  if (fields.name !== undefined) patch.name = fields.name;
  if (fields.description !== undefined) patch.description = fields.description;
  if (fields.maxFileBytes !== undefined) patch.maxFileBytes = fields.maxFileBytes;
  if (fields.allowedTypes !== undefined) patch.allowedTypes = fields.allowedTypes;
  if (fields.secure !== undefined && !endpoint.auth) patch.secure = fields.secure;
  if (fields.requireVerifiedEmail !== undefined && endpoint.auth) patch.requireVerifiedEmail = fields.requireVerifiedEmail;
  if (fields.access !== undefined) patch.access = { ...endpoint.access, ...fields.access };
  if (fields.indexes !== undefined && !sameList(fields.indexes, endpoint.indexes)) patch.indexes = fields.indexes;
  const { storage } = req.services;
  if (Object.keys(patch).length === 0) return ok(await withCount(storage, endpoint));
  const event = ownerEvent(req, endpoint.projectId, 'endpoint.updated', { endpoint: endpoint.id }, { fields: Object.keys(patch) });
  const updated = await storage.audited(event, () => storage.updateEndpoint(endpoint.id, patch)).catch(nameConflict);
  if (!updated) throw apiError('endpoint_not_found', 'No such endpoint in this project.');
  return ok(await withCount(storage, updated));
}

/** DELETE /projects/:id/endpoints/:endpointId: with all its records (or users and their sessions), then its files. */
export async function deleteEndpoint(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedEndpoint(req);
  const { storage } = req.services;
  const event = ownerEvent(req, endpoint.projectId, 'endpoint.deleted', { endpoint: endpoint.id }, { name: endpoint.name });
  await storage.audited(event, () => storage.deleteEndpoint(endpoint.id));
  // After the records: a crash in between leaves files of no record, which the next start sweeps.
  await storage.blobs.deleteScope({ projectId: endpoint.projectId, endpointId: endpoint.id });
  return noContent();
}
