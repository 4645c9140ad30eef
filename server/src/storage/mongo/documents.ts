import type { AccessOptions } from '@rested/shared';
import type { SortableValue } from './sortable.js';

/*
 * Document shapes as stored in MongoDB. Every `_id` is a 32-hex string from newId().
 *
 * Records and users keep their JSON `data` twice:
 * - `dataJson`: the exact JSON text. It is the only source a row's `data` is read from, so any
 *   key (`__proto__`, `constructor`, `a.b`, `$x`, `_bsontype`) round-trips byte for byte.
 * - `sortable`: a sanitized copy used only to sort by `data.<path>` (see sortable.ts).
 */

export interface OwnerDoc {
  _id: string;
  email: string;
  emailLower: string;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

export interface OwnerSessionDoc {
  _id: string;
  ownerId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface ProjectDoc {
  _id: string;
  ownerId: string;
  name: string;
  apiKey: string;
  allowedOrigins: string[];
  disallowNoOrigin: boolean;
  masterKeyHash: string | null;
  tokenTtlSeconds: number;
  jwtSecret: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EndpointDoc {
  _id: string;
  projectId: string;
  name: string;
  description: string;
  auth: boolean;
  secure: boolean;
  access: AccessOptions;
  createdAt: Date;
  updatedAt: Date;
}

/** The two stored forms of a JSON `data` value. */
export interface DataFields {
  dataJson: string;
  sortable: SortableValue;
}

export interface RecordDoc extends DataFields {
  _id: string;
  projectId: string;
  endpointId: string;
  creatorId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserDoc extends DataFields {
  _id: string;
  projectId: string;
  endpointId: string;
  usernameLower: string | null;
  emailLower: string | null;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionDoc {
  _id: string;
  projectId: string;
  endpointId: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userAgent: string;
  ip: string;
}
