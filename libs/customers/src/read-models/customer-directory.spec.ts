import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type CustomerEvent, customerStreamId } from '../customer/customer.events';
import { customerDirectoryProjection } from './customer-directory.projection';
import { findCustomerIdByKey, getCustomer, ownerAsOf } from './customer-directory.query';

const history: CustomerEvent[] = [
  {
    type: 'CustomerRegistered',
    data: {
      customerId: 'cust-1',
      keys: [{ kind: 'phone', value: '+8613800138000' }],
      firstLeadId: 'lead-1',
      firstLeadChannel: 'walk-in',
      finderRepId: 'rep-wang',
      registeredAt: '2026-11-02T01:00:00.000Z',
    },
  },
  {
    type: 'OwnershipAssigned',
    data: {
      customerId: 'cust-1',
      repId: 'rep-wang',
      via: 'received-walk-in',
      reason: 'received the walk-in',
      leadId: 'lead-1',
      byActorId: null,
      since: '2026-11-02T01:00:00.000Z',
      protectedUntil: '2026-12-02T01:00:00.000Z',
      protectionDays: 30,
      warningDays: 3,
    },
  },
  {
    type: 'CustomerIdentityKeyAdded',
    data: { customerId: 'cust-1', key: { kind: 'email', value: 'zhang.wei@example.cn' }, leadId: 'lead-2' },
  },
  {
    type: 'OwnershipAssigned',
    data: {
      customerId: 'cust-1',
      repId: 'rep-li',
      via: 'transfer',
      reason: 'rep-wang moved to the north team',
      leadId: null,
      byActorId: 'mgr-zhao',
      since: '2026-11-10T02:00:00.000Z',
      protectedUntil: '2026-12-10T02:00:00.000Z',
      protectionDays: 30,
      warningDays: 3,
    },
  },
  {
    type: 'CustomerReleased',
    data: { customerId: 'cust-1', repId: 'rep-li', reason: 'protection-expired', at: '2026-12-10T02:00:00.000Z' },
  },
];

describe('customer directory', () => {
  const dir = tempDirectory('leadledger-customer-directory');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    const asStored = history.map((e) => ({ ...anEvent(e.type), data: e.data as never }));
    await store.appendToStream(customerStreamId('cust-1'), asStored, { expectedRevision: 'no_stream' });
    await rebuildProjection(store, readModels, customerDirectoryProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('finds the customer by any of its identity keys', () => {
    expect(findCustomerIdByKey(readModels.db, { kind: 'phone', value: '+8613800138000' })).toBe('cust-1');
    expect(findCustomerIdByKey(readModels.db, { kind: 'email', value: 'zhang.wei@example.cn' })).toBe('cust-1');
    expect(findCustomerIdByKey(readModels.db, { kind: 'email', value: 'someone@else.cn' })).toBeNull();
  });

  it('shows ownership as intervals, each traceable to its event, and no owner once released', async () => {
    const customer = getCustomer(readModels.db, 'cust-1')!;
    const [first, second] = (await store.readStream(customerStreamId('cust-1'))).filter(
      (e) => e.type === 'OwnershipAssigned',
    );
    expect(customer.owner).toBeNull();
    expect(customer.finderRepId).toBe('rep-wang');
    expect(customer.ownership).toEqual([
      {
        repId: 'rep-wang',
        from: '2026-11-02T01:00:00.000Z',
        to: '2026-11-10T02:00:00.000Z',
        via: 'received-walk-in',
        reason: 'received the walk-in',
        eventId: first.id,
      },
      {
        repId: 'rep-li',
        from: '2026-11-10T02:00:00.000Z',
        to: '2026-12-10T02:00:00.000Z',
        via: 'transfer',
        reason: 'rep-wang moved to the north team',
        eventId: second.id,
      },
    ]);
  });

  it('answers who owned the customer at a given time', () => {
    expect(ownerAsOf(readModels.db, 'cust-1', '2026-11-01T00:00:00.000Z')).toBeNull();
    expect(ownerAsOf(readModels.db, 'cust-1', '2026-11-02T01:00:00.000Z')?.repId).toBe('rep-wang');
    expect(ownerAsOf(readModels.db, 'cust-1', '2026-11-10T01:59:59.999Z')?.repId).toBe('rep-wang');
    expect(ownerAsOf(readModels.db, 'cust-1', '2026-11-10T02:00:00.000Z')?.repId).toBe('rep-li');
    expect(ownerAsOf(readModels.db, 'cust-1', '2026-12-24T00:00:00.000Z')).toBeNull();
  });

  it('knows nothing of an unknown customer', () => {
    expect(getCustomer(readModels.db, 'cust-404')).toBeNull();
  });
});
