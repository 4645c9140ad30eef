import type { AuditEventRow } from '../audit-rows.js';
import type { EmailSettingsRow, EmailTemplateRow, OneTimeTokenRow } from '../email-rows.js';
import type { EndpointRow, OwnerRow, OwnerSessionRow, ProjectRow, RecordRow, SessionRow, UserRow } from '../rows.js';
import type { SortableValue } from './sortable.js';

/*
 * Document shapes as stored in MongoDB: the storage rows (rows.ts) with `_id` for their id, and
 * what only the database needs. Every `_id` is a 32-hex string from newId(). The fields of each
 * collection are declared in schemas.ts.
 *
 * Records and users keep their JSON `data` twice:
 * - `dataJson`: the exact JSON text. It is the only source a row's `data` is read from, so any
 *   key (`__proto__`, `constructor`, `a.b`, `$x`, `_bsontype`) round-trips byte for byte.
 * - `sortable`: a sanitized copy used only to sort by `data.<path>` (see sortable.ts).
 * - `queryable`: a sanitized copy used only by `where` filters (see queryable.ts).
 */

/** A row whose `id` is stored as `_id`. */
type WithMongoId<Row extends { id: string }> = Omit<Row, 'id'> & { _id: string };

/** A row whose `uniqueId` is stored as `_id` and whose `data` is stored as DataFields. */
type WithStoredData<Row extends { uniqueId: string; data: unknown }> = Omit<Row, 'uniqueId' | 'data'> & { _id: string } & DataFields;

/** The stored forms of a JSON `data` value. */
export interface DataFields {
  dataJson: string;
  sortable: SortableValue;
  /** A QueryableValue (queryable.ts), typed flat: mongoose's schema types do not take a recursive type. */
  queryable: object | string | number | boolean | null;
}

/** `emailLower` carries the unique index that makes owner emails case-insensitive. */
export type OwnerDoc = WithMongoId<OwnerRow> & { emailLower: string };
export type OwnerSessionDoc = WithMongoId<OwnerSessionRow>;
export type ProjectDoc = WithMongoId<ProjectRow>;
export type EndpointDoc = WithMongoId<EndpointRow>;
/** `blobBytes`: the size of the record's file in GridFS (file endpoints), counted in the project's usage. */
export type RecordDoc = WithStoredData<RecordRow> & { blobBytes: number };
export type UserDoc = WithStoredData<UserRow>;
/** `lastSeenAt` null until touched (read as createdAt). */
export type SessionDoc = Omit<WithMongoId<SessionRow>, 'lastSeenAt'> & { lastSeenAt: Date | null };
/** One per project: `_id` is the project's id. */
export type EmailSettingsDoc = Omit<EmailSettingsRow, 'projectId'> & { _id: string };
/** `_id` is `<projectId>/<name>`. */
export type EmailTemplateDoc = EmailTemplateRow & { _id: string };
/** `_id` is the token's hash. */
export type OneTimeTokenDoc = Omit<OneTimeTokenRow, 'tokenHash'> & { _id: string };
/** `details` kept as JSON text, like record data, so any key round-trips. */
export type AuditEventDoc = Omit<WithMongoId<AuditEventRow>, 'details'> & { detailsJson: string };
