import { Q, STRATEGIES, type JsonValue, type Strategy } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { requireStorable } from '../http/body.js';
import { queryValue, type RuntimeRequest } from './runtime-request.js';

type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Sets an own property even for keys like `__proto__`, which plain assignment would turn into a prototype change. */
function define(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON Merge Patch (RFC 7396): objects merge deeply, null deletes a key, anything else replaces. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = {};
  if (isJsonObject(target)) for (const key of Object.keys(target)) define(result, key, target[key]!);
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) delete result[key];
    else define(result, key, mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

export function parseStrategy(value: string | undefined, fallback: Strategy = 'force'): Strategy {
  if (value === undefined || value === '') return fallback;
  const strategy = value.toLowerCase();
  if (!(STRATEGIES as readonly string[]).includes(strategy)) {
    throw apiError('invalid_strategy', `strategy must be one of ${STRATEGIES.join(', ')} (got "${value.slice(0, 50)}").`);
  }
  return strategy as Strategy;
}

/**
 * The strategy of an update: PUT takes `strategy` (default force); PATCH always merges, and a
 * PATCH naming another strategy is refused rather than silently ignored.
 */
export function updateStrategy(req: RuntimeRequest): Strategy {
  const value = queryValue(req, Q.strategy);
  if (req.method !== 'PATCH') return parseStrategy(value, 'force');
  const strategy = parseStrategy(value, 'merge');
  if (strategy !== 'merge') throw apiError('invalid_strategy', `PATCH always merges; use PUT for strategy=${strategy}.`);
  return strategy;
}

/**
 * The new value of a record under `strategy`: force replaces, merge patches objects, replace keeps
 * the JSON type. Force and replace answer the body itself, already held to the body's limits; a
 * merge's result is held to them too (`limitBytes`, MAX_VALUES: 413), so repeated merges cannot
 * grow a record past what one body may carry.
 */
export function applyStrategy(current: JsonValue, incoming: JsonValue, strategy: Strategy, limitBytes: number): JsonValue {
  if (strategy === 'merge') {
    if (!isJsonObject(current) || !isJsonObject(incoming)) {
      throw apiError('type_mismatch', `strategy=merge needs an object on both sides (stored: ${jsonType(current)}, sent: ${jsonType(incoming)}).`);
    }
    const merged = mergePatch(current, incoming);
    requireStorable(merged, limitBytes);
    return merged;
  }
  if (strategy === 'replace' && jsonType(current) !== jsonType(incoming)) {
    throw apiError('type_mismatch', `strategy=replace needs the same JSON type (stored: ${jsonType(current)}, sent: ${jsonType(incoming)}).`);
  }
  return incoming;
}
