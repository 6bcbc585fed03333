import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** Members in reverse order at every level: canonical JSON must not see the difference. */
function reordered(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reordered);
  const members = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(members)
      .reverse()
      .map((key) => [key, reordered(members[key])]),
  );
}

describe('canonicalJson over any JSON value', () => {
  it('reads back as the same value JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on member order, and is its own canonical form', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reordered(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
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
        const readBack: unknown = JSON.parse(JSON.stringify(input));
        expect(canonicalJson(input)).toBe(canonicalJson(readBack));
      }),
    );
  });
});
