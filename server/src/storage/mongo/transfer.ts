import type { Model } from 'mongoose';
import { foldIdentifier } from '../../auth/identifiers.js';
import type { EndpointRow, StoredJson } from '../rows.js';
import type { TransferKind, TransferRows, TransferStore } from '../storage.js';
import { op, type MongoContext } from './context.js';
import type { Models } from './models.js';
import type { RecordDoc } from './documents.js';
import { templateId, toSettings, toTemplate } from './email.js';
import { toEndpoint, toOwner, toOwnerSession, toProject, toRecord, toSession, toUser, WITHOUT_SORTABLE, type Stored } from './mapping.js';
import { syncIndexes } from './indexes.js';
import { toToken } from './one-time-tokens.js';
import { toEvent } from './audit.js';
import { toQueryable } from './queryable.js';
import { toSortable } from './sortable.js';

type Doc = { _id: string } & Record<string, unknown>;
type Filter = Record<string, unknown>;

/** How one kind of row is stored: its collection, the row as a document and back, and what picks a project's rows. */
interface CollectionSpec<Row> {
  model: keyof Models;
  toDoc(row: Row): Doc;
  toRow(doc: never): Row;
  ofProject(projectId: string, models: Models): Promise<Filter>;
}

/** Matches no document. */
const NONE: Filter = { _id: op({ $in: [] }) };
const byProjectId = async (projectId: string): Promise<Filter> => ({ projectId });

/** The row with its `id` as `_id`. */
function withMongoId<Row extends { id: string }>({ id, ...rest }: Row): Doc {
  return { _id: id, ...rest };
}

/** The row with its `uniqueId` as `_id` and its data as the exact text plus the sortable and queryable copies. */
function withStoredData<Row extends { uniqueId: string; data: unknown; dataJson?: StoredJson }>(row: Row): Doc {
  const { uniqueId, data, ...rest } = row;
  const dataJson = row.dataJson === undefined ? JSON.stringify(data) : row.dataJson.toString();
  return { _id: uniqueId, ...rest, dataJson, sortable: toSortable(data as never), queryable: toQueryable(data as never) };
}

/** Every kind, one collection each. A new kind of data is one entry here. */
const COLLECTIONS: { [K in TransferKind]: CollectionSpec<TransferRows[K]> } = {
  owners: {
    model: 'owners', toRow: toOwner,
    toDoc: (row) => ({ ...withMongoId(row), emailLower: foldIdentifier(row.email) }),
    async ofProject(projectId, models) {
      const project = await models.projects.findOne({ _id: projectId }, { ownerId: 1 }).lean<{ ownerId: string }>();
      return project ? { _id: project.ownerId } : NONE;
    },
  },
  ownerSessions: { model: 'ownerSessions', toRow: toOwnerSession, toDoc: withMongoId, ofProject: async () => NONE },
  projects: { model: 'projects', toRow: toProject, toDoc: withMongoId, ofProject: async (projectId) => ({ _id: projectId }) },
  endpoints: { model: 'endpoints', toRow: toEndpoint, toDoc: withMongoId, ofProject: byProjectId },
  users: { model: 'users', toRow: toUser, toDoc: withStoredData, ofProject: byProjectId },
  sessions: { model: 'sessions', toRow: toSession, toDoc: withMongoId, ofProject: byProjectId },
  records: {
    model: 'records', toDoc: withStoredData, ofProject: byProjectId,
    toRow: (doc: Stored<RecordDoc>) => Object.assign(toRecord(doc), { blobBytes: doc.blobBytes ?? 0 }),
  },
  emailSettings: {
    model: 'emailSettings', toRow: toSettings, ofProject: async (projectId) => ({ _id: projectId }),
    toDoc: ({ projectId, ...rest }) => ({ _id: projectId, ...rest }),
  },
  emailTemplates: {
    model: 'emailTemplates', toRow: toTemplate, ofProject: byProjectId,
    toDoc: (row) => ({ _id: templateId(row.projectId, row.name), ...row }),
  },
  oneTimeTokens: {
    model: 'oneTimeTokens', toRow: toToken, ofProject: byProjectId,
    toDoc: ({ tokenHash, ...rest }) => ({ _id: tokenHash, ...rest }),
  },
  auditEvents: {
    model: 'auditEvents', toRow: toEvent, ofProject: byProjectId,
    toDoc: ({ id, details, ...rest }) => ({ _id: id, ...rest, detailsJson: JSON.stringify(details) }),
  },
};

/** The database indexes an endpoint declares (indexes.ts), for endpoints just written whole. */
async function buildDeclaredIndexes(models: Models, endpoints: readonly EndpointRow[]): Promise<void> {
  for (const endpoint of endpoints) await syncIndexes(endpoint.auth ? models.users : models.records, endpoint.id, [], endpoint.indexes);
}

export function transferStore({ models }: MongoContext): TransferStore {
  const specOf = <K extends TransferKind>(kind: K) => COLLECTIONS[kind] as unknown as CollectionSpec<TransferRows[K]>;
  const modelOf = (kind: TransferKind) => models[COLLECTIONS[kind].model] as unknown as Model<Doc>;
  const filterOf = async (kind: TransferKind, projectId: string | undefined): Promise<Filter> =>
    projectId === undefined ? {} : COLLECTIONS[kind].ofProject(projectId, models);

  return {
    async scanRows(kind, { after, limit, projectId }) {
      const picked = await filterOf(kind, projectId);
      const filter = after === undefined ? picked : op({ $and: [picked, { _id: op({ $gt: after }) }] });
      const docs = await modelOf(kind).find(filter, WITHOUT_SORTABLE).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((doc) => specOf(kind).toRow(doc as never));
    },
    async putRows(kind, rows) {
      if (rows.length === 0) return 0;
      const spec = specOf(kind);
      // In order, stopping at the first failure; a document whose _id exists is left as it is.
      const result = await modelOf(kind).bulkWrite(
        rows.map((row) => {
          // The inserted document takes its _id from the filter.
          const { _id, ...fields } = spec.toDoc(row);
          return { updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } };
        }),
        { ordered: true },
      );
      if (kind === 'endpoints') await buildDeclaredIndexes(models, rows.filter((_, i) => result.upsertedIds[i] !== undefined) as EndpointRow[]);
      return result.upsertedCount;
    },
    async countRows(kind, projectId) {
      return modelOf(kind).countDocuments(await filterOf(kind, projectId));
    },
  };
}
