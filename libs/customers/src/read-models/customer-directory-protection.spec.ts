import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type CustomerEvent, type OwnershipAssigned, customerStreamId } from '../customer/customer.events';
import { customerDirectoryProjection } from './customer-directory.projection';
import { customersDueForRelease, customersDueForWarning, customersOwnedBy } from './customer-directory.query';

const registered = (customerId: string): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: {
    customerId,
    keys: [{ kind: 'email', value: `${customerId}@example.cn` }],
    firstLeadId: `lead-${customerId}`,
    firstLeadChannel: 'web-form',
    finderRepId: null,
    registeredAt: '2026-11-01T00:00:00.000Z',
  },
});

const owned = (
  customerId: string,
  repId: string,
  since: string,
  protectedUntil: string,
  policy: { protectionDays: number; warningDays: number },
): OwnershipAssigned => ({
  type: 'OwnershipAssigned',
  data: {
    customerId,
    repId,
    via: 'pool-rotation',
    reason: 'next in the rotation',
    leadId: `lead-${customerId}`,
    byActorId: null,
    since,
    protectedUntil,
    ...policy,
  },
});

const DEFAULT_POLICY = { protectionDays: 30, warningDays: 3 };
const POOL_POLICY = { protectionDays: 7, warningDays: 2 };

/** Five customers, each in a different place of its protection window. */
const streams: Record<string, CustomerEvent[]> = {
  // Wang: protected to 1 Dec, warning due from 28 Nov.
  'cust-a': [
    registered('cust-a'),
    owned('cust-a', 'rep-wang', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', DEFAULT_POLICY),
  ],
  // Li under the pool's policy: protected to 9 Nov, warning due from 7 Nov and already issued.
  'cust-b': [
    registered('cust-b'),
    owned('cust-b', 'rep-li', '2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z', POOL_POLICY),
    {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: 'cust-b',
        repId: 'rep-li',
        protectedUntil: '2026-11-09T00:00:00.000Z',
        at: '2026-11-07T00:00:00.000Z',
      },
    },
  ],
  // Wang, warned, then a follow-up on 29 Nov opened a new window to 29 Dec (warning from 26 Dec).
  'cust-c': [
    registered('cust-c'),
    owned('cust-c', 'rep-wang', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', DEFAULT_POLICY),
    {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: 'cust-c',
        repId: 'rep-wang',
        protectedUntil: '2026-12-01T00:00:00.000Z',
        at: '2026-11-28T00:00:00.000Z',
      },
    },
    {
      type: 'FollowUpLogged',
      data: {
        customerId: 'cust-c',
        repId: 'rep-wang',
        kind: 'visit',
        note: 'came to the showroom',
        at: '2026-11-29T00:00:00.000Z',
        protectedUntil: '2026-12-29T00:00:00.000Z',
      },
    },
  ],
  // Released to the shared pool: nobody to warn or release.
  'cust-d': [
    registered('cust-d'),
    owned('cust-d', 'rep-li', '2026-11-01T00:00:00.000Z', '2026-11-08T00:00:00.000Z', POOL_POLICY),
    {
      type: 'CustomerReleased',
      data: { customerId: 'cust-d', repId: 'rep-li', reason: 'protection-expired', at: '2026-11-08T00:00:00.000Z' },
    },
  ],
  // Never owned.
  'cust-e': [registered('cust-e')],
  // Wang, warned, then assigned to Zhao on 30 Nov under the pool's policy: a window to 20 Jan, warning from 18 Jan.
  'cust-f': [
    registered('cust-f'),
    owned('cust-f', 'rep-wang', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', DEFAULT_POLICY),
    {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: 'cust-f',
        repId: 'rep-wang',
        protectedUntil: '2026-12-01T00:00:00.000Z',
        at: '2026-11-28T00:00:00.000Z',
      },
    },
    owned('cust-f', 'rep-zhao', '2026-11-30T00:00:00.000Z', '2027-01-20T00:00:00.000Z', POOL_POLICY),
  ],
  // Qian: protected to 3 Mar 2027, warned only on 5 Mar (nothing ran in the window), so protected to 8 Mar.
  'cust-g': [
    registered('cust-g'),
    owned('cust-g', 'rep-qian', '2027-02-01T00:00:00.000Z', '2027-03-03T00:00:00.000Z', DEFAULT_POLICY),
    {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: 'cust-g',
        repId: 'rep-qian',
        protectedUntil: '2027-03-08T00:00:00.000Z',
        at: '2027-03-05T00:00:00.000Z',
        extendedFrom: '2027-03-03T00:00:00.000Z',
      },
    },
  ],
};

