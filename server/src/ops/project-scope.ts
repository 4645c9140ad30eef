import type { TransferKind } from '../storage/storage.js';

/**
 * What a project's export may hold: its owner, itself, and rows of its own alone. A file made by
 * `export --project` can come from someone else (a project's owner moving it to your install),
 * so import holds it to this: no row may carry another project's id, refer to an endpoint or
 * user the file does not hold, or be an owner other than the project's. Answers the problem
 * with a row, or null. A new kind of a project's data needs nothing here when its rows carry
 * `projectId` (and `endpointId`, `userId` or `creatorId` for what they refer to).
 */
export class ProjectScope {
  private readonly owners = new Set<string>();
  private readonly endpoints = new Set<string>();
  private readonly users = new Set<string>();
  private projects = 0;

  constructor(private readonly projectId: string) {}

  problem(kind: TransferKind, row: Record<string, unknown>): string | null {
    const refersTo = (set: Set<string>, id: unknown) => typeof id === 'string' && set.has(id);
    switch (kind) {
      case 'owners':
        this.owners.add(String(row.id));
        return this.owners.size > 1 ? 'a project export holds one owner' : null;
      case 'ownerSessions':
        return 'a project export holds no console sessions';
      case 'projects':
        if (row.id !== this.projectId || ++this.projects > 1) return `a project export holds project ${this.projectId} alone`;
        return refersTo(this.owners, row.ownerId) ? null : 'the project\'s owner is not in the file';
      default:
        break;
    }
    // Every other kind: rows of the project, referring only to endpoints and users of the file.
    if (row.projectId !== this.projectId) return `the row belongs to another project than ${this.projectId}`;
    if (kind === 'endpoints') this.endpoints.add(String(row.id));
    else if ('endpointId' in row && !refersTo(this.endpoints, row.endpointId)) return 'the row\'s endpoint is not in the file';
    if (kind === 'users') this.users.add(String(row.uniqueId));
    for (const field of ['userId', 'creatorId']) {
      if (field in row && row[field] !== null && !refersTo(this.users, row[field])) return `the row's ${field === 'userId' ? 'user' : 'creator'} is not in the file`;
    }
    return null;
  }
}
