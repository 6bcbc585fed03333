import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
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
  let built: ProjectionStatus;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [id, events] of Object.entries(disputes)) {
      const asStored = events.map((e) => ({ ...anEvent(e.type), data: e.data as never }));
      await store.appendToStream(disputeStreamId(id), asStored, { expectedRevision: 'no_stream' });
    }
    // A transfer caused by d-1's resolution, one caused by nothing the board knows and one caused by nothing;
    // then d-1's adjustment, caused by its resolution.
    const [resolution] = await store.readStream(disputeStreamId('d-1'), { direction: 'backwards', maxCount: 1 });
    const caused = (causationId: string | null, type = 'OwnershipAssigned') => ({
      ...anEvent(type, { customerId: 'cust-1', repId: 'rep-a' }),
      metadata: { ...anEvent('x').metadata, causationId },
    });
    await store.appendToStream('customer-cust-1', [caused(resolution.id), caused('other'), caused(null)], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('commission-periods', [caused(resolution.id, 'CommissionAdjusted')], {
      expectedRevision: 'no_stream',
    });
    built = await rebuildProjection(store, readModels, disputeBoardProjection);
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
    // Both at once: rep-b's upheld disputes (d-3, also rep-b's, was rejected).
    expect(ids(listDisputes(db, { status: 'upheld', repId: 'rep-b', limit: 10, offset: 0 }))).toEqual(['d-1']);
  });

  it('shows each dispute in the list with its subject and, once resolved, its resolution', () => {
    const [d1, d2] = listDisputes(readModels.db, { limit: 2, offset: 0 }).items;
    expect(d1).toMatchObject({ subject: opened.data.subject, resolution: upheld.data });
    expect(d2).toMatchObject({ subject: { kind: 'ledger-line', id: 'evt-9:0' }, resolution: null });
  });

  it('forgets, when rebuilt from another log, every dispute, comment and remedy event of the old one', async () => {
    const other = new SqliteEventStore({ file: dir.file('other-events.sqlite') });
    const asStored = disputes['d-2'].map((e) => ({ ...anEvent(e.type), data: e.data as never }));
    await other.appendToStream(disputeStreamId('d-2'), asStored, { expectedRevision: 'no_stream' });
    const rebuilt = new ReadModelDatabase(dir.file('rebuilt.sqlite'));
    await rebuildProjection(store, rebuilt, disputeBoardProjection);
    await rebuildProjection(other, rebuilt, disputeBoardProjection);
    expect(ids(listDisputes(rebuilt.db, { limit: 10, offset: 0 }))).toEqual(['d-2']);
    const tables = ['dispute_comments', 'dispute_remedy_events'];
    const rows = tables.map((t) => (rebuilt.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
    expect(rows).toEqual([0, 0]);
    rebuilt.close();
    await other.close();
  });

  it('shows finance the line disputes and those resolved with an adjustment', () => {
    expect(ids(listDisputes(readModels.db, { commissionOnly: true, limit: 10, offset: 0 }))).toEqual(['d-1', 'd-2']);
  });

  it('pages with the offset of the next page', () => {
    const first = listDisputes(readModels.db, { limit: 2, offset: 0 });
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0, nextOffset: 2 });
    expect(listDisputes(readModels.db, { limit: 2, offset: 2 })).toMatchObject({ nextOffset: null });
  });

  it('builds from a log with remedy events of other causes without failing (as /health shows it)', () => {
    expect(built).toMatchObject({ name: 'dispute-board', version: '1', failure: null });
  });

  it('counts the remedy events caused by the resolution, and only those', () => {
    const d1 = getDispute(readModels.db, 'd-1')!;
    expect(d1).toMatchObject({ status: 'upheld', commentCount: 1, remedyProgress: { steps: 2, done: 2 } });
    expect(d1.comments.map((c) => c.text)).toEqual([commented.data.text]);
    expect(d1.remedyEvents).toEqual([
      expect.objectContaining({ type: 'OwnershipAssigned', streamId: 'customer-cust-1' }),
      expect.objectContaining({ type: 'CommissionAdjusted', streamId: 'commission-periods' }),
    ]);
    expect(getDispute(readModels.db, 'd-3')).toMatchObject({
      status: 'rejected',
      remedyProgress: { steps: 0, done: 0 },
    });
    expect(getDispute(readModels.db, 'd-404')).toBeNull();
  });
});
