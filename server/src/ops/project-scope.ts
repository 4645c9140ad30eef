import type { TransferKind } from '../storage/storage.js';

/**
 * What a project's export may hold: its owner, itself, and rows of its own alone. A file made by
 * `export --project` can come from someone else (a project's owner moving it to your install),
 * so import holds it to this: no row may carry another project's id, refer to an endpoint or
 * user the file does not hold, or be an owner other than the project's. Answers the problem
 * with a row, or null.
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
    if (row.projectId !== this.projectId) return `the row belongs to another project than ${this.projectId}`;
    if (kind === 'endpoints') {
      this.endpoints.add(String(row.id));
      return null;
    }
    if (!refersTo(this.endpoints, row.endpointId)) return 'the row\'s endpoint is not in the file';
    if (kind === 'users') this.users.add(String(row.uniqueId));
    if (kind === 'sessions' && !refersTo(this.users, row.userId)) return 'the session\'s user is not in the file';
    if (kind === 'records' && row.creatorId !== null && !refersTo(this.users, row.creatorId)) return 'the record\'s creator is not in the file';
    return null;
  }
}
