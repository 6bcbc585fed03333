import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type LeadContact, type LeadEvent, leadBoardProjection, leadStreamId } from '@leadledger/leads';
import { ReadModelDatabase, rebuildProjections } from '@leadledger/projections';
import {
  type CustomerEvent,
  type OwnershipVia,
  type ReleaseReason,
  customerStreamId,
} from '../customer/customer.events';
import { customerDirectoryProjection } from './customer-directory.projection';
import { listCustomers } from './customer-list.query';

const leadOf = (n: number, contact: Partial<LeadContact>): LeadEvent => ({
  type: 'LeadReceived',
  data: {
    leadId: `lead-${n}`,
    channel: 'web-form',
    contact: { name: null, phone: null, email: `c${n}@example.cn`, company: null, ...contact },
    identityKeys: [{ kind: 'email', value: `c${n}@example.cn` }],
    externalId: null,
    receivedBy: null,
    referralPartnerId: null,
    poolId: null,
  },
});

const registered = (n: number): CustomerEvent => ({
  type: 'CustomerRegistered',
  data: {
    customerId: `cust-${n}`,
    keys: [{ kind: 'email', value: `c${n}@example.cn` }],
    firstLeadId: `lead-${n}`,
    firstLeadChannel: 'web-form',
    finderRepId: null,
    registeredAt: '2026-11-02T01:00:00.000Z',
  },
});

const owned = (n: number, repId: string, since: string, via: OwnershipVia = 'pool-rotation'): CustomerEvent => ({
  type: 'OwnershipAssigned',
  data: {
    customerId: `cust-${n}`,
    repId,
    via,
    reason: via === 'claim' ? 'claimed from the shared pool' : 'next in the rotation',
    leadId: via === 'claim' ? null : `lead-${n}`,
    byActorId: null,
    since,
    protectedUntil: '2026-12-31T00:00:00.000Z',
    protectionDays: 30,
    warningDays: 3,
  },
});

const released = (n: number, repId: string, reason: ReleaseReason, at: string): CustomerEvent => ({
  type: 'CustomerReleased',
  data: { customerId: `cust-${n}`, repId, reason, at },
});

/**
 * Five customers in November 2026:
 * cust-1 Wang's (张伟 of 华南贸易有限公司);
 * cust-2 was Wang's, went back to the shared pool on the 9th, and Li claimed it on the 12th (李娜, no company);
 * cust-3 Li gave up on the 20th (东方物流, no name);
 * cust-4 went back to the pool on the 25th when Wang left (王强 of 北方建材);
 * cust-5 never owned by anyone, and its first lead is not on the lead board.
 */
const customers: Record<number, CustomerEvent[]> = {
  1: [registered(1), owned(1, 'rep-wang', '2026-11-02T01:00:00.000Z')],
  2: [
    registered(2),
    owned(2, 'rep-wang', '2026-11-02T01:00:00.000Z'),
    released(2, 'rep-wang', 'protection-expired', '2026-11-09T01:00:00.000Z'),
    owned(2, 'rep-li', '2026-11-12T01:00:00.000Z', 'claim'),
  ],
  3: [
    registered(3),
    owned(3, 'rep-li', '2026-11-02T01:00:00.000Z'),
    released(3, 'rep-li', 'owner-released', '2026-11-20T01:00:00.000Z'),
  ],
  4: [
    registered(4),
    owned(4, 'rep-wang', '2026-11-02T01:00:00.000Z'),
    released(4, 'rep-wang', 'departure', '2026-11-25T01:00:00.000Z'),
  ],
  5: [registered(5)],
};
const leads: LeadEvent[] = [
  leadOf(1, { name: '张伟', company: '华南贸易有限公司' }),
  leadOf(2, { name: '李娜' }),
  leadOf(3, { company: '东方物流' }),
  leadOf(4, { name: '王强', company: '北方建材' }),
];

