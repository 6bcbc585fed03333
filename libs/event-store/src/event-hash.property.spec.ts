import fc from 'fast-check';
import { canonicalJson } from '@leadledger/kernel';
import type { JsonValue } from './stored-event';

/** Members in reverse order at every level: canonical JSON must not see the difference. */
function reordered(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reordered);
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reordered(value[key])]),
  );
}

describe('canonicalJson over any JSON value', () => {
  it('reads back as the same value JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as JsonValue;
        expect(JSON.parse(canonicalJson(json))).toEqual(JSON.parse(JSON.stringify(json)));
      }),
    );
  });

  it('does not depend on member order, and is its own canonical form', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as JsonValue;
        const text = canonicalJson(json);
        expect(canonicalJson(reordered(json))).toBe(text);
        expect(canonicalJson(JSON.parse(text) as JsonValue)).toBe(text);
      }),
    );
  });

  it('writes any value JSON.stringify accepts as the canonical form of what that reads back as', () => {
    // Dates (toJSON), undefined members and array holes: the SQLite store hashes values as given, not as read back.
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.date({ noInvalidDate: true }),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (input) => {
        const readBack = JSON.parse(JSON.stringify(input)) as JsonValue;
        expect(canonicalJson(input as JsonValue)).toBe(canonicalJson(readBack));
      }),
    );
  });
});
