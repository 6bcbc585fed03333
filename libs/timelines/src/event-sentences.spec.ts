import { type CustomerState, evolveCustomer, initialCustomerState } from '@leadledger/customers';
import { describeEvent } from './describe-event';
import { NAMES, stored } from './timeline.fixtures';

/** One event of the given stream as the store hands it back; its sentence is what the timelines show. */
const say = (streamId: string, type: string, data: object, context = {}) =>
  describeEvent(stored(1, streamId, { type, data }, '2026-03-02T09:00:00.000Z'), NAMES, context);
const lead = (type: string, data: object) => say('lead-l1', type, { leadId: 'l1', ...data });
const customer = (type: string, data: object, context = {}) =>
  say('customer-c1', type, { customerId: 'c1', ...data }, context);
const sale = (type: string, data: object, currency: string | null = 'CNY') =>
  say(
    'sale-s1',
    type,
    { saleId: 's1', ...data },
    { saleCurrency: (saleId: string) => (saleId === 's1' ? currency : null) },
  );
const pool = (type: string, data: object) => say('pool-east', type, { poolId: 'east', ...data });

describe('a lead’s events in words', () => {
  it.each([
    ['walk-in', 'Wang received the walk-in'],
    ['phone', 'Wang received the phone call'],
    ['web-form', 'Wang received the web-form lead'],
    ['exhibition', 'Wang received the exhibition card'],
    ['referral', 'Wang received the referral'],
    ['rep-sourced', 'Wang received a lead they sourced themselves'],
  ])('a %s lead received by a rep', (channel, sentence) => {
    expect(lead('LeadReceived', { channel, receivedBy: 'rep-wang', poolId: 'east' })).toBe(sentence);
  });

  it.each([
    ['walk-in', 'A walk-in arrived'],
    ['phone', 'A phone call came in'],
    ['web-form', 'A web-form lead arrived'],
    ['exhibition', 'An exhibition card arrived'],
    ['referral', 'A referral arrived'],
    ['rep-sourced', 'A rep-sourced lead arrived'],
  ])('a %s lead nobody received, with no pool', (channel, sentence) => {
    expect(lead('LeadReceived', { channel, receivedBy: null, poolId: null })).toBe(sentence);
  });

  it('names the pool a lead nobody received came for', () => {
    expect(lead('LeadReceived', { channel: 'web-form', receivedBy: null, poolId: 'east' })).toBe(
      'A web-form lead arrived for pool east',
    );
  });

  it('says whether the lead brought a new customer or matched a known one', () => {
    expect(lead('LeadMatchedToCustomer', { customerId: 'c1', isNewCustomer: true })).toBe(
      'The lead brought a new customer',
    );
    expect(lead('LeadMatchedToCustomer', { customerId: 'c1', isNewCustomer: false })).toBe(
      'The lead matched a customer already known by phone, e-mail or company',
    );
  });

  it('says why a lead was held for review and how the review ended', () => {
    expect(lead('LeadFlaggedForReview', { reason: 'keys match two customers', customerIds: ['c1', 'c2'] })).toBe(
      'The lead was held for a manager’s review: keys match two customers',
    );
    expect(lead('LeadReviewResolved', { customerId: 'c2', reason: 'same company', evidence: [] })).toBe(
      'A manager resolved the review: the lead belongs to customer c2 (same company)',
    );
  });

  it('says who got the lead and why, with the deadline to accept when there is one', () => {
    const trace = { rule: 'received-walk-in', pool: null, note: '' };
    expect(lead('LeadAssigned', { repId: 'rep-wang', acceptBy: '2026-03-02T09:30:00.000Z', trace })).toBe(
      'The lead went to Wang: rep-wang: received this customer in person (walk-in or call) and nobody owned them' +
        '; to accept by 2026-03-02T09:30:00.000Z',
    );
    expect(
      lead('LeadAssigned', { repId: 'rep-li', acceptBy: null, trace: { rule: 'claim', pool: null, note: '' } }),
    ).toBe('The lead went to Li: rep-li: claimed the lead while nobody held it');
  });

  it('says what each rep did with the lead', () => {
    expect(lead('LeadQueued', { poolId: 'east', reason: 'every member is on leave' })).toBe(
      'The lead waits in pool east’s queue: every member is on leave',
    );
    expect(lead('LeadAccepted', { repId: 'rep-wang' })).toBe('Wang accepted the lead');
    expect(lead('LeadDeclined', { repId: 'rep-wang', reason: 'on leave tomorrow' })).toBe(
      'Wang declined the lead: on leave tomorrow',
    );
    expect(lead('LeadAcceptanceExpired', { repId: 'rep-li', acceptBy: '2026-03-02T09:30:00.000Z' })).toBe(
      'Li did not accept the lead by 2026-03-02T09:30:00.000Z',
    );
    expect(lead('LeadQualified', { repId: 'rep-li', note: 'budget confirmed' })).toBe('Li qualified the lead');
    expect(lead('LeadReleased', { repId: 'rep-li', reason: 'no answer' })).toBe(
      'The lead went back to the shared pool from Li: no answer',
    );
    expect(lead('LeadConverted', { saleId: 's1', customerId: 'c1' })).toBe('Sale s1 was recorded from the lead');
  });

  it('names who disqualified a lead, when a rep did', () => {
    expect(lead('LeadDisqualified', { repId: 'rep-wang', reason: 'no-budget', note: '' })).toBe(
      'The lead was disqualified (no-budget) by Wang',
    );
    expect(lead('LeadDisqualified', { repId: null, reason: 'spam', note: '' })).toBe(
      'The lead was disqualified (spam)',
    );
  });
});

