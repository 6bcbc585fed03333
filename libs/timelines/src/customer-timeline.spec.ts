import { eventsAsOf } from './as-of';
import { customerTimeline } from './customer-timeline';
import { NAMES, stored } from './timeline.fixtures';

const C = 'customer-c1';
const assigned = (repId: string, via: string, since: string, protectedUntil: string) => ({
  type: 'OwnershipAssigned',
  data: {
    customerId: 'c1',
    repId,
    via,
    reason: via,
    leadId: null,
    byActorId: null,
    since,
    protectedUntil,
    protectionDays: 30,
    warningDays: 3,
  },
});

// Wang receives a walk-in on 1 March and owns the customer; no follow-up, so on 31 March
// the customer goes to the shared pool after a warning on the 28th; Li claims it on 2 April.
const history = [
  stored(
    1,
    'lead-l1',
    { type: 'LeadReceived', data: { leadId: 'l1', channel: 'walk-in', receivedBy: 'rep-wang', poolId: null } },
    '2026-03-01T09:00:00.000Z',
  ),
  stored(
    2,
    C,
    {
      type: 'CustomerRegistered',
      data: {
        customerId: 'c1',
        keys: [{ kind: 'phone', value: '+8613800138000' }],
        firstLeadId: 'l1',
        firstLeadChannel: 'walk-in',
        finderRepId: 'rep-wang',
        registeredAt: '2026-03-01T09:00:00.000Z',
      },
    },
    '2026-03-01T09:00:00.000Z',
  ),
  stored(
    3,
    C,
    assigned('rep-wang', 'received-walk-in', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z'),
    '2026-03-01T09:00:00.000Z',
  ),
  stored(
    5,
    C,
    {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: 'c1',
        repId: 'rep-wang',
        protectedUntil: '2026-03-31T09:00:00.000Z',
        at: '2026-03-28T09:00:00.000Z',
      },
    },
    '2026-03-28T09:00:00.000Z',
  ),
  stored(
    7,
    C,
    {
      type: 'CustomerReleased',
      data: { customerId: 'c1', repId: 'rep-wang', reason: 'protection-expired', at: '2026-03-31T09:00:00.000Z' },
    },
    '2026-03-31T09:00:00.000Z',
  ),
  stored(
    9,
    C,
    assigned('rep-li', 'claim', '2026-04-02T01:00:00.000Z', '2026-05-02T01:00:00.000Z'),
    '2026-04-02T01:00:00.000Z',
    { id: 'rep-li', role: 'rep' },
  ),
];

