import { accepted, assignedToWang, matched, qualified, received } from './lead.fixtures';
import type { LeadEvent } from './lead.events';
import { evolveLead, initialLeadState } from './lead.state';

const fold = (events: readonly LeadEvent[]) => events.reduce(evolveLead, initialLeadState);
/** Wang hands the lead to Li (a departure or a hand-over). */
const handedToLi: LeadEvent = {
  type: 'LeadAssigned',
  data: {
    leadId: 'lead-1',
    repId: 'rep-li',
    acceptBy: '2026-11-05T10:30:00.000Z',
    trace: { rule: 'hand-off', pool: null, note: 'rep-wang departed' },
  },
};

describe('a lead handed off to another rep', () => {
  it.each([
    ['accepted', [accepted]],
    ['qualified', [accepted, qualified]],
  ] as const)('stays %s, now held by the successor through the hand-off', (status, progress) => {
    // Li does not have to accept again what Wang already accepted.
    expect(fold([received, matched, assignedToWang, ...progress, handedToLi])).toMatchObject({
      status,
      repId: 'rep-li',
      via: 'hand-off',
    });
  });

  it('awaits the successor’s acceptance when Wang had not accepted it yet', () => {
    expect(fold([received, matched, assignedToWang, handedToLi])).toMatchObject({
      status: 'assigned',
      repId: 'rep-li',
      acceptBy: '2026-11-05T10:30:00.000Z',
      via: 'hand-off',
    });
  });

  it('awaits acceptance when an accepted lead is assigned again by the pool rather than handed off', () => {
    const reassigned: LeadEvent = { ...assignedToWang, data: { ...assignedToWang.data, repId: 'rep-li' } } as LeadEvent;
    expect(fold([received, matched, assignedToWang, accepted, reassigned])).toMatchObject({
      status: 'assigned',
      repId: 'rep-li',
      via: 'pool-rotation',
    });
  });
});
