import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type DisputeEvent, disputeStreamId } from '../dispute/dispute.events';
import { commented, opened, rejected, upheld } from '../dispute/dispute.fixtures';
import { disputeBoardProjection } from './dispute-board.projection';
import { getDispute, listDisputes } from './dispute-board.query';

/** d-1 (rep-a v rep-b, ownership) upheld with a transfer and an adjustment; d-2 (rep-c, a line) open; d-3 rejected. */
const disputes: Record<string, DisputeEvent[]> = {
  'd-1': [opened, commented, upheld],
  'd-2': [
    {
      type: 'DisputeOpened',
      data: {
        ...opened.data,
        disputeId: 'd-2',
        claimantRepId: 'rep-c',
        respondentRepId: null,
        subject: { kind: 'ledger-line', id: 'evt-9:0' },
      },
    },
  ],
  'd-3': [
    { type: 'DisputeOpened', data: { ...opened.data, disputeId: 'd-3' } },
    { type: 'DisputeResolved', data: { ...rejected.data, disputeId: 'd-3' } },
  ],
};

describe('dispute board', () => {
  const dir = tempDirectory('leadledger-dispute-board');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [id, events] of Object.entries(disputes)) {
      const asStored = events.map((e) => ({ ...anEvent(e.type), data: e.data as never }));
      await store.appendToStream(disputeStreamId(id), asStored, { expectedRevision: 'no_stream' });
    }
    // A transfer caused by d-1's resolution, and one caused by nothing the board knows.
    const [resolution] = await store.readStream(disputeStreamId('d-1'), { direction: 'backwards', maxCount: 1 });
    const caused = (causationId: string) => ({
      ...anEvent('OwnershipAssigned', { customerId: 'cust-1', repId: 'rep-a' }),
      metadata: { ...anEvent('x').metadata, causationId },
    });
    await store.appendToStream('customer-cust-1', [caused(resolution.id), caused('other')], {
      expectedRevision: 'no_stream',
    });
    await rebuildProjection(store, readModels, disputeBoardProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  const ids = (page: { items: { disputeId: string }[] }) => page.items.map((d) => d.disputeId);

  it('lists disputes oldest first, by status, and by rep as claimant or respondent', () => {
    const db = readModels.db;
    expect(ids(listDisputes(db, { limit: 10, offset: 0 }))).toEqual(['d-1', 'd-2', 'd-3']);
    expect(ids(listDisputes(db, { status: 'open', limit: 10, offset: 0 }))).toEqual(['d-2']);
    expect(ids(listDisputes(db, { status: 'upheld', limit: 10, offset: 0 }))).toEqual(['d-1']);
    expect(ids(listDisputes(db, { repId: 'rep-b', limit: 10, offset: 0 }))).toEqual(['d-1', 'd-3']);
    expect(ids(listDisputes(db, { repId: 'rep-c', limit: 10, offset: 0 }))).toEqual(['d-2']);
  });

  it('shows finance the line disputes and those resolved with an adjustment', () => {
    expect(ids(listDisputes(readModels.db, { commissionOnly: true, limit: 10, offset: 0 }))).toEqual(['d-1', 'd-2']);
  });

  it('pages with the offset of the next page', () => {
    const first = listDisputes(readModels.db, { limit: 2, offset: 0 });
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0, nextOffset: 2 });
    expect(listDisputes(readModels.db, { limit: 2, offset: 2 })).toMatchObject({ nextOffset: null });
  });

  it('counts the remedy events caused by the resolution, and only those', () => {
    const d1 = getDispute(readModels.db, 'd-1')!;
    expect(d1).toMatchObject({ status: 'upheld', commentCount: 1, remedyProgress: { steps: 2, done: 1 } });
    expect(d1.comments.map((c) => c.text)).toEqual([commented.data.text]);
    expect(d1.remedyEvents).toEqual([
      expect.objectContaining({ type: 'OwnershipAssigned', streamId: 'customer-cust-1' }),
    ]);
    expect(getDispute(readModels.db, 'd-3')).toMatchObject({
      status: 'rejected',
      remedyProgress: { steps: 0, done: 0 },
    });
    expect(getDispute(readModels.db, 'd-404')).toBeNull();
  });
});