describe('customer list: the shared pool and a rep’s customers', () => {
  const dir = tempDirectory('leadledger-customer-list');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const lead of leads) {
      const stored = { ...anEvent(lead.type), data: lead.data as never };
      await store.appendToStream(leadStreamId(lead.data.leadId), [stored], { expectedRevision: 'no_stream' });
    }
    for (const [n, events] of Object.entries(customers)) {
      const asStored = events.map((e) => ({ ...anEvent(e.type), data: e.data as never }));
      await store.appendToStream(customerStreamId(`cust-${n}`), asStored, { expectedRevision: 'no_stream' });
    }
    await rebuildProjections(store, readModels, [leadBoardProjection, customerDirectoryProjection]);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  const list = (filter: { status?: 'released' | 'owned'; ownerId?: string; limit?: number; offset?: number }) =>
    listCustomers(readModels.db, { limit: 20, offset: 0, ...filter });
  const ids = (filter: Parameters<typeof list>[0]) => list(filter).items.map((c) => c.customerId);

  it('shows the shared pool newest release first, with when, why and from whom, and its name from the first lead', () => {
    // cust-4 (released the 25th) before cust-3 (the 20th); cust-2 was released too but Li owns it now.
    expect(list({ status: 'released' })).toEqual({
      items: [
        {
          customerId: 'cust-4',
          name: '王强',
          company: '北方建材',
          ownerId: null,
          protectedUntil: null,
          warned: false,
          releasedAt: '2026-11-25T01:00:00.000Z',
          releaseReason: 'departure',
          formerOwnerId: 'rep-wang',
        },
        {
          customerId: 'cust-3',
          name: null,
          company: '东方物流',
          ownerId: null,
          protectedUntil: null,
          warned: false,
          releasedAt: '2026-11-20T01:00:00.000Z',
          releaseReason: 'owner-released',
          formerOwnerId: 'rep-li',
        },
      ],
      total: 2,
      limit: 20,
      offset: 0,
      nextOffset: null,
    });
  });

  it('lists the owned customers by customer id, with no release shown once someone owns it again', () => {
    const page = list({ status: 'owned' });
    expect(page.items.map((c) => c.customerId)).toEqual(['cust-1', 'cust-2']);
    expect(page.total).toBe(2);
    // cust-2 went back to the pool on the 9th, but Li claimed it: nothing of that release is shown.
    expect(page.items[1]).toEqual({
      customerId: 'cust-2',
      name: '李娜',
      company: null,
      ownerId: 'rep-li',
      protectedUntil: '2026-12-31T00:00:00.000Z',
      warned: false,
      releasedAt: null,
      releaseReason: null,
      formerOwnerId: null,
    });
  });

  it('lists a rep’s own customers, and the customers released from a rep', () => {
    // Wang owns cust-1 now; cust-2 and cust-4 were released from Wang, but only cust-4 is still in the pool.
    expect(ids({ status: 'owned', ownerId: 'rep-wang' })).toEqual(['cust-1']);
    expect(ids({ ownerId: 'rep-wang' })).toEqual(['cust-1']);
    expect(ids({ ownerId: 'rep-li' })).toEqual(['cust-2']);
    expect(ids({ status: 'released', ownerId: 'rep-wang' })).toEqual(['cust-4']);
    expect(ids({ status: 'released', ownerId: 'rep-li' })).toEqual(['cust-3']);
    expect(list({ status: 'released', ownerId: 'rep-zhao' })).toMatchObject({ items: [], total: 0, nextOffset: null });
  });

  it('lists every customer without a filter, the never-owned one too, nameless when its lead is not on the board', () => {
    expect(ids({})).toEqual(['cust-1', 'cust-2', 'cust-3', 'cust-4', 'cust-5']);
    expect(list({ offset: 4 }).items).toEqual([
      {
        customerId: 'cust-5',
        name: null,
        company: null,
        ownerId: null,
        protectedUntil: null,
        warned: false,
        releasedAt: null,
        releaseReason: null,
        formerOwnerId: null,
      },
    ]);
  });

  it('pages with the offset of the next page, null on the last', () => {
    // 5 customers, 2 a page: offsets 0, 2 and 4; the page at 2 ends at 2 + 2 = 4, the page at 4 at 4 + 1 = 5 = total.
    expect(list({ limit: 2, offset: 0 })).toMatchObject({ total: 5, limit: 2, offset: 0, nextOffset: 2 });
    const middle = list({ limit: 2, offset: 2 });
    expect(middle.items.map((c) => c.customerId)).toEqual(['cust-3', 'cust-4']);
    expect(middle).toMatchObject({ total: 5, offset: 2, nextOffset: 4 });
    expect(list({ limit: 2, offset: 4 })).toMatchObject({ total: 5, offset: 4, nextOffset: null });
    // A page that ends exactly at the total: 2 released, 2 a page.
    expect(list({ status: 'released', limit: 2 })).toMatchObject({ total: 2, nextOffset: null });
  });
});
