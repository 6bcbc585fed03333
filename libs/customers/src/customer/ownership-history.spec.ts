import type { CustomerEvent } from './customer.events';
import { claimed, ownedBy, registered, releasedFrom } from './customer.fixtures';
import { ownerAt, ownershipHistory } from './ownership-history';

// Wang receives the walk-in, lets it lapse, Li claims it, a manager hands it to Zhou.
const events: CustomerEvent[] = [
  registered,
  ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z'),
  releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z'),
  claimed('rep-li', '2026-04-02T00:00:00.000Z', '2026-05-02T00:00:00.000Z'),
  ownedBy('rep-zhou', '2026-04-10T00:00:00.000Z', '2026-05-10T00:00:00.000Z', {
    via: 'transfer',
    reason: 'territory change',
    leadId: null,
    byActorId: 'mgr-zhao',
  }),
];

describe('ownershipHistory', () => {
  it('folds assignments and releases into intervals, the last one open', () => {
    expect(ownershipHistory(events)).toEqual([
      {
        repId: 'rep-wang',
        from: '2026-03-01T09:00:00.000Z',
        to: '2026-03-31T09:00:00.000Z',
        via: 'received-walk-in',
        reason: 'received the walk-in',
      },
      {
        repId: 'rep-li',
        from: '2026-04-02T00:00:00.000Z',
        to: '2026-04-10T00:00:00.000Z',
        via: 'claim',
        reason: 'claimed from the shared pool',
      },
      { repId: 'rep-zhou', from: '2026-04-10T00:00:00.000Z', to: null, via: 'transfer', reason: 'territory change' },
    ]);
  });

  it('has no interval for a customer nobody owned', () => {
    expect(ownershipHistory([registered])).toEqual([]);
  });
});

describe('ownerAt', () => {
  const history = ownershipHistory(events);

  it.each([
    ['2026-03-01T08:59:59.999Z', null],
    ['2026-03-01T09:00:00.000Z', 'rep-wang'],
    ['2026-03-31T08:59:59.999Z', 'rep-wang'],
    ['2026-03-31T09:00:00.000Z', null],
    ['2026-04-05T00:00:00.000Z', 'rep-li'],
    ['2026-04-10T08:00:00+08:00', 'rep-zhou'],
    ['2030-01-01T00:00:00.000Z', 'rep-zhou'],
  ])('at %s says %s', (at, owner) => {
    expect(ownerAt(history, at)).toBe(owner);
  });
});