describe('a customer’s events in words', () => {
  const registered = {
    keys: [{ kind: 'phone', value: '+8613800138000' }],
    firstLeadId: 'l1',
    firstLeadChannel: 'web-form',
    finderRepId: null,
    registeredAt: '2026-03-01T09:00:00.000Z',
  };
  const ownedByLi: CustomerState = [
    { type: 'CustomerRegistered', data: { customerId: 'c1', ...registered } },
    {
      type: 'OwnershipAssigned',
      data: {
        customerId: 'c1',
        repId: 'rep-li',
        via: 'claim',
        reason: 'claim',
        leadId: null,
        byActorId: null,
        since: '2026-03-01T09:00:00.000Z',
        protectedUntil: '2026-03-31T09:00:00.000Z',
        protectionDays: 30,
        warningDays: 3,
      },
    },
  ].reduce((state, event) => evolveCustomer(state, event as never), initialCustomerState);

  it('lists every key a customer was registered with, and who received the lead only when someone did', () => {
    const twoKeys = [...registered.keys, { kind: 'email', value: 'zhang@example.com' }];
    expect(customer('CustomerRegistered', { ...registered, keys: twoKeys })).toBe(
      'The customer was registered from a web-form lead with a new phone and email',
    );
  });

  it('says which key a later lead added', () => {
    expect(
      customer('CustomerIdentityKeyAdded', { key: { kind: 'email', value: 'zhang@example.com' }, leadId: 'l2' }),
    ).toBe('A later lead added the customer’s email zhang@example.com');
  });

  it.each([
    ['existing-customer', 'as the customer’s existing owner'],
    ['received-walk-in', 'by receiving them in person'],
    ['rep-sourced', 'by bringing the customer in'],
    ['pool-rotation', 'from the pool’s rotation'],
    // Li owned the customer before: a claim of it came once Li's protection had ended (from the pool: the timeline spec).
    ['claim', 'by claiming them once protection had ended'],
    ['transfer', 'by a transfer'],
    ['departure-hand-off', 'by a departing colleague’s hand-off'],
    ['manager-routing', 'by a manager’s routing'],
  ])('says how a rep became the owner: %s', (via, how) => {
    const data = { repId: 'rep-wang', via, protectedUntil: '2026-04-01T09:00:00.000Z' };
    expect(customer('OwnershipAssigned', data, { customerBefore: ownedByLi })).toBe(
      `Wang became the owner ${how}; Li owned the customer; protected until 2026-04-01T09:00:00.000Z`,
    );
  });

  it('says nobody owned the customer when no state before is given', () => {
    const data = { repId: 'rep-wang', via: 'transfer', protectedUntil: '2026-04-01T09:00:00.000Z' };
    expect(customer('OwnershipAssigned', data)).toBe(
      'Wang became the owner by a transfer; nobody owned the customer; protected until 2026-04-01T09:00:00.000Z',
    );
  });

  it('says how long a follow-up protects the customer', () => {
    const data = {
      repId: 'rep-li',
      kind: 'visit',
      note: '',
      at: '2026-03-10T09:00:00.000Z',
      protectedUntil: '2026-04-09T09:00:00.000Z',
    };
    expect(customer('FollowUpLogged', data)).toBe(
      'Li followed up (visit); protection now runs until 2026-04-09T09:00:00.000Z',
    );
  });

  it.each([
    ['protection-expired', 'protection ran out with no follow-up'],
    ['owner-released', 'the owner let the customer go'],
    ['departure', 'the owner left the company'],
  ])('says why the customer went to the shared pool: %s', (reason, why) => {
    expect(customer('CustomerReleased', { repId: 'rep-li', reason, at: '2026-03-31T09:00:00.000Z' })).toBe(
      `The customer went to the shared pool from Li: ${why}`,
    );
  });
});

