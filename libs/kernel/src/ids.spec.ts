import fc from 'fast-check';
import { z } from 'zod';
import { idFromSeed, randomIds, sequentialIds } from './ids';

/** RFC 9562: version nibble 5, variant bits 10xx. */
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids derived from a seed', () => {
  it('are the same for the same seed and differ between seeds', () => {
    expect(idFromSeed('web-form:order-1001')).toBe(idFromSeed('web-form:order-1001'));
    expect(idFromSeed('web-form:order-1001')).not.toBe(idFromSeed('web-form:order-1002'));
  });

  it('are the standard UUIDv5 of the seed in the leadledger namespace', () => {
    // Known answer, computed independently: python3 -c "import uuid;
    // print(uuid.uuid5(uuid.UUID('d1e53616-859f-4a70-9134-7e2ea8bffc92'), 'web-form:order-1001'))"
    expect(idFromSeed('web-form:order-1001')).toBe('cf5876d6-818e-5764-b64d-7208d0a75731');
  });

  it('hash the seed as UTF-8, so a name in any script names the same id as elsewhere', () => {
    // python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('d1e53616-859f-4a70-9134-7e2ea8bffc92'),
    // 'lead:external:王小明-Zoë'))"
    expect(idFromSeed('lead:external:王小明-Zoë')).toBe('bff03e07-a91c-5d41-8014-7fec5c9aa36b');
  });

  it('pass strict UUID validation, variant bits included, for any seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const id = idFromSeed(seed);
        expect(id).toMatch(UUID_V5);
        expect(z.uuid().safeParse(id).success).toBe(true);
      }),
    );
  });
});

describe('random ids', () => {
  it('are version 4 UUIDs, a new one each time', () => {
    const [a, b] = [randomIds.next(), randomIds.next()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe('sequential ids for tests', () => {
  it('count up from 1 after the prefix', () => {
    const ids = sequentialIds('lead');
    expect([ids.next(), ids.next(), ids.next()]).toEqual(['lead-1', 'lead-2', 'lead-3']);
  });

  it('are prefixed "id" unless told otherwise, each source counting on its own', () => {
    const ids = sequentialIds();
    expect(ids.next()).toBe('id-1');
    expect(sequentialIds().next()).toBe('id-1');
    expect(ids.next()).toBe('id-2');
  });
});
