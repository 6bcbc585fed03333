import type { JsonObject, NewEvent, StoredEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { timelineIndexProjection } from './timeline-index.projection';
import { type RepEventRef, customerLinkedStreams, repEventRefs, repEventRefsAmong } from './timeline-index.query';

const nov = (day: string, time = '02:00') => `2026-11-${day}T${time}:00.000Z`;
const dec = (day: string) => `2026-12-${day}T02:00:00.000Z`;
const EARLIER = '2026-11-05T09:59:00+08:00';
const owned = (repId: string, via: string, since: string) => ({
  type: 'OwnershipAssigned',
  data: {
    customerId: 'cust-1',
    repId,
    via,
    reason: via === 'claim' ? 'claimed from the shared pool' : `${via} to ${repId}`,
    leadId: null,
    byActorId: via === 'transfer' ? 'mgr-zhao' : null,
    since,
    protectedUntil: dec('31'),
    protectionDays: 30,
    warningDays: 3,
  },
});
const followUp = (at: string) => ({
  type: 'FollowUpLogged',
  data: { customerId: 'cust-1', repId: 'rep-wang', kind: 'call', note: 'called back', at, protectedUntil: dec('31') },
});

const WANG = { id: 'rep-wang', role: 'rep' };
const MANAGER = { id: 'mgr-zhao', role: 'manager' };
const SYSTEM = { id: 'system:scheduler', role: 'system' };

/**
 * Customer cust-1's life, in the order the log recorded it (label, stream, event, business time, actor).
 * Wang's earlier follow-up was recorded after the later one (history brought in late).
 */
const log: [string, string, { type: string; data: object }, string, { id: string; role: string }][] = [
  [
    'lead received',
    'lead-lead-1',
    {
      type: 'LeadReceived',
      data: {
        leadId: 'lead-1',
        channel: 'web-form',
        contact: { name: '张伟', phone: null, email: 'zhang.wei@example.cn', company: null },
        identityKeys: [{ kind: 'email', value: 'zhang.wei@example.cn' }],
        externalId: null,
        receivedBy: null,
        referralPartnerId: null,
        poolId: null,
      },
    },
    nov('02', '01:00'),
    SYSTEM,
  ],
  [
    'lead flagged',
    'lead-lead-1',
    {
      type: 'LeadFlaggedForReview',
      data: { leadId: 'lead-1', reason: 'keys match two customers', customerIds: ['cust-1', 'cust-9'] },
    },
    nov('02', '01:00'),
    SYSTEM,
  ],
  [
    'review resolved',
    'lead-lead-1',
    {
      type: 'LeadReviewResolved',
      data: { leadId: 'lead-1', customerId: 'cust-1', reason: 'same e-mail', evidence: [] },
    },
    nov('02'),
    MANAGER,
  ],
  [
    'registered',
    'customer-cust-1',
    {
      type: 'CustomerRegistered',
      data: {
        customerId: 'cust-1',
        keys: [{ kind: 'email', value: 'zhang.wei@example.cn' }],
        firstLeadId: 'lead-1',
        firstLeadChannel: 'web-form',
        finderRepId: 'rep-wang',
        registeredAt: nov('02'),
      },
    },
    nov('02'),
    SYSTEM,
  ],
  ['owned by wang', 'customer-cust-1', owned('rep-wang', 'received-walk-in', nov('02')), nov('02'), SYSTEM],
  ['follow-up of the 5th', 'customer-cust-1', followUp(nov('05')), nov('05'), WANG],
  // Written in the caller's +08:00: 01:59 UTC, before the follow-up above, though it sorts after it as text.
  ['earlier follow-up (+08:00)', 'customer-cust-1', followUp(EARLIER), EARLIER, WANG],
  ['transferred to li', 'customer-cust-1', owned('rep-li', 'transfer', nov('10')), nov('10'), MANAGER],
  [
    'released by li',
    'customer-cust-1',
    {
      type: 'CustomerReleased',
      data: { customerId: 'cust-1', repId: 'rep-li', reason: 'protection-expired', at: dec('10') },
    },
    dec('10'),
    SYSTEM,
  ],
  [
    'claimed by zhao',
    'customer-cust-1',
    owned('rep-zhao', 'claim', dec('12')),
    dec('12'),
    { id: 'rep-zhao', role: 'rep' },
  ],
  // The same event name on a stream that is not the customer's (no decider writes one): it names rep-sun,
  // but does not make rep-sun the customer's owner.
  ['not a customer event', 'import-cust-1', owned('rep-sun', 'transfer', dec('13')), dec('13'), SYSTEM],
  ['transferred back to li', 'customer-cust-1', owned('rep-li', 'transfer', dec('20')), dec('20'), MANAGER],
  [
    'sale recorded',
    'sale-sale-1',
    {
      type: 'SaleRecorded',
      data: {
        saleId: 'sale-1',
        externalId: 'erp-1',
        customerId: 'cust-1',
        amount: 1_200_000,
        cost: null,
        currency: 'CNY',
        closedAt: dec('21'),
        closingRepId: 'rep-zhao',
        leadId: 'lead-1',
        plan: { planId: 'plan-std', version: 1 },
      },
    },
    dec('21'),
    SYSTEM,
  ],
];

/** Appends the entries in order, each stream at its next revision. */
async function appendAll(store: SqliteEventStore, entries: typeof log): Promise<void> {
  const revisions = new Map<string, bigint>();
  for (const [, streamId, event, occurredAt, actor] of entries) {
    const base = anEvent(event.type);
    const newEvent: NewEvent = {
      ...base,
      data: event.data as JsonObject,
      metadata: { ...base.metadata, occurredAt, actorId: actor.id, actorRole: actor.role },
    };
    const revision = revisions.get(streamId);
    await store.appendToStream(streamId, [newEvent], { expectedRevision: revision ?? 'no_stream' });
    revisions.set(streamId, (revision ?? -1n) + 1n);
  }
}

describe('timeline index', () => {
  const dir = tempDirectory('leadledger-timeline-index');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus;
  const labels = new Map<bigint, string>();
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    await appendAll(store, log);
    const all = await store.readAll();
    all.forEach((event, i) => labels.set(event.position, log[i][0]));
    built = await rebuildProjection(store, readModels, timelineIndexProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  const named = (refs: RepEventRef[]) => refs.map((ref) => labels.get(ref.position));
  const timelineOf = (repId: string) => named(repEventRefs(readModels.db, repId, { from: null, to: null }, null, 50));
  const customerEvents = () => store.readStream('customer-cust-1') as Promise<StoredEvent[]>;

  it('links to the customer the lead a manager resolved a review for, and the customer’s sale', () => {
    expect(customerLinkedStreams(readModels.db, 'cust-1')).toEqual(['lead-lead-1', 'sale-sale-1']);
  });

  it('shows a rep every event that names them, did by them, or took their customer, in business-time order', () => {
    // Wang: found and owned the customer (same time: in log order), two follow-ups by business time
    // (the earlier first, whatever its offset), and the transfer that took the customer from them.
    expect(timelineOf('rep-wang')).toEqual([
      'registered',
      'owned by wang',
      'earlier follow-up (+08:00)',
      'follow-up of the 5th',
      'transferred to li',
    ]);
    // Li: the transfer to them, their release, and the transfer back; not Zhao's claim, which took the
    // customer from the shared pool, not from Li.
    expect(timelineOf('rep-li')).toEqual(['transferred to li', 'released by li', 'transferred back to li']);
    // Zhao: the claim, the transfer back to Li (which took it from Zhao, whatever the other stream said), the sale.
    expect(timelineOf('rep-zhao')).toEqual(['claimed by zhao', 'transferred back to li', 'sale recorded']);
    expect(timelineOf('rep-sun')).toEqual(['not a customer event']);
  });

  it('picks a rep’s events among one customer’s own, in business-time order', async () => {
    const own = await customerEvents();
    expect(named(repEventRefsAmong(readModels.db, 'rep-wang', own))).toEqual([
      'registered',
      'owned by wang',
      'earlier follow-up (+08:00)',
      'follow-up of the 5th',
      'transferred to li',
    ]);
    expect(named(repEventRefsAmong(readModels.db, 'rep-li', own))).toEqual([
      'transferred to li',
      'released by li',
      'transferred back to li',
    ]);
    expect(repEventRefsAmong(readModels.db, 'rep-nobody', own)).toEqual([]);
  });

  it('shows under its name and version on /health, and rebuilds from scratch: nothing of an earlier build stays', async () => {
    expect(built).toMatchObject({ name: 'timeline-index', version: '3', failure: null });
    // Rebuilt from another log (a read-model file of another engine), holding only the lead's first three events.
    const other = new SqliteEventStore({ file: dir.file('other.sqlite') });
    await appendAll(other, log.slice(0, 3));
    expect((await rebuildProjection(other, readModels, timelineIndexProjection)).failure).toBeNull();
    await other.close();
    expect(customerLinkedStreams(readModels.db, 'cust-1')).toEqual(['lead-lead-1']);
    expect(timelineOf('rep-wang')).toEqual([]);
    // Rebuilt from this log again: the owners of the first build are gone, so Wang's ownership took the
    // customer from nobody, and Li's timeline is as it was.
    expect((await rebuildProjection(store, readModels, timelineIndexProjection)).failure).toBeNull();
    expect(customerLinkedStreams(readModels.db, 'cust-1')).toEqual(['lead-lead-1', 'sale-sale-1']);
    expect(timelineOf('rep-li')).toEqual(['transferred to li', 'released by li', 'transferred back to li']);
    expect(timelineOf('rep-wang')).toHaveLength(5);
  });
});
