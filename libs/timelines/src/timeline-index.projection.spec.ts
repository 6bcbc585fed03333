import Database from 'better-sqlite3';
import { customerLinkedStreams, repEventRefs } from './timeline-index.query';
import { repsTouchedBy, timelineIndexProjection } from './timeline-index.projection';
import { stored } from './timeline.fixtures';

const assigned = (repId: string, since: string) => ({
  type: 'OwnershipAssigned',
  data: { customerId: 'c1', repId, via: 'transfer', since },
});

describe('the timeline index', () => {
  it('finds every rep an event names, and the rep who did it', () => {
    const handOver = stored(
      1,
      'rep-rep-a',
      { type: 'RepDeparted', data: { repId: 'rep-a', successorRepId: 'rep-b' } },
      '2026-03-01T00:00:00Z',
    );
    const sale = stored(
      2,
      'sale-s1',
      { type: 'SaleRecorded', data: { saleId: 's1', closingRepId: 'rep-c', customerId: 'c1' } },
      '2026-03-01T00:00:00Z',
      { id: 'rep-d', role: 'rep' },
    );
    const lead = stored(
      3,
      'lead-l1',
      { type: 'LeadReceived', data: { receivedBy: 'rep-e', leadId: 'l1' } },
      '2026-03-01T00:00:00Z',
      { id: 'key-1', role: 'service' },
    );

    expect(repsTouchedBy(handOver).sort()).toEqual(['rep-a', 'rep-b']);
    expect(repsTouchedBy(sale).sort()).toEqual(['rep-c', 'rep-d']);
    expect(repsTouchedBy(lead)).toEqual(['rep-e']);
  });

  it('links leads and sales to their customer, and files a transfer under the owner who lost the customer too', () => {
    const db = new Database(':memory:');
    timelineIndexProjection.setup(db);
    const events = [
      stored(
        1,
        'lead-l1',
        { type: 'LeadMatchedToCustomer', data: { leadId: 'l1', customerId: 'c1' } },
        '2026-03-01T00:00:00.000Z',
      ),
      stored(2, 'customer-c1', assigned('rep-wang', '2026-03-01T00:00:00.000Z'), '2026-03-01T00:00:00.000Z'),
      stored(3, 'customer-c1', assigned('rep-li', '2026-03-10T00:00:00.000Z'), '2026-03-10T00:00:00.000Z', {
        id: 'mgr',
        role: 'manager',
      }),
      stored(
        4,
        'sale-s1',
        { type: 'SaleRecorded', data: { saleId: 's1', customerId: 'c1', closingRepId: 'rep-li' } },
        '2026-03-12T00:00:00.000Z',
      ),
    ];
    for (const event of events) timelineIndexProjection.apply(event, db);

    expect(customerLinkedStreams(db, 'c1')).toEqual(['lead-l1', 'sale-s1']);
    const wang = repEventRefs(db, 'rep-wang', { from: null, to: null }, null, 10).map((r) => r.position);
    const li = repEventRefs(db, 'rep-li', { from: '2026-03-11T00:00:00.000Z', to: null }, null, 10).map(
      (r) => r.position,
    );
    expect(wang).toEqual([2n, 3n]);
    expect(li).toEqual([4n]);
  });

  it('files no credential event under a rep: an API key made for a rep names its hash', () => {
    const db = new Database(':memory:');
    timelineIndexProjection.setup(db);
    const key = { keyId: 'k1', name: 'sun', role: 'rep', repId: 'rep-sun', secretHash: 'ab12' };
    const created = stored(1, 'api-key-ab12', { type: 'ApiKeyCreated', data: key }, '2026-03-01T00:00:00.000Z', {
      id: 'rep-sun',
      role: 'rep',
    });
    const revoked = stored(
      2,
      'api-key-ab12',
      { type: 'ApiKeyRevoked', data: { keyId: 'k1', repId: 'rep-sun' } },
      '2026-03-02T00:00:00.000Z',
    );
    const followUp = stored(
      3,
      'customer-c1',
      { type: 'FollowUpLogged', data: { customerId: 'c1', repId: 'rep-sun', kind: 'call' } },
      '2026-03-03T00:00:00.000Z',
    );
    for (const event of [created, revoked, followUp]) timelineIndexProjection.apply(event, db);

    expect(repEventRefs(db, 'rep-sun', { from: null, to: null }, null, 10).map((r) => r.position)).toEqual([3n]);
  });

  it('files a dispute’s comments and resolution under both its parties, as its opening', () => {
    const db = new Database(':memory:');
    timelineIndexProjection.setup(db);
    const at = '2026-03-05T00:00:00.000Z';
    const subject = { kind: 'customer-ownership', id: 'c1' };
    const opened = { disputeId: 'd1', claimantRepId: 'rep-a', respondentRepId: 'rep-b', subject, claim: 'mine' };
    const events = [
      stored(1, 'dispute-d1', { type: 'DisputeOpened', data: opened }, at),
      stored(2, 'dispute-d1', { type: 'DisputeCommented', data: { disputeId: 'd1', text: 'no', authorId: 'k' } }, at),
      stored(3, 'dispute-d1', { type: 'DisputeResolved', data: { disputeId: 'd1', outcome: 'rejected' } }, at, {
        id: 'mgr',
        role: 'manager',
      }),
      stored(4, 'dispute-d2', { type: 'DisputeResolved', data: { disputeId: 'd2', outcome: 'rejected' } }, at),
    ];
    for (const event of events) timelineIndexProjection.apply(event, db);

    const positions = (repId: string) =>
      repEventRefs(db, repId, { from: null, to: null }, null, 10).map((r) => r.position);
    expect(positions('rep-a')).toEqual([1n, 2n, 3n]);
    expect(positions('rep-b')).toEqual([1n, 2n, 3n]);
  });
});
