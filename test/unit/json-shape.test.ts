import { expect } from 'chai';
import type { JsonValue } from '@rested/shared';
import { jsonShapeProblem, MAX_NESTING, MAX_VALUES, shapeScanner } from '@rested/server/testing';

/** A random JSON value: containers and scalars mixed, strings with brackets, commas, quotes and escapes in them. */
function randomJson(depth: number, rand: () => number): JsonValue {
  const r = rand();
  if (depth > 6 || r < 0.35) {
    const scalars: JsonValue[] = [0, -1.5e3, true, false, null, '', 'a,b', '[{"x":1}]', 'q"uote\\\\', 'ünï\u2028'];
    return scalars[Math.floor(rand() * scalars.length)]!;
  }
  const n = Math.floor(rand() * 4);
  if (r < 0.7) return Array.from({ length: n }, () => randomJson(depth + 1, rand));
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i},[{`, randomJson(depth + 1, rand)]));
}

/** Values counted by walking the parsed value (what jsonShapeProblem must equal). */
function countValues(value: JsonValue): number {
  if (value === null || typeof value !== 'object') return 1;
  return 1 + (Array.isArray(value) ? value : Object.values(value)).reduce<number>((n, child) => n + countValues(child), 0);
}

/** How deep arrays and objects nest (the outermost is level 1; a scalar is 0). */
function depthOf(value: JsonValue): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...(Array.isArray(value) ? value : Object.values(value)).map(depthOf));
}

describe('the shape of a JSON body, read from its bytes before parsing', () => {
  it('counts values and depth exactly as the parsed value holds them, on 2,000 random documents, pretty-printed or not', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const value = randomJson(0, rand);
      const values = countValues(value);
      const nesting = depthOf(value);
      for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
        expect(jsonShapeProblem(text, { values, nesting }), text).to.equal(null);
        expect(jsonShapeProblem(text, { values: values - 1, nesting }), text).to.equal('too_many_values');
        if (nesting > 0) expect(jsonShapeProblem(text, { values, nesting: nesting - 1 }), text).to.equal('too_deep');
      }
    }
  });

  it('finds too many values and too deep nesting at the exact bounds, as the parsed value holds them', () => {
    const wide = `[${Array(MAX_VALUES).fill('{}').join(',')}]`;
    expect(jsonShapeProblem(wide)).to.equal('too_many_values');
    expect(countValues(JSON.parse(wide) as JsonValue)).to.equal(MAX_VALUES + 1);
    const justFits = `[${Array(MAX_VALUES - 1).fill('0').join(',')}]`;
    expect(jsonShapeProblem(justFits)).to.equal(null);
    const deep = `${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}`;
    expect(jsonShapeProblem(deep)).to.equal('too_deep');
    expect(jsonShapeProblem(`${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`)).to.equal(null);
  });

  it('answers the same when the bytes arrive in chunks cut anywhere, inside escapes and multi-byte characters too', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const value = randomJson(0, rand);
      const bytes = Buffer.from(JSON.stringify(value));
      for (const [values, expected] of [[countValues(value), null], [countValues(value) - 1, 'too_many_values']] as const) {
        const scanner = shapeScanner({ values, nesting: MAX_NESTING });
        let answer = null;
        for (let at = 0; at < bytes.length; ) {
          const next = Math.min(bytes.length, at + 1 + Math.floor(rand() * 4));
          answer = scanner.push(bytes.subarray(at, next));
          at = next;
        }
        expect(answer, bytes.toString()).to.equal(expected);
      }
    }
  });
});