describe('a sale’s events in words', () => {
  it('gives amounts in the sale’s currency, and in minor units when the currency is not known', () => {
    // 123456 fen = 1,234.56 CNY; 50000 fen = 500.00; 20000 fen = 200.00.
    expect(
      sale('SaleRecorded', { externalId: 'SO-9', amount: 123456, currency: 'CNY', closingRepId: 'rep-wang' }),
    ).toBe('Wang closed sale SO-9 for 1,234.56 CNY');
    expect(sale('PaymentReceived', { externalId: 'PAY-1', amount: 50000, collectedTotal: 70000 })).toBe(
      'Payment PAY-1 of 500.00 CNY was received; 700.00 CNY collected so far',
    );
    expect(sale('PaymentReceived', { externalId: 'PAY-1', amount: 50000, collectedTotal: 70000 }, null)).toBe(
      'Payment PAY-1 of 50000 (minor units) was received; 70000 (minor units) collected so far',
    );
    expect(sale('SaleRefunded', { externalId: 'RF-1', amount: 20000, reason: 'damaged goods' })).toBe(
      'Refund RF-1 of 200.00 CNY: damaged goods',
    );
    expect(sale('SaleCancelled', { amount: 123456, reason: 'customer withdrew' })).toBe(
      'The sale was cancelled: customer withdrew',
    );
  });

  it('gives minor units when the timeline knows no currency at all', () => {
    const refund = stored(
      1,
      'sale-s1',
      { type: 'SaleRefunded', data: { saleId: 's1', externalId: 'RF-1', amount: 20000, reason: 'late' } },
      '2026-03-02T09:00:00.000Z',
    );
    expect(describeEvent(refund, NAMES)).toBe('Refund RF-1 of 20000 (minor units): late');
  });
});

describe('a rep’s events in words', () => {
  const rep = (type: string, data: object) => say('rep-rep-wang', type, { repId: 'rep-wang', ...data });

  it('says who joined which team, and where a departing rep’s customers went', () => {
    expect(rep('RepRegistered', { name: '王伟', email: 'wang@example.com', team: 'East' })).toBe(
      '王伟 joined team East',
    );
    expect(rep('RepDeparted', { mode: 'hand-off', successorRepId: 'rep-li', reason: 'resigned' })).toBe(
      'Wang left the company; everything went to Li',
    );
    expect(rep('RepDeparted', { mode: 'release', successorRepId: null, reason: 'resigned' })).toBe(
      'Wang left the company; everything went to the shared pool',
    );
    expect(rep('RepHandOverRequested', { toRepId: 'rep-li', reason: 'moves to North', byActorId: 'mgr' })).toBe(
      'Everything Wang owns and holds is to go to Li: moves to North',
    );
  });
});

describe('a pool’s events in words', () => {
  it('says what the pool did with a lead', () => {
    expect(pool('PoolLeadAssigned', { leadId: 'l1', repId: 'rep-wang', sequence: 7 })).toBe(
      'Pool east gave lead l1 to Wang (assignment 7 of the pool)',
    );
    expect(pool('PoolLeadQueued', { leadId: 'l1', passedOver: [] })).toBe(
      'Pool east queued lead l1: no member could take it',
    );
    expect(pool('PoolQueuedLeadClaimed', { leadId: 'l1', repId: 'rep-li' })).toBe(
      'Li claimed lead l1 from pool east’s queue',
    );
    expect(pool('PoolQueuedLeadWithdrawn', { leadId: 'l1', reason: 'spam' })).toBe(
      'Lead l1 left pool east’s queue: spam',
    );
  });

  it('names a membership or policy change by its type, and the rep when there is one', () => {
    expect(pool('PoolMemberPaused', { repId: 'rep-li', reason: 'leave' })).toBe('Pool east: PoolMemberPaused for Li');
    expect(pool('PoolCreated', { name: 'Inbound East', strategy: 'least-assigned' })).toBe('Pool east: PoolCreated');
  });
});

describe('a dispute’s events in words', () => {
  const dispute = (type: string, data: object) => say('dispute-d1', type, { disputeId: 'd1', ...data });

  it('says who disputed what, and the claim', () => {
    const opened = (kind: string, id: string) =>
      dispute('DisputeOpened', { claimantRepId: 'rep-wang', subject: { kind, id }, claim: 'I followed up first' });
    expect(opened('customer-ownership', 'c1')).toBe('Wang disputed who owns customer c1: I followed up first');
    expect(opened('lead-assignment', 'l1')).toBe('Wang disputed where lead l1 went: I followed up first');
    expect(opened('ledger-line', 'e1:0')).toBe('Wang disputed ledger line e1:0: I followed up first');
  });

  it('gives a comment, and the decision with its remedy', () => {
    expect(dispute('DisputeCommented', { text: 'the customer called me' })).toBe(
      'A comment on dispute d1: the customer called me',
    );
    const remedy = {
      transfer: { customerId: 'c1', toRepId: 'rep-wang', effectiveAt: '2026-03-01T00:00:00.000Z' },
      adjustments: [{ adjustmentId: 'a1', repId: 'rep-li', amount: -12_345, currency: 'CNY', period: null }],
    };
    expect(dispute('DisputeResolved', { outcome: 'upheld', reason: 'the follow-ups came first', remedy })).toBe(
      'Dispute d1 was upheld: the follow-ups came first; the customer goes to Wang as of 2026-03-01T00:00:00.000Z; ' +
        "Li's commission is adjusted by -123.45 CNY",
    );
    const none = { transfer: null, adjustments: [] };
    expect(dispute('DisputeResolved', { outcome: 'rejected', reason: 'no record', remedy: none })).toBe(
      'Dispute d1 was rejected: no record',
    );
  });
});

describe('an event no area describes', () => {
  it('reads as its type and stream', () => {
    expect(say('plan-book', 'PlanVersionPublished', { planId: 'p1' })).toBe('PlanVersionPublished on plan-book');
  });
});
