import type { JsonObject, NewEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type LeadEvent, leadStreamId } from '../lead/lead.events';
import { receivedData } from '../lead/lead.fixtures';
import { leadBoardProjection } from './lead-board.projection';
import { flaggedLeads, getLead } from './lead-board.query';

const day = (time: string) => `2026-11-03T${time}:00.000Z`;
const at = (time: string, event: LeadEvent): NewEvent => {
  const base = anEvent(event.type);
  return { ...base, data: event.data as unknown as JsonObject, metadata: { ...base.metadata, occurredAt: day(time) } };
};
const received = (leadId: string, poolId: string | null = 'pool-east'): LeadEvent => ({
  type: 'LeadReceived',
  data: { ...receivedData, leadId, externalId: null, poolId },
});
const flagged = (leadId: string, reason: string): LeadEvent => ({
  type: 'LeadFlaggedForReview',
  data: { leadId, reason, customerIds: ['cust-1', 'cust-9'] },
});

/**
 * lead-1: flagged (its keys match two customers), then a manager resolved it to cust-9 and it was matched.
 * lead-2: flagged, still waiting for a manager.
 * lead-3: came in with no pool of its own; the routing rules queued it in pool-east, where nobody was free.
 * lead-5: flagged, then matched to a customer while still waiting for a manager (the decider takes a match
 * on a flagged lead that has no customer yet, as an intake re-run after a crash may send).
 */
const streams: Record<string, NewEvent[]> = {
  'lead-1': [
    at('09:00', received('lead-1')),
    at('09:00', flagged('lead-1', 'keys match two customers')),
    at('10:00', {
      type: 'LeadReviewResolved',
      data: {
        leadId: 'lead-1',
        customerId: 'cust-9',
        reason: 'same buyer as the e-mail',
        evidence: [{ kind: 'phone', value: '+8613800138000', customerId: 'cust-9' }],
      },
    }),
    at('10:00', {
      type: 'LeadMatchedToCustomer',
      data: { leadId: 'lead-1', customerId: 'cust-9', isNewCustomer: false },
    }),
  ],
  'lead-2': [at('11:00', received('lead-2')), at('11:00', flagged('lead-2', 'phone and e-mail of two customers'))],
  'lead-5': [
    at('13:00', received('lead-5')),
    at('13:00', flagged('lead-5', 'owner changed while routing')),
    at('13:05', {
      type: 'LeadMatchedToCustomer',
      data: { leadId: 'lead-5', customerId: 'cust-1', isNewCustomer: false },
    }),
  ],
  'lead-3': [
    at('12:00', received('lead-3', null)),
    at('12:00', { type: 'LeadQueued', data: { leadId: 'lead-3', poolId: 'pool-east', reason: 'every member at cap' } }),
  ],
};

describe('lead board: reviews, queues and rebuilds', () => {
  const dir = tempDirectory('leadledger-lead-board-review');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus;
  const leadView = (leadId: string) => getLead(readModels.db, store, leadId);
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [leadId, events] of Object.entries(streams)) {
      await store.appendToStream(leadStreamId(leadId), events, { expectedRevision: 'no_stream' });
    }
    // A lead event naming a lead that was never received (no decider writes one): nobody's lead.
    await store.appendToStream(
      'lead-stray',
      [at('13:00', { type: 'LeadAccepted', data: { leadId: 'lead-9', repId: 'rep-li' } })],
      {
        expectedRevision: 'no_stream',
      },
    );
    built = await rebuildProjection(store, readModels, leadBoardProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('shows a resolved lead as no longer flagged, and no flag reason, with the customer the manager chose', async () => {
    expect(await leadView('lead-1')).toMatchObject({
      status: 'received',
      flaggedForReview: false,
      flagReason: null,
      customerId: 'cust-9',
    });
  });

  it('lists the leads still waiting for a review, with why they were flagged', async () => {
    const waiting = flaggedLeads(readModels.db);
    // lead-2 (received at 11:00) before lead-5 (13:00); lead-1 was resolved.
    expect(waiting.map((l) => l.leadId)).toEqual(['lead-2', 'lead-5']);
    expect(await leadView('lead-2')).toMatchObject({
      flaggedForReview: true,
      flagReason: 'phone and e-mail of two customers',
    });
    // Matched while flagged: still waiting, and still saying why.
    expect(await leadView('lead-5')).toMatchObject({
      flaggedForReview: true,
      flagReason: 'owner changed while routing',
      customerId: 'cust-1',
    });
  });

  it('shows a queued lead in the pool that queued it, though it came in with no pool', async () => {
    expect(await leadView('lead-3')).toMatchObject({ status: 'queued', poolId: 'pool-east', repId: null });
  });

  it('keeps no history for a lead that was never received', async () => {
    // 4 + 2 + 2 + 3 events of the four leads; the stray acceptance of lead-9 is not one of them.
    const lengths = [];
    for (const leadId of ['lead-1', 'lead-2', 'lead-3', 'lead-5'])
      lengths.push((await leadView(leadId))!.history.length);
    expect(lengths).toEqual([4, 2, 2, 3]);
    expect(await leadView('lead-9')).toBeNull();
  });

  it('shows under its name and version on /health, and rebuilds in place to the same board and history', async () => {
    expect(built).toMatchObject({ name: 'lead-board', version: '3', failure: null });
    const again = await rebuildProjection(store, readModels, leadBoardProjection);
    expect(again.failure).toBeNull();
    // Each lead's history once: 4 events of lead-1, not 8.
    expect((await leadView('lead-1'))!.history.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
    expect((await leadView('lead-3'))!.history.map((h) => h.type)).toEqual(['LeadReceived', 'LeadQueued']);
  });
});
