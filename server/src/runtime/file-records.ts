import { MAX_FILES_PER_REQUEST, type FileDescriptor, type FileRecordData, type JsonValue } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import type { IncomingFile, Upload, UploadRules } from '../http/multipart.js';
import type { BlobKey, StagedBlob } from '../storage/blob-store.js';
import { newId } from '../storage/ids.js';
import type { RecordRow } from '../storage/rows.js';
import type { RuntimeRequest } from './runtime-request.js';
import { isJsonObject } from './strategies.js';

/*
 * Records of file endpoints (docs/file-endpoints.md): `data` is { file: descriptor, metadata },
 * the bytes live in the blob store under the record's key.
 */

/** A file part written to the blob store but not yet published, with the id its record will take. */
export interface StagedFile {
  uniqueId: string;
  name: string;
  type: string;
  blob: StagedBlob;
  discard(): Promise<void>;
}

export const blobKey = (req: RuntimeRequest, uniqueId: string): BlobKey => ({ projectId: req.project.id, endpointId: req.endpoint.id, uniqueId });

/** 415 unless the body is multipart/form-data (a JSON or text body cannot carry a file). */
export function requireMultipart(req: RuntimeRequest): void {
  if (!req.multipart) {
    throw apiError('unsupported_media_type', `${req.endpoint.name} is a file endpoint: send multipart/form-data with the files in the field "file".`);
  }
}

/**
 * Streams the request's files into the blob store (staged), within the endpoint's rules and the
 * project's room: each for a new record, or the one file of `replacing` (a record's uniqueId).
 */
export async function stageUpload(req: RuntimeRequest, roomBytes: number, replacing?: string): Promise<Upload<StagedFile>> {
  const { endpoint, services } = req;
  const rules: UploadRules = {
    maxFiles: replacing === undefined ? MAX_FILES_PER_REQUEST : 1,
    maxFileBytes: Math.min(endpoint.maxFileBytes, services.config.fileLimitBytes),
    allowedTypes: endpoint.allowedTypes,
    roomBytes,
    maxFieldBytes: services.config.bodyLimitBytes,
  };
  const store = async (file: IncomingFile): Promise<StagedFile> => {
    const uniqueId = replacing ?? newId();
    const blob = await services.storage.blobs.stage(blobKey(req, uniqueId), file.stream);
    return { uniqueId, name: file.name, type: file.type, blob, discard: () => blob.discard() };
  };
  const upload = await req.readUpload(rules, store);
  if (upload.files.length === 0) throw apiError('missing_file', 'Send at least one file in the form field "file".');
  return upload;
}

/** The text fields as metadata: one value as a string, a repeated field as the array of its values. */
export function metadataOf(fields: Map<string, string[]>): { [field: string]: JsonValue } {
  const metadata: { [field: string]: JsonValue } = {};
  for (const [name, values] of fields) {
    Object.defineProperty(metadata, name, { value: values.length === 1 ? values[0]! : values, enumerable: true, writable: true, configurable: true });
  }
  return metadata;
}

export function fileData(file: StagedFile, metadata: { [field: string]: JsonValue }): FileRecordData {
  return { file: { name: file.name, type: file.type, size: file.blob.size, sha256: file.blob.sha256 }, metadata };
}

/** The file descriptor of a file record; null for a record that is not one (written before the endpoint held files, say). */
export function descriptorOf(record: RecordRow): FileDescriptor | null {
  const data = record.data;
  if (!isJsonObject(data) || !isJsonObject(data.file)) return null;
  const { name, type, size, sha256 } = data.file;
  if (typeof name !== 'string' || typeof type !== 'string' || typeof size !== 'number' || typeof sha256 !== 'string') return null;
  return { name, type, size, sha256 };
}

/** Discards what was staged, ignoring failures: used on the way out of a refused request. */
export async function discardAll(files: readonly StagedFile[]): Promise<void> {
  await Promise.all(files.map((f) => f.discard().catch(() => undefined)));
}
