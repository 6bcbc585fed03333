import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ALL_PUBLIC_EVENT_TYPES } from '../public-event-types';
import { generateEventSchemas } from './event-schema-generator';

const root = join(__dirname, '..', '..', '..', '..');

describe('the JSON Schemas of the published events', () => {
  const generated = generateEventSchemas(root);

  it('cover every internal event type: each is published or listed as unpublished with its reason', () => {
    expect(generated.unmapped).toEqual([]);
  });

  it('are the ones generated from the TypeScript types now (run `npm run events:schemas` after changing an event)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, 'published-event-schemas.json'), 'utf8'));
    expect(committed).toEqual(generated.schemas);
  });

  it('exist for every published type', () => {
    expect(Object.keys(generated.schemas).sort()).toEqual([...ALL_PUBLIC_EVENT_TYPES].sort());
  });

  it('take an event carrying an optional field added after a consumer built its validator', () => {
    const validate = new Ajv({ strict: false }).compile(generated.schemas['leadledger.customer.released.v1']);
    const released = { customerId: 'c1', repId: 'rep-a', reason: 'owner-released', at: '2026-11-02T00:00:00.000Z' };
    expect(validate(released)).toBe(true);
    expect(validate({ ...released, addedLater: 'an optional field of a later release' })).toBe(true);
    expect(validate({ ...released, reason: 42 })).toBe(false);
  });
});
