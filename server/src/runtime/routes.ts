import { Q } from '@rested/shared';
import type { Result } from '../http/result.js';
import type { EndpointRow } from '../storage/rows.js';
import { createRecord } from './actions/create-record.js';
import { deleteFileRecord } from './actions/delete-file-record.js';
import { deleteRecord } from './actions/delete-record.js';
import { downloadFile } from './actions/download-file.js';
import { deleteUser } from './actions/delete-user.js';
import { getCurrentUser } from './actions/get-current-user.js';
import { listOwnSessions } from './actions/list-own-sessions.js';
import { listUsers } from './actions/list-users.js';
import { login } from './actions/login.js';
import { logout } from './actions/logout.js';
import { passwordReset } from './actions/password-reset.js';
import { readRecords } from './actions/read-records.js';
import { register } from './actions/register.js';
import { updateFileRecord } from './actions/update-file-record.js';
import { updateRecord } from './actions/update-record.js';
import { uploadFiles } from './actions/upload-files.js';
import { updateUser } from './actions/update-user.js';
import { verifyEmail } from './actions/verify-email.js';
import type { OperationFlag, RuntimeMethod, RuntimeRequest } from './runtime-request.js';

export type EndpointKind = 'data' | 'auth' | 'files';

/** What users read in messages: "a data endpoint", "works on authentication endpoints". */
export const KIND_NAMES: Record<EndpointKind, string> = { data: 'data', auth: 'authentication', files: 'file' };

export const kindOf = (endpoint: EndpointRow): EndpointKind => (endpoint.auth ? 'auth' : endpoint.files ? 'files' : 'data');

export type Action = (req: RuntimeRequest) => Promise<Result>;

export interface Route {
  kind: EndpointKind;
  method: RuntimeMethod;
  /** The operation flag that must be on; null: none may be (see OPERATION_FLAGS). */
  flag: OperationFlag | null;
  /** Only with a valid master key; such a row wins over its twin without. */
  master?: true;
  action: Action;
}

/**
 * Every operation of the runtime API: endpoint kind × method × operation flag → action. A new
 * endpoint kind or flag is rows here and an action file; a flag without a row is refused (dispatch.ts).
 */
export const ROUTES: readonly Route[] = [
  { kind: 'data', method: 'POST', flag: null, action: createRecord },
  { kind: 'data', method: 'GET', flag: null, action: readRecords },
  { kind: 'data', method: 'PUT', flag: null, action: updateRecord },
  { kind: 'data', method: 'PATCH', flag: null, action: updateRecord },
  { kind: 'data', method: 'DELETE', flag: null, action: deleteRecord },

  { kind: 'files', method: 'POST', flag: null, action: uploadFiles },
  { kind: 'files', method: 'GET', flag: null, action: readRecords },
  { kind: 'files', method: 'GET', flag: Q.fileOnly, action: downloadFile },
  { kind: 'files', method: 'PUT', flag: null, action: updateFileRecord },
  { kind: 'files', method: 'PATCH', flag: null, action: updateFileRecord },
  { kind: 'files', method: 'DELETE', flag: null, action: deleteFileRecord },

  { kind: 'auth', method: 'POST', flag: null, action: register },
  { kind: 'auth', method: 'POST', flag: Q.login, action: login },
  { kind: 'auth', method: 'POST', flag: Q.logout, action: logout },
  { kind: 'auth', method: 'POST', flag: Q.passwordreset, action: passwordReset },
  { kind: 'auth', method: 'POST', flag: Q.verifyemail, action: verifyEmail },
  { kind: 'auth', method: 'GET', flag: null, action: getCurrentUser },
  { kind: 'auth', method: 'GET', flag: null, master: true, action: listUsers },
  { kind: 'auth', method: 'GET', flag: Q.sessions, action: listOwnSessions },
  { kind: 'auth', method: 'PUT', flag: null, action: updateUser },
  { kind: 'auth', method: 'PATCH', flag: null, action: updateUser },
  { kind: 'auth', method: 'DELETE', flag: null, action: deleteUser },
];
