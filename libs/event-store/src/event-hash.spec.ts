import { createHash } from 'node:crypto';
import { canonicalJson } from '@leadledger/kernel';
import { type HashedEvent, eventHash } from './event-hash';

/** The worked example of docs/operations.md "Tamper evidence": the first event of a chain. */
const workedExample: HashedEvent = {
  position: 1n,
  streamId: 'lead-7c2e',
  revision: 0n,
  id: '0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a70',
  type: 'LeadReceived',
  data: { receivedBy: 'rep-li', channel: 'walk-in', phone: '+8613800138000' },
  metadata: {
    actorId: 'rep-li',
    actorRole: 'rep',
    reason: null,
    occurredAt: '2026-11-02T09:30:00.000Z',
    recordedAt: '2026-11-02T09:30:00.125Z',
    correlationId: 'corr-1',
    causationId: null,
    idempotencyKey: null,
    schemaVersion: 1,
  },
};

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
    const value = { a: 1, b: undefined } as unknown as Parameters<typeof canonicalJson>[0];
    expect(canonicalJson(value)).toBe('{"a":1}');
  });

  it('refuses a number JSON cannot write', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError);
  });
});

describe('eventHash', () => {
  it('hashes the worked example: the first event of a chain, previousHash null', () => {
    expect(eventHash(workedExample, null)).toBe('294055d6ad33c718fb056680047b390c6e11f6886462465f30a59b5795925105');
  });

  it('is SHA-256 of the canonical link, as docs/operations.md writes it out', () => {
    const text =
      '{"data":{"channel":"walk-in","phone":"+8613800138000","receivedBy":"rep-li"},' +
      '"id":"0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a70",' +
      '"metadata":{"actorId":"rep-li","actorRole":"rep","causationId":null,"correlationId":"corr-1",' +
      '"idempotencyKey":null,"occurredAt":"2026-11-02T09:30:00.000Z","reason":null,' +
      '"recordedAt":"2026-11-02T09:30:00.125Z","schemaVersion":1},' +
      '"position":"1","previousHash":null,"revision":"0","streamId":"lead-7c2e","type":"LeadReceived"}';
    expect(eventHash(workedExample, null)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('chains: the same event after another hash, and any changed field, hash differently', () => {
    const first = eventHash(workedExample, null);
    const variants: HashedEvent[] = [
      { ...workedExample, position: 2n },
      { ...workedExample, revision: 1n },
      { ...workedExample, streamId: 'lead-7c2f' },
      { ...workedExample, id: '0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a71' },
      { ...workedExample, type: 'LeadRejected' },
      { ...workedExample, data: { ...workedExample.data, receivedBy: 'rep-wang' } },
      { ...workedExample, metadata: { ...workedExample.metadata, recordedAt: '2026-11-02T09:30:00.126Z' } },
    ];
    const hashes = new Set([first, eventHash(workedExample, first), ...variants.map((v) => eventHash(v, null))]);
    expect(hashes.size).toBe(variants.length + 2);
  });

  it('does not depend on the order of members in data or metadata', () => {
    const reordered = { ...workedExample, data: { phone: '+8613800138000', channel: 'walk-in', receivedBy: 'rep-li' } };
    expect(eventHash(reordered, null)).toBe(eventHash(workedExample, null));
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
