import { H, STATUS_TEXT, type ErrorEnvelope } from '@rested/shared';
import { ApiError } from '../../api/client';
import { uploadUrl } from '../../api/console';

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const envelope = JSON.parse(xhr.responseText) as ErrorEnvelope;
    if (envelope.error?.message) return new ApiError(envelope.error);
  } catch {
    // not JSON: described below
  }
  const code = xhr.status || 0;
  return new ApiError({
    code,
    status: STATUS_TEXT[code] ?? 'Network Error',
    reason: code >= 500 || code === 0 ? 'service_unavailable' : 'invalid_body',
    message: code === 0 ? 'Cannot reach the server. Check your connection and try again.' : `The server answered ${code}.`,
    request: xhr.getResponseHeader('X-Request-Id') ?? '',
  });
}

/**
 * Uploads files to a file endpoint through the console (XMLHttpRequest, the one browser API that
 * reports upload progress); `onProgress` gets the fraction sent, 0 to 1. Rejects with an ApiError.
 */
export function uploadFiles(projectId: string, endpointId: string, files: readonly File[], onProgress: (fraction: number) => void): Promise<void> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadUrl(projectId, endpointId));
    xhr.setRequestHeader(H.dashboardUpload, 'upload'); // the console's CSRF guard (docs/console-api.md)
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    xhr.onload = () => (xhr.status === 201 ? resolve() : reject(errorOf(xhr)));
    xhr.onerror = () => reject(errorOf(xhr));
    xhr.send(form);
  });
}
