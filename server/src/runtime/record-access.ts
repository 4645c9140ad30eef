import { apiError } from '../http/api-error.js';
import type { RecordRow } from '../storage/rows.js';
import { requireCurrentUser } from './current-user.js';
import { requireSingleId, type RuntimeRequest } from './runtime-request.js';

/*
 * Who may read, update or delete whose record. On a public endpoint, and with the master key,
 * anyone may do anything; on a secure endpoint a record belongs to its creator, and others may
 * only do what the endpoint's access options (readOthers, updateOthers, deleteOthers) allow.
 */

export type Access = 'read' | 'update' | 'delete';

/** Who is asking: null for public endpoints and the master key, else the logged-in user's id (401 without a valid token). */
export async function requireCaller(req: RuntimeRequest): Promise<string | null> {
  if (req.master || !req.endpoint.secure) return null;
  return (await requireCurrentUser(req)).user.uniqueId;
}

/** May `caller` (null: anyone, see requireCaller) do `access` on `record`? */
export function mayAccess(req: RuntimeRequest, caller: string | null, record: RecordRow, access: Access): boolean {
  if (caller === null || record.creatorId === caller) return true;
  const { readOthers, updateOthers, deleteOthers } = req.endpoint.access;
  return access === 'read' ? readOthers : access === 'update' ? updateOthers : deleteOthers;
}

/**
 * Whose records a list reads: the caller's alone on a secure endpoint without readOthers, or
 * undefined for every record.
 */
export function listedCreator(req: RuntimeRequest, caller: string | null): string | undefined {
  return caller !== null && !req.endpoint.access.readOthers ? caller : undefined;
}

export const recordNotFound = () => apiError('record_not_found', 'No record with this uniqueId.');

/**
 * The record a write addresses: 401 without a valid token (secure endpoints), 400 without exactly
 * one uniqueId, 404 when missing, 403 when it is another user's and the access option is off.
 */
export async function requireWritableRecord(req: RuntimeRequest, access: Exclude<Access, 'read'>): Promise<RecordRow> {
  const caller = await requireCaller(req);
  const id = requireSingleId(req);
  const [record] = await req.services.storage.findRecords(req.endpoint.id, [id]);
  if (!record) throw recordNotFound();
  if (!mayAccess(req, caller, record, access)) throw apiError('forbidden', `You may not ${access} another user's record.`);
  return record;
}
