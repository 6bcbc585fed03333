import { sameJson } from './canonical-json';

describe('sameJson', () => {
  it('is the same JSON whatever the order of the members, at any depth', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
  });

  it('leaves out members JSON leaves out, and compares a Date as its ISO string', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ at: new Date('2026-11-30T09:00:00.000Z') }, { at: '2026-11-30T09:00:00.000Z' })).toBe(true);
  });

  it('tells apart values, array orders, and a member from its absence', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });

  it('compares NaN and Infinity as the null JSON writes for them, rather than throw', () => {
    expect(sameJson({ n: Number.NaN }, { n: null })).toBe(true);
    expect(sameJson({ n: Number.POSITIVE_INFINITY }, { n: 0 })).toBe(false);
  });
});
