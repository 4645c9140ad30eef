import { newId } from '../ids.js';
import type { SessionStore } from '../storage.js';
import { op, type MongoContext } from './context.js';
import type { SessionDoc } from './documents.js';
import { mapOrNull, toSession } from './mapping.js';
import { userStore } from './users.js';

export function sessionStore(ctx: MongoContext): SessionStore {
  const { models: { sessions }, now } = ctx;
  const users = userStore(ctx);
  const store: SessionStore = {
    async createSession(input) {
      const doc: SessionDoc = {
        _id: input.id ?? newId(),
        projectId: input.projectId,
        endpointId: input.endpointId,
        userId: input.userId,
        createdAt: now(),
        expiresAt: input.expiresAt,
        revokedAt: null,
        lastSeenAt: null,
        userAgent: input.userAgent,
        ip: input.ip,
      };
      await sessions.create(doc);
      return toSession(doc);
    },
    async findSession(id) {
      return mapOrNull(await sessions.findOne({ _id: id }).lean<SessionDoc>(), toSession);
    },
    async findSessionWithUser(id) {
      // Two reads (a $lookup would cost the server more than the second round trip saves).
      const session = await store.findSession(id);
      return session && { session, user: await users.findUserById(session.endpointId, session.userId) };
    },
    async listSessions(endpointId, userId) {
      const docs = await sessions.find({ userId, endpointId }).sort({ createdAt: 1, _id: 1 }).lean<SessionDoc[]>();
      return docs.map(toSession);
    },
    async revokeSession(id) {
      const result = await sessions.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: now() } });
      return result.modifiedCount > 0;
    },
    async revokeUserSessions(userId, options) {
      const except = options?.exceptId === undefined ? {} : { _id: op({ $ne: options.exceptId }) };
      const result = await sessions.updateMany({ userId, revokedAt: null, ...except }, { $set: { revokedAt: now() } });
      return result.modifiedCount;
    },
    async touchSession(id, at, everyMs) {
      const stale = new Date(at.getTime() - everyMs);
      // A session never seen counts from its creation, as lastSeenAt reads it.
      const notSeenSince = [{ lastSeenAt: op({ $lt: stale }) }, { lastSeenAt: null, createdAt: op({ $lt: stale }) }];
      const result = await sessions.updateOne({ _id: id, $or: notSeenSince }, { $set: { lastSeenAt: at } });
      return result.modifiedCount > 0;
    },
  };
  return store;
}