describe('a customer’s timeline', () => {
  it('says each event in words, with who owned the customer before and after', () => {
    const entries = customerTimeline(history, NAMES);

    expect(entries.map((e) => e.sentence)).toEqual([
      'Wang received the walk-in; nobody owned the customer',
      'The customer was registered from a walk-in lead with a new phone, received by Wang',
      'Wang became the owner by receiving them in person; nobody owned the customer; protected until 2026-03-31T09:00:00.000Z',
      'Wang was warned that protection ends at 2026-03-31T09:00:00.000Z without a follow-up',
      'The customer went to the shared pool from Wang: protection ran out with no follow-up',
      'Li became the owner by claiming them from the shared pool; nobody owned the customer; protected until 2026-05-02T01:00:00.000Z',
    ]);
    expect(entries.map((e) => e.stateAfter)).toEqual([
      { status: 'unregistered', ownerId: null, protectedUntil: null, warned: false },
      { status: 'unowned', ownerId: null, protectedUntil: null, warned: false },
      { status: 'owned', ownerId: 'rep-wang', protectedUntil: '2026-03-31T09:00:00.000Z', warned: false },
      { status: 'owned', ownerId: 'rep-wang', protectedUntil: '2026-03-31T09:00:00.000Z', warned: true },
      { status: 'unowned', ownerId: null, protectedUntil: null, warned: false },
      { status: 'owned', ownerId: 'rep-li', protectedUntil: '2026-05-02T01:00:00.000Z', warned: false },
    ]);
    expect(entries[5]).toMatchObject({ position: '9', actorId: 'rep-li', actorRole: 'rep' });
  });

  it('says when a warning came late and how far it moved the end', () => {
    const warnedLate = stored(
      5,
      C,
      {
        type: 'ProtectionWarningIssued',
        data: {
          customerId: 'c1',
          repId: 'rep-wang',
          protectedUntil: '2026-04-05T12:00:00.000Z',
          at: '2026-04-02T12:00:00.000Z',
          extendedFrom: '2026-03-31T09:00:00.000Z',
        },
      },
      '2026-04-02T12:00:00.000Z',
    );
    const entries = customerTimeline([...history.slice(0, 3), warnedLate], NAMES);

    expect(entries.at(-1)).toMatchObject({
      sentence:
        'Wang was warned late, so protection, due to end at 2026-03-31T09:00:00.000Z, now runs until 2026-04-05T12:00:00.000Z without a follow-up',
      stateAfter: { status: 'owned', ownerId: 'rep-wang', protectedUntil: '2026-04-05T12:00:00.000Z', warned: true },
    });
  });

  it('says a claim of a customer whose owner’s protection had ended was not a claim from the shared pool', () => {
    const claimedFromWang = stored(
      7,
      C,
      assigned('rep-li', 'claim', '2026-04-01T01:00:00.000Z', '2026-05-01T01:00:00.000Z'),
      '2026-04-01T01:00:00.000Z',
      { id: 'rep-li', role: 'rep' },
    );
    const entries = customerTimeline([...history.slice(0, 4), claimedFromWang], NAMES);

    expect(entries.at(-1)?.sentence).toBe(
      'Li became the owner by claiming them once protection had ended; Wang owned the customer; protected until 2026-05-01T01:00:00.000Z',
    );
  });

  it('orders events from several streams by their position in the log', () => {
    const shuffled = [history[3], history[0], history[5], history[2], history[1], history[4]];

    expect(customerTimeline(shuffled, NAMES).map((e) => e.position)).toEqual(['1', '2', '3', '5', '7', '9']);
  });

  it('stops a replay at asOf: the state then comes from the events up to it only', () => {
    const asOfWarning = customerTimeline(eventsAsOf(history, '2026-03-30T00:00:00Z'), NAMES);
    const exactlyAtRelease = customerTimeline(eventsAsOf(history, '2026-03-31T09:00:00.000Z'), NAMES);

    expect(asOfWarning.at(-1)?.stateAfter).toEqual({
      status: 'owned',
      ownerId: 'rep-wang',
      protectedUntil: '2026-03-31T09:00:00.000Z',
      warned: true,
    });
    expect(exactlyAtRelease.at(-1)?.stateAfter.status).toBe('unowned');
  });

  it('leaves out an event recorded early but dated after asOf', () => {
    // Recorded at position 4, dated 15 March: a replay as of 10 March does not see it.
    const dated = stored(
      4,
      C,
      {
        type: 'FollowUpLogged',
        data: {
          customerId: 'c1',
          repId: 'rep-wang',
          kind: 'call',
          note: '',
          at: '2026-03-15T00:00:00.000Z',
          protectedUntil: '2026-04-14T00:00:00.000Z',
        },
      },
      '2026-03-15T00:00:00.000Z',
    );

    const entries = customerTimeline(eventsAsOf([...history.slice(0, 3), dated], '2026-03-10T00:00:00Z'), NAMES);

    expect(entries.map((e) => e.type)).not.toContain('FollowUpLogged');
    expect(entries.at(-1)?.stateAfter.protectedUntil).toBe('2026-03-31T09:00:00.000Z');
  });

  it('gives a sale’s amounts in its currency and names the owner a lead or a transfer found', () => {
    // Wang owns c1 from the pool; a second lead matches c1; Wang sells 1,000.00 CNY (100000 fen),
    // 400.00 CNY (40000 fen) of it is paid; c1 is transferred to Li. A payment on s2, a sale this
    // timeline did not see recorded, has no currency to show.
    const sold = [
      stored(
        1,
        C,
        {
          type: 'CustomerRegistered',
          data: {
            customerId: 'c1',
            keys: [{ kind: 'email', value: 'zhang@example.com' }],
            firstLeadId: 'l1',
            firstLeadChannel: 'web-form',
            finderRepId: null,
            registeredAt: '2026-03-01T09:00:00.000Z',
          },
        },
        '2026-03-01T09:00:00.000Z',
      ),
      stored(
        2,
        C,
        assigned('rep-wang', 'pool-rotation', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z'),
        '2026-03-01T09:00:00.000Z',
      ),
      stored(
        3,
        'lead-l2',
        { type: 'LeadMatchedToCustomer', data: { leadId: 'l2', customerId: 'c1', isNewCustomer: false } },
        '2026-03-05T09:00:00.000Z',
      ),
      stored(
        4,
        'sale-s1',
        {
          type: 'SaleRecorded',
          data: { saleId: 's1', externalId: 'SO-1', amount: 100000, currency: 'CNY', closingRepId: 'rep-wang' },
        },
        '2026-03-06T09:00:00.000Z',
      ),
      stored(
        5,
        'sale-s1',
        { type: 'PaymentReceived', data: { saleId: 's1', externalId: 'PAY-1', amount: 40000, collectedTotal: 40000 } },
        '2026-03-07T09:00:00.000Z',
      ),
      stored(
        6,
        C,
        assigned('rep-li', 'transfer', '2026-03-08T09:00:00.000Z', '2026-04-07T09:00:00.000Z'),
        '2026-03-08T09:00:00.000Z',
        { id: 'mgr', role: 'manager', reason: 'Wang moves to North' },
      ),
      stored(
        7,
        'sale-s2',
        { type: 'PaymentReceived', data: { saleId: 's2', externalId: 'PAY-9', amount: 5000, collectedTotal: 5000 } },
        '2026-03-09T09:00:00.000Z',
      ),
    ];

    const entries = customerTimeline(sold, NAMES);

    expect(entries.map((e) => e.sentence)).toEqual([
      'The customer was registered from a web-form lead with a new email',
      'Wang became the owner from the pool’s rotation; nobody owned the customer; protected until 2026-03-31T09:00:00.000Z',
      'The lead matched a customer already known by phone, e-mail or company; Wang owned the customer',
      'Wang closed sale SO-1 for 1,000.00 CNY',
      'Payment PAY-1 of 400.00 CNY was received; 400.00 CNY collected so far',
      'Li became the owner by a transfer; Wang owned the customer; protected until 2026-04-07T09:00:00.000Z',
      'Payment PAY-9 of 5000 (minor units) was received; 5000 (minor units) collected so far',
    ]);
    // A sale does not change who owns the customer.
    expect(entries[4].stateAfter).toEqual({
      status: 'owned',
      ownerId: 'rep-wang',
      protectedUntil: '2026-03-31T09:00:00.000Z',
      warned: false,
    });
    expect(entries[5]).toMatchObject({ actorId: 'mgr', reason: 'Wang moves to North' });
  });
});
