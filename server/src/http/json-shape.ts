/** Deeper JSON parses, but then overflows the stack wherever it is serialized or merged (a 500). */
export const MAX_NESTING = 256;

/**
 * JSON values (arrays, objects and scalars, each one) per body. Parsed JSON takes up to about 21
 * times its text in memory (`[{},{},…]`), and a record is parsed again on every read: this bounds
 * one stored record to a few MB of heap whatever its shape (docs/security.md).
 */
export const MAX_VALUES = 100_000;

export type ShapeProblem = 'too_deep' | 'too_many_values';

export interface ShapeLimits {
  values: number;
  nesting: number;
}

/**
 * Reads the shape of JSON from its UTF-8 bytes, chunk by chunk as they arrive, without parsing
 * it: do arrays and objects nest deeper than `nesting` levels (the outermost is level 1), or does
 * it hold more than `values` values? The values are 1 + commas + non-empty containers (outside
 * strings), which is exact for valid JSON (each container of k > 0 children holds k - 1 commas).
 * Bytes are enough: the quote, backslash, brackets and comma are ASCII, and UTF-8 never uses
 * ASCII bytes inside a multi-byte character. For bytes that are not JSON it answers something;
 * JSON.parse then refuses them anyway. Once a problem is found, it stays the answer.
 */
export function shapeScanner(limits: ShapeLimits = { values: MAX_VALUES, nesting: MAX_NESTING }) {
  let depth = 0;
  let values = 1;
  let inString = false;
  let escaped = false; // the last byte was a backslash inside a string (maybe at a chunk's end)
  let justOpened = false;
  let problem: ShapeProblem | null = null;

  function scan(bytes: Uint8Array): ShapeProblem | null {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      const closes = c === 0x5d || c === 0x7d;
      if (justOpened && !closes) values++; // the container just opened is not empty
      justOpened = false;
      if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > limits.nesting) return 'too_deep';
        justOpened = true;
      } else if (closes) depth--;
      else if (c === 0x2c) values++;
      if (values > limits.values) return 'too_many_values';
    }
    return null;
  }

  return {
    /** The next chunk of bytes; the problem found so far, if any. */
    push(bytes: Uint8Array): ShapeProblem | null {
      problem ??= scan(bytes);
      return problem;
    },
  };
}

/** The shape problem of a whole JSON text (see shapeScanner). */
export const jsonShapeProblem = (json: string | Uint8Array, limits?: ShapeLimits): ShapeProblem | null =>
  shapeScanner(limits).push(typeof json === 'string' ? Buffer.from(json) : json);
