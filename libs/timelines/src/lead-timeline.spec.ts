import { initialLeadState } from '@leadledger/leads';
import { eventsAsOf } from './as-of';
import { leadTimeline, leadTimelineState } from './lead-timeline';
import { NAMES, stored } from './timeline.fixtures';

const L = 'lead-l1';
const claim = { rule: 'claim', pool: null, note: '' };
const afterDecline = { rule: 'reassigned-after-decline', pool: null, note: 'Li was next' };

// A web-form lead for pool east on 2 March: matched to a new customer, claimed by Wang, who
// declines it; it goes on to Li, who accepts it, and a sale is recorded from it on the 9th.
const events = [
  stored(
    1,
    L,
    { type: 'LeadReceived', data: { leadId: 'l1', channel: 'web-form', receivedBy: null, poolId: 'east' } },
    '2026-03-02T09:00:00.000Z',
  ),
  stored(
    2,
    L,
    { type: 'LeadMatchedToCustomer', data: { leadId: 'l1', customerId: 'c1', isNewCustomer: true } },
    '2026-03-02T09:00:00.000Z',
  ),
  stored(
    3,
    L,
    { type: 'LeadAssigned', data: { leadId: 'l1', repId: 'rep-wang', acceptBy: null, trace: claim } },
    '2026-03-02T10:00:00.000Z',
    { id: 'rep-wang', role: 'rep' },
  ),
  stored(
    4,
    L,
    { type: 'LeadDeclined', data: { leadId: 'l1', repId: 'rep-wang', reason: 'on leave' } },
    '2026-03-02T11:00:00.000Z',
    { id: 'rep-wang', role: 'rep', reason: 'on leave' },
  ),
  stored(
    5,
    L,
    {
      type: 'LeadAssigned',
      data: { leadId: 'l1', repId: 'rep-li', acceptBy: '2026-03-02T11:30:00.000Z', trace: afterDecline },
    },
    '2026-03-02T11:00:00.000Z',
  ),
  stored(6, L, { type: 'LeadAccepted', data: { leadId: 'l1', repId: 'rep-li' } }, '2026-03-02T11:10:00.000Z'),
  stored(
    7,
    L,
    { type: 'LeadConverted', data: { leadId: 'l1', saleId: 's1', customerId: 'c1' } },
    '2026-03-09T09:00:00.000Z',
  ),
];

describe('a lead’s timeline', () => {
  it('says each event in words, with who held the lead after it', () => {
    const entries = leadTimeline(events, NAMES);

    expect(entries.map((e) => [e.sentence, e.stateAfter])).toEqual([
      ['A web-form lead arrived for pool east', { status: 'received', repId: null, customerId: null }],
      ['The lead brought a new customer', { status: 'received', repId: null, customerId: 'c1' }],
      [
        'The lead went to Wang: rep-wang: claimed the lead while nobody held it',
        { status: 'assigned', repId: 'rep-wang', customerId: 'c1' },
      ],
      ['Wang declined the lead: on leave', { status: 'received', repId: null, customerId: 'c1' }],
      [
        'The lead went to Li: rep-li: re-routed after a decline; Li was next; to accept by 2026-03-02T11:30:00.000Z',
        { status: 'assigned', repId: 'rep-li', customerId: 'c1' },
      ],
      ['Li accepted the lead', { status: 'accepted', repId: 'rep-li', customerId: 'c1' }],
      // A converted lead keeps who held it when the sale was recorded.
      ['Sale s1 was recorded from the lead', { status: 'converted', repId: 'rep-li', customerId: 'c1' }],
    ]);
    expect(entries[3]).toEqual({
      position: '4',
      eventId: 'event-4',
      type: 'LeadDeclined',
      streamId: L,
      occurredAt: '2026-03-02T11:00:00.000Z',
      recordedAt: '2026-03-02T11:00:00.000Z',
      actorId: 'rep-wang',
      actorRole: 'rep',
      reason: 'on leave',
      sentence: 'Wang declined the lead: on leave',
      stateAfter: { status: 'received', repId: null, customerId: 'c1' },
    });
  });

  it('shows the lead as absent, held by nobody, as of a time before it arrived', () => {
    const entries = leadTimeline(eventsAsOf(events, '2026-03-01T00:00:00.000Z'), NAMES);

    expect(entries).toEqual([]);
    expect(leadTimelineState(initialLeadState)).toEqual({ status: 'absent', repId: null, customerId: null });
  });
});
