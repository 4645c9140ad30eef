import type { JsonValue, Reason } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import type { ConsoleRequest } from './console-request.js';

export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body, which must be a JSON object. */
export async function readObject(req: ConsoleRequest): Promise<JsonObject> {
  const body = await req.readBody();
  if (!isJsonObject(body)) throw apiError('invalid_body', 'The request body must be a JSON object.');
  return body;
}

/** One problem with one input field. */
export interface Problem {
  field: string;
  reason: Reason;
  message: string;
}

/**
 * Collects every problem with a body, so one answer can name all the bad fields: the reason is
 * the first problem's, `error.fields` maps each field to its message.
 */
export class Problems {
  private readonly list: Problem[] = [];

  add(field: string, reason: Reason, message: string): void {
    if (!this.list.some((p) => p.field === field)) this.list.push({ field, reason, message });
  }

  throwIfAny(): void {
    const [first] = this.list;
    if (!first) return;
    const fields = Object.fromEntries(this.list.map((p) => [p.field, p.message]));
    throw apiError(first.reason, this.list.map((p) => p.message).join(' '), { fields });
  }
}

/** A boolean field: absent → undefined; anything but true/false is a problem. */
export function optionalBoolean(body: JsonObject, field: string, problems: Problems): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    problems.add(field, 'validation_failed', `${field} must be true or false.`);
    return undefined;
  }
  return value;
}

/** A string field of at most `max` characters: absent → undefined. */
export function optionalString(body: JsonObject, field: string, max: number, problems: Problems): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) {
    problems.add(field, 'validation_failed', `${field} must be a string of at most ${max} characters.`);
    return undefined;
  }
  return value;
}
