import type { JsonValue, RecordEnvelope } from '@rested/shared';

function field(data: JsonValue, name: string): string | null {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const value = data[name];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

/** How to call a user record: username, else email, else its id. */
export function userLabel(record: RecordEnvelope): string {
  return field(record.data, 'username') ?? field(record.data, 'email') ?? record.uniqueId;
}

/** One-line JSON preview, cut to `max` characters. */
export function preview(data: JsonValue, max = 90): string {
  const text = JSON.stringify(data) ?? '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