describe('customer directory: protection due and customers by owner', () => {
  const dir = tempDirectory('leadledger-customer-protection');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [customerId, events] of Object.entries(streams)) {
      const asStored = events.map((e) => ({ ...anEvent(e.type), data: e.data as never }));
      await store.appendToStream(customerStreamId(customerId), asStored, { expectedRevision: 'no_stream' });
    }
    await rebuildProjection(store, readModels, customerDirectoryProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  const ids = (rows: { customerId: string }[]) => rows.map((row) => row.customerId);

  it('finds nobody to warn before any warning threshold', () => {
    expect(customersDueForWarning(readModels.db, '2026-11-06T23:59:59.999Z')).toEqual([]);
  });

  it('finds the owner to warn from the threshold of their own policy, with when protection ends', () => {
    expect(customersDueForWarning(readModels.db, '2026-11-28T00:00:00.000Z')).toEqual([
      { customerId: 'cust-a', repId: 'rep-wang', protectedUntil: '2026-12-01T00:00:00.000Z' },
    ]);
  });

  it('does not warn twice in one window, and warns again in the window a follow-up opened', () => {
    expect(ids(customersDueForWarning(readModels.db, '2026-11-08T00:00:00.000Z'))).toEqual([]);
    expect(ids(customersDueForWarning(readModels.db, '2026-12-25T23:59:59.999Z'))).not.toContain('cust-c');
    expect(ids(customersDueForWarning(readModels.db, '2026-12-26T00:00:00.000Z'))).toContain('cust-c');
  });

  it('warns a new owner in the window their assignment opened, though the one before was warned', () => {
    expect(ids(customersDueForWarning(readModels.db, '2027-01-17T23:59:59.999Z'))).not.toContain('cust-f');
    expect(customersDueForWarning(readModels.db, '2027-01-18T00:00:00.000Z')).toContainEqual({
      customerId: 'cust-f',
      repId: 'rep-zhao',
      protectedUntil: '2027-01-20T00:00:00.000Z',
    });
    expect(customersOwnedBy(readModels.db, 'rep-zhao')).toEqual(['cust-f']);
  });

  it('reads a time written with an offset as the instant it names', () => {
    expect(ids(customersDueForWarning(readModels.db, '2026-11-28T08:00:00+08:00'))).toEqual(['cust-a']);
    expect(ids(customersDueForRelease(readModels.db, '2026-11-09T08:00:00+08:00'))).toEqual(['cust-b']);
  });

  it('still lists an owner whose end passed unwarned for the warning, as for the release', () => {
    expect(customersDueForWarning(readModels.db, '2026-12-01T00:00:00.000Z')).toEqual([
      { customerId: 'cust-a', repId: 'rep-wang', protectedUntil: '2026-12-01T00:00:00.000Z' },
    ]);
    expect(customersDueForRelease(readModels.db, '2026-12-01T00:00:00.000Z')).toEqual([
      { customerId: 'cust-b', repId: 'rep-li', protectedUntil: '2026-11-09T00:00:00.000Z' },
      { customerId: 'cust-a', repId: 'rep-wang', protectedUntil: '2026-12-01T00:00:00.000Z' },
    ]);
  });

  it('releases nobody whose protection runs past now, and never a released customer', () => {
    expect(customersDueForRelease(readModels.db, '2026-11-08T23:59:59.999Z')).toEqual([]);
    expect(ids(customersDueForRelease(readModels.db, '2027-01-01T00:00:00.000Z'))).toEqual([
      'cust-b',
      'cust-a',
      'cust-c',
    ]);
  });

  it('moves the end a late warning moved, and releases only from then', () => {
    expect(ids(customersDueForRelease(readModels.db, '2027-03-07T23:59:59.999Z'))).not.toContain('cust-g');
    expect(customersDueForRelease(readModels.db, '2027-03-08T00:00:00.000Z')).toContainEqual({
      customerId: 'cust-g',
      repId: 'rep-qian',
      protectedUntil: '2027-03-08T00:00:00.000Z',
    });
    expect(ids(customersDueForWarning(readModels.db, '2027-03-08T00:00:00.000Z'))).not.toContain('cust-g');
  });

  it('lists the customers a rep owns now', () => {
    expect(customersOwnedBy(readModels.db, 'rep-wang')).toEqual(['cust-a', 'cust-c']);
    expect(customersOwnedBy(readModels.db, 'rep-li')).toEqual(['cust-b']);
    expect(customersOwnedBy(readModels.db, 'rep-zhou')).toEqual([]);
  });
});
