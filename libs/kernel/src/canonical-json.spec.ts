import { canonicalJson, sameJson } from './canonical-json';

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

describe('canonicalJson (RFC 8785)', () => {
  it('writes the RFC 8785 section 3.2.2 sample as the RFC does', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\ud83d\ude00': 'Smiley',
      '\u0080': 'Ctl',
      '\u00f6': 'Latin',
    };
    // Read the values off the text: JSON.parse would move the integer-like name "1" first again.
    const values = [...canonicalJson(input).matchAll(/:"([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['CR', 'One', 'Ctl', 'Latin', 'Euro', 'Smiley', 'Hebrew']);
  });

  it('sorts nested members too and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: 'x' })).toBe('{"a":"x","b":[3,{"a":2,"z":1}]}');
  });

  it('leaves out undefined members as the stored JSON text does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('refuses a number JSON cannot write', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError);
  });
});

describe('canonicalJson strings', () => {
  it('writes every string as JSON.stringify does, escapes and all', () => {
    const strings = [
      'plain',
      'a"b',
      'a\\b',
      'tab\tnew\nline',
      '\u0000\u001f\u007f',
      '\u2028\u2029',
      'é王芳',
      '\ud83d\ude00',
      '\ud800',
      '\udc00x',
      '/',
    ];
    for (const text of strings)
      expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
  });
});
