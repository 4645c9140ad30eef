import { Schema } from 'mongoose';
import { TRAFFIC_RETENTION_MS, type RequestErrorRow, type TrafficCount } from '../traffic-storage.js';

/** `_id` is `<projectId>|<minute ms>|<key>`: one counter, upserted with $inc by every process. */
export type TrafficCountDoc = TrafficCount & { _id: string };
export type RequestErrorDoc = RequestErrorRow & { _id: string };

type FieldsOf<Doc> = { [K in keyof Doc]-?: unknown };
const key = { type: String, required: true } as const;
const str = { type: String, default: '' } as const;
const date = { type: Date, required: true } as const;
const int = { type: Number, required: true } as const;
const options = (collection: string) => ({ collection, versionKey: false, minimize: false, strict: 'throw', id: false } as const);

export function trafficCountSchema() {
  const schema = new Schema<TrafficCountDoc>(
    { _id: key, projectId: key, minute: date, key, count: int } satisfies FieldsOf<TrafficCountDoc>,
    options('trafficCounts'),
  );
  schema.index({ projectId: 1, minute: 1 });
  // Old minutes go by themselves on MongoDB (dropTrafficBefore does it on SQLite).
  schema.index({ minute: 1 }, { expireAfterSeconds: TRAFFIC_RETENTION_MS / 1000 });
  return schema;
}

export function requestErrorSchema() {
  const schema = new Schema<RequestErrorDoc>(
    {
      _id: key, projectId: key, requestId: key, at: date, method: key, endpoint: str, status: int, reason: key, origin: str,
    } satisfies FieldsOf<RequestErrorDoc>,
    options('requestErrors'),
  );
  schema.index({ projectId: 1, at: -1, _id: -1 });
  return schema;
}
