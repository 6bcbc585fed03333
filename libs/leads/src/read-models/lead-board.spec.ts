import type { JsonObject, NewEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase, rebuildProjection, tableDigest } from '@leadledger/projections';
import { digestsOneByOneAndBatched } from '@leadledger/projections/testing';
import { type AssignmentTrace, type LeadEvent, type LeadReceivedData, leadStreamId } from '../lead/lead.events';
import { claimedBy, poolTrace, receivedData } from '../lead/lead.fixtures';
import { leadBoardProjection } from './lead-board.projection';
import { getLead, leadsDueForAcceptanceExpiry, openLeadsOf, repInbox } from './lead-board.query';

const day = (time: string) => `2026-11-02T${time}:00.000Z`;
const at = (time: string, event: LeadEvent, actorId = 'system:lead-intake'): NewEvent => {
  const base = anEvent(event.type);
  return {
    ...base,
    data: event.data as unknown as JsonObject,
    metadata: { ...base.metadata, actorId, actorRole: 'service', occurredAt: day(time) },
  };
};
const lead = (leadId: string, overrides: Partial<LeadReceivedData> = {}): LeadEvent => ({
  type: 'LeadReceived',
  data: { ...receivedData, leadId, externalId: null, ...overrides },
});
const matched = (leadId: string): LeadEvent => ({
  type: 'LeadMatchedToCustomer',
  data: { leadId, customerId: `cust-${leadId}`, isNewCustomer: true },
});
const assigned = (leadId: string, repId: string, acceptBy: string | null, trace: AssignmentTrace = poolTrace) =>
  ({ type: 'LeadAssigned', data: { leadId, repId, acceptBy, trace } }) as const;
const forLead = (leadId: string, events: LeadEvent[]) =>
  events.map((e) => ({ ...e, data: { ...e.data, leadId } }) as LeadEvent);

const streams: Record<string, NewEvent[]> = {
  'lead-1': [
    at('09:00', lead('lead-1')),
    at('09:00', matched('lead-1')),
    at('09:00', assigned('lead-1', 'rep-wang', day('09:30'))),
    at('09:10', { type: 'LeadDeclined', data: { leadId: 'lead-1', repId: 'rep-wang', reason: 'busy' } }, 'rep-wang'),
    at(
      '09:10',
      assigned('lead-1', 'rep-li', day('09:40'), { rule: 'reassigned-after-decline', pool: null, note: 'next' }),
    ),
    at('09:20', { type: 'LeadAccepted', data: { leadId: 'lead-1', repId: 'rep-li' } }, 'rep-li'),
    at('09:25', { type: 'LeadQualified', data: { leadId: 'lead-1', repId: 'rep-li', note: 'budget' } }, 'rep-li'),
  ],
  'lead-2': [
    at('10:00', lead('lead-2', { channel: 'walk-in', receivedBy: 'rep-li', poolId: null })),
    at('10:00', matched('lead-2')),
    at('10:00', assigned('lead-2', 'rep-li', null, { rule: 'received-walk-in', pool: null, note: 'received' })),
  ],
  'lead-3': [at('11:00', lead('lead-3')), at('11:00', assigned('lead-3', 'rep-li', day('11:30')))],
  'lead-4': [
    at('12:00', lead('lead-4')),
    at('12:00', {
      type: 'LeadFlaggedForReview',
      data: { leadId: 'lead-4', reason: 'keys match two customers', customerIds: ['cust-1', 'cust-2'] },
    }),
  ],
  'lead-5': [at('11:05', lead('lead-5')), at('11:05', assigned('lead-5', 'rep-zhao', day('11:15')))],
  'lead-6': [
    at('08:00', lead('lead-6')),
    at('08:00', { type: 'LeadQueued', data: { leadId: 'lead-6', poolId: 'pool-east', reason: 'nobody eligible' } }),
    ...forLead('lead-6', claimedBy('rep-li')).map((e) => at('08:30', e, 'rep-li')),
    at('13:00', { type: 'LeadReleased', data: { leadId: 'lead-6', repId: 'rep-li', reason: 'rep-li departed' } }),
  ],
  'lead-7': [
    at('07:00', lead('lead-7')),
    at('07:00', assigned('lead-7', 'rep-wang', day('07:30'))),
    at('07:05', {
      type: 'LeadDisqualified',
      data: { leadId: 'lead-7', repId: 'rep-wang', reason: 'spam', note: 'bot' },
    }),
  ],
  'lead-8': [
    at('11:10', lead('lead-8')),
    at('11:10', matched('lead-8')),
    at('11:10', assigned('lead-8', 'rep-zhao', day('11:20'))),
    at('11:15', { type: 'LeadConverted', data: { leadId: 'lead-8', saleId: 'sale-1', customerId: 'cust-lead-8' } }),
    at('11:18', { type: 'LeadConverted', data: { leadId: 'lead-8', saleId: 'sale-2', customerId: 'cust-lead-8' } }),
  ],
};

