import type { Endpoint, Owner, Project, SessionInfo } from '@rested/shared';
import type { EndpointRow, OwnerRow, ProjectRow, SessionRow } from '../storage/rows.js';

/*
 * Rows → wire JSON. Each field is listed explicitly, so hashes and secrets (passwordHash,
 * masterKeyHash, jwtSecret, tokenHash) can never leak by accident.
 */

export function ownerJson(row: OwnerRow): Owner {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.createdAt.toISOString() };
}

export function projectJson(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    apiKey: row.apiKey,
    allowedOrigins: [...row.allowedOrigins],
    disallowNoOrigin: row.disallowNoOrigin,
    hasMasterKey: row.masterKeyHash !== null,
    tokenTtlSeconds: row.tokenTtlSeconds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function endpointJson(row: EndpointRow, recordCount: number): Endpoint {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    description: row.description,
    auth: row.auth,
    files: row.files,
    maxFileBytes: row.maxFileBytes,
    allowedTypes: [...row.allowedTypes],
    secure: row.secure,
    requireVerifiedEmail: row.requireVerifiedEmail,
    access: { readOthers: row.access.readOthers, updateOthers: row.access.updateOthers, deleteOthers: row.access.deleteOthers },
    indexes: [...row.indexes],
    recordCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function sessionJson(row: SessionRow): SessionInfo {
  return {
    id: row.id,
    user: row.userId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    userAgent: row.userAgent,
    ip: row.ip,
  };
}
