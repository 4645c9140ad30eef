import { apiError } from '../http/api-error.js';
import type { Result } from '../http/result.js';
import type { EndpointRow, ProjectRow } from '../storage/rows.js';
import { uploadFiles } from '../runtime/actions/upload-files.js';
import { fileAnswer } from '../runtime/file-answer.js';
import { descriptorOf } from '../runtime/file-records.js';
import { parseOptions, type RuntimeRequest } from '../runtime/runtime-request.js';
import { param, type OwnedRequest } from './console-request.js';
import { getOwnedEndpoint } from './ownership.js';

/* The data browser's files (docs/file-endpoints.md): uploads from the dashboard, downloads with the runtime's headers and ranges. */

async function getOwnedFileEndpoint(req: OwnedRequest): Promise<{ project: ProjectRow; endpoint: EndpointRow }> {
  const owned = await getOwnedEndpoint(req);
  if (!owned.endpoint.files) throw apiError('invalid_parameter', `${owned.endpoint.name} is not a file endpoint.`);
  return owned;
}

/**
 * POST …/records with multipart/form-data: the owner uploads files as the master key would (the
 * records have no creator), under the same rules, quotas and answer as the runtime's upload.
 */
export async function uploadEntryFiles(req: OwnedRequest): Promise<Result> {
  const { project, endpoint } = await getOwnedFileEndpoint(req);
  const asMaster: RuntimeRequest = {
    services: req.services,
    project,
    endpoint,
    master: true,
    method: 'POST',
    ...parseOptions({}),
    query: {},
    token: null,
    readBody: () => Promise.reject(apiError('unsupported_media_type', 'Send the files as multipart/form-data.')),
    multipart: req.multipart,
    readUpload: req.readUpload,
    head: false,
    header: req.header,
    userAgent: '',
    ip: req.ip,
    // No login happens here: the cookie question never comes up.
    keepsSecureCookies: true,
    hostname: '',
    requestId: req.requestId,
  };
  return uploadFiles(asMaster);
}

/** GET (or HEAD) …/records/:uniqueId/file: the file, with the headers, Range and If-None-Match rules of `fileOnly=true`. */
export async function downloadEntryFile(req: OwnedRequest): Promise<Result> {
  const { endpoint } = await getOwnedFileEndpoint(req);
  const uniqueId = param(req, 'uniqueId');
  const [record] = await req.services.storage.findRecords(endpoint.id, [uniqueId]);
  const file = record ? descriptorOf(record) : null;
  if (!record || !file) throw apiError('record_not_found', 'No file with this uniqueId in this endpoint.');
  const key = { projectId: endpoint.projectId, endpointId: endpoint.id, uniqueId };
  return fileAnswer({ blobs: req.services.storage.blobs, key, record, file, header: req.header, head: req.head });
}