describe('lead board', () => {
  const dir = tempDirectory('leadledger-lead-board');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let status: Awaited<ReturnType<typeof rebuildProjection>>;
  const leadView = (leadId: string) => getLead(readModels.db, store, leadId);
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [leadId, events] of Object.entries(streams)) {
      await store.appendToStream(leadStreamId(leadId), events, { expectedRevision: 'no_stream' });
    }
    // Same names, but not written by the lead decider (no lead id): not a lead's events.
    await store.appendToStream('lead-junk', [anEvent('LeadReceived'), anEvent('LeadAssigned')], {
      expectedRevision: 'no_stream',
    });
    status = await rebuildProjection(store, readModels, leadBoardProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('shows where a lead stands, with every assignment’s reason and its whole history', async () => {
    const view = (await leadView('lead-1'))!;
    expect(view).toMatchObject({
      leadId: 'lead-1',
      status: 'qualified',
      channel: 'web-form',
      contact: receivedData.contact,
      identityKeys: [{ kind: 'phone', value: '+8613800138000' }],
      poolId: 'pool-east',
      customerId: 'cust-lead-1',
      repId: 'rep-li',
      acceptBy: null,
      flaggedForReview: false,
      passedOver: ['rep-wang'],
      receivedAt: day('09:00'),
      updatedAt: day('09:25'),
    });
    expect(view.assignments).toEqual([
      {
        rule: 'pool-rotation',
        repId: 'rep-wang',
        acceptBy: day('09:30'),
        note: 'rotation',
        pool: poolTrace.pool,
        at: day('09:00'),
      },
      {
        rule: 'reassigned-after-decline',
        repId: 'rep-li',
        acceptBy: day('09:40'),
        note: 'next',
        pool: null,
        at: day('09:10'),
      },
    ]);
    const stored = await store.readStream(leadStreamId('lead-1'));
    expect(view.history).toEqual(
      stored.map((e, i) => ({
        seq: i + 1,
        position: e.position.toString(),
        eventId: e.id,
        type: e.type,
        data: e.data,
        occurredAt: e.metadata.occurredAt,
        actorId: e.metadata.actorId,
        actorRole: 'service',
      })),
    );
  });

  it('shows a flagged lead with the reason, a disqualified one with its reason', async () => {
    expect(await leadView('lead-4')).toMatchObject({
      status: 'received',
      flaggedForReview: true,
      flagReason: 'keys match two customers',
      repId: null,
    });
    expect(await leadView('lead-7')).toMatchObject({
      status: 'disqualified',
      disqualificationReason: 'spam',
      repId: null,
    });
  });

  it('shows a claimed lead released back to the shared pool as received and held by nobody', async () => {
    const view = (await leadView('lead-6'))!;
    expect(view).toMatchObject({ status: 'received', repId: null, flaggedForReview: false, updatedAt: day('13:00') });
    expect(view.assignments.map((a) => [a.rule, a.repId, a.acceptBy])).toEqual([['claim', 'rep-li', null]]);
  });

  it('shows a converted lead under the rep who held it, no longer open work nor due to expire', async () => {
    const view = (await leadView('lead-8'))!;
    expect(view).toMatchObject({
      status: 'converted',
      customerId: 'cust-lead-8',
      repId: 'rep-zhao',
      acceptBy: null,
      updatedAt: day('11:18'),
    });
    expect(view.history.slice(-2).map((h) => [h.type, h.data.saleId])).toEqual([
      ['LeadConverted', 'sale-1'],
      ['LeadConverted', 'sale-2'],
    ]);
    expect(repInbox(readModels.db, 'rep-zhao', 'converted').map((l) => l.leadId)).toEqual(['lead-8']);
    expect(openLeadsOf(readModels.db, 'rep-zhao')).toEqual(['lead-5']);
  });

  it('lists a rep’s inbox newest first, optionally by status', () => {
    expect(repInbox(readModels.db, 'rep-li').map((l) => l.leadId)).toEqual(['lead-3', 'lead-2', 'lead-1']);
    expect(repInbox(readModels.db, 'rep-li', 'assigned').map((l) => l.leadId)).toEqual(['lead-3', 'lead-2']);
    expect(repInbox(readModels.db, 'rep-li', 'disqualified')).toEqual([]);
    expect(repInbox(readModels.db, 'rep-nobody')).toEqual([]);
  });

  it('finds assigned leads whose acceptance deadline has passed, earliest first', () => {
    expect(leadsDueForAcceptanceExpiry(readModels.db, day('11:14'))).toEqual([]);
    expect(leadsDueForAcceptanceExpiry(readModels.db, '2026-11-02T19:30:00+08:00')).toEqual([
      { leadId: 'lead-5', repId: 'rep-zhao', acceptBy: day('11:15') },
      { leadId: 'lead-3', repId: 'rep-li', acceptBy: day('11:30') },
    ]);
  });

  it('lists the leads a rep holds, for a departure or hand-over', () => {
    expect(openLeadsOf(readModels.db, 'rep-li')).toEqual(['lead-1', 'lead-2', 'lead-3']);
    expect(openLeadsOf(readModels.db, 'rep-wang')).toEqual([]);
  });

  it('knows nothing of an unknown lead, and skips events that only share a lead event’s name', async () => {
    expect(await leadView('lead-404')).toBeNull();
    expect(status).toMatchObject({ failure: null, position: await store.headPosition() });
  });

  it('is the same, byte for byte, when rebuilt from the log', async () => {
    const again = new ReadModelDatabase(dir.file('again.sqlite'));
    await rebuildProjection(store, again, leadBoardProjection);
    for (const table of leadBoardProjection.tables) {
      expect(tableDigest(again.db, table)).toEqual(tableDigest(readModels.db, table));
    }
    again.close();
  });

  it('is the same applied one event at a time as in batches, several events of a lead at once', async () => {
    const digests = await digestsOneByOneAndBatched(store, leadBoardProjection, (name) => dir.file(name));
    expect(digests.batched).toEqual(digests.oneByOne);
    expect(digests.oneByOne[0].rows).toBeGreaterThan(0);
  });
});
