import { type RoutingCandidate, type RoutingTrace, pickLeastAssigned, pickSmoothWeighted } from '@leadledger/routing';
import { type ExplanationContext, explainAssignment, explainPoolChoice, passesOnLead } from './assignment-explanation';

const member = (repId: string, weight: number, assignedToday: number, extra: Partial<RoutingCandidate> = {}) =>
  ({
    repId,
    weight,
    eligible: true,
    skippedBecause: null,
    assignedToday,
    assignedThisMonth: assignedToday,
    lastAssignment: null,
    ...extra,
  }) satisfies RoutingCandidate;

const skippedFor = (reason: RoutingCandidate['skippedBecause']) => ({ eligible: false, skippedBecause: reason });

/**
 * Worked by hand. Members in join order: wang (weight 2, credit −2, 4 leads today), li (weight 1,
 * credit 1, 3 today), zhao (weight 1, at its daily cap of 1). The round robin scores each eligible
 * member credit + 2 × weight: wang −2 + 4 = 2, li 1 + 2 = 3, so li wins. Leads today: 4 + 3 + 1 = 8.
 */
const roundRobin: RoutingTrace = {
  strategy: 'smooth-weighted-round-robin',
  policyVersion: 5,
  candidates: [member('wang', 2, 4), member('li', 1, 3), member('zhao', 1, 1, skippedFor('daily-cap'))],
  rotationBefore: { wang: -2, li: 1, zhao: 0 },
  rotationAfter: { wang: 0, li: -1, zhao: 0 },
  chosen: 'li',
};
const zhaoCapped: ExplanationContext = {
  memberTerms: new Map([['zhao', { dailyCap: 1, monthlyCap: null, pausedBecause: null }]]),
  passes: new Map(),
};

describe('why this rep, in words', () => {
  describe('when the round robin chose', () => {
    it('gives the share, the load, the winning score beside the others, and every skip with its limit', () => {
      // The rotation itself agrees with the hand count.
      expect(pickSmoothWeighted(roundRobin.candidates.slice(0, 2), roundRobin.rotationBefore)?.chosen).toBe('li');
      expect(explainPoolChoice('li', roundRobin, zhaoCapped)).toBe(
        'li: weight 1 of 4, 3 of 8 leads today; chosen because its rotation score 3 was highest (wang 2); ' +
          'zhao skipped: daily cap 1 reached',
      );
    });

    it('says what it can without the member terms: the cap reached, with the count that reached it', () => {
      expect(explainPoolChoice('li', roundRobin)).toContain('zhao skipped: daily cap reached (1 today)');
    });

    it('names a pause with its reason, and writes negative scores with a minus sign', () => {
      // wang: −5 + 2 × 1 = −3; li: 0 + 2 = 2.
      const trace: RoutingTrace = {
        ...roundRobin,
        candidates: [member('wang', 1, 0), member('li', 1, 2), member('zhao', 2, 0, skippedFor('paused'))],
        rotationBefore: { wang: -5, li: 0 },
      };
      const context = {
        memberTerms: new Map([['zhao', { dailyCap: null, monthlyCap: null, pausedBecause: 'annual leave' }]]),
        passes: new Map(),
      };
      expect(explainPoolChoice('li', trace, context)).toBe(
        'li: weight 1 of 4, 2 of 2 leads today; chosen because its rotation score 2 was highest (wang −3); ' +
          'zhao skipped: paused (annual leave)',
      );
    });

    it('explains a tie by the tie-breaks the rotation uses: weight, then join order', () => {
      const even: RoutingTrace = {
        ...roundRobin,
        candidates: [member('wang', 1, 0), member('li', 1, 0)],
        rotationBefore: {},
      };
      expect(pickSmoothWeighted(even.candidates, {})?.chosen).toBe('wang');
      expect(explainPoolChoice('wang', even)).toBe(
        'wang: weight 1 of 2, 0 of 0 leads today; chosen because its rotation score 2 was highest (li 2); ' +
          'tied with li, it joined the pool earlier',
      );
    });

    it('says so when nobody else was eligible', () => {
      const alone: RoutingTrace = {
        ...roundRobin,
        candidates: [member('wang', 2, 2, skippedFor('monthly-cap')), member('li', 1, 3)],
      };
      expect(explainPoolChoice('li', alone)).toBe(
        'li: weight 1 of 3, 3 of 5 leads today; chosen because no other member was eligible; ' +
          'wang skipped: monthly cap reached (2 this month)',
      );
    });
  });

  describe('when a lead was re-routed', () => {
    it('says it was re-routed and names who declined and why', () => {
      const trace: RoutingTrace = {
        ...roundRobin,
        candidates: [member('wang', 2, 5, skippedFor('passed-over')), member('li', 1, 3)],
      };
      const passes = passesOnLead([
        { type: 'LeadAssigned', data: { repId: 'wang' } },
        { type: 'LeadDeclined', data: { repId: 'wang', reason: 'customer is abroad' } },
      ]);
      const sentence = explainAssignment(
        { repId: 'li', trace: { rule: 'reassigned-after-decline', pool: trace, note: 'moved on' } },
        { memberTerms: new Map(), passes },
      );
      expect(sentence).toBe(
        'li: re-routed after a decline; weight 1 of 3, 3 of 8 leads today; ' +
          'chosen because no other member was eligible; wang skipped: declined this lead (customer is abroad)',
      );
    });

    it('names a rep who let the acceptance deadline pass, with the deadline', () => {
      const passes = passesOnLead([
        { type: 'LeadAcceptanceExpired', data: { repId: 'wang', acceptBy: '2026-03-02T10:30:00.000Z' } },
      ]);
      const trace: RoutingTrace = {
        ...roundRobin,
        candidates: [member('wang', 2, 5, skippedFor('passed-over')), member('li', 1, 3)],
      };
      expect(
        explainAssignment(
          { repId: 'li', trace: { rule: 'reassigned-after-sla', pool: trace, note: '' } },
          { memberTerms: new Map(), passes },
        ),
      ).toContain(
        're-routed after the acceptance deadline passed; ' +
          'weight 1 of 3, 3 of 8 leads today; chosen because no other member was eligible; ' +
          'wang skipped: did not accept this lead in time (accept by 2026-03-02T10:30:00.000Z)',
      );
    });
  });

  describe('when least-assigned chose', () => {
    it('gives the counts of the day, and the wait that broke a tie', () => {
      // wang and li both had 1 lead today; li's last was lead #2, wang's #5: li waited longer.
      const candidates = [
        member('wang', 3, 1, { lastAssignment: 5 }),
        member('li', 1, 1, { lastAssignment: 2 }),
        member('zhao', 1, 4),
      ];
      expect(pickLeastAssigned(candidates)).toBe('li');
      const trace: RoutingTrace = {
        strategy: 'least-assigned',
        policyVersion: 4,
        candidates,
        rotationBefore: { wang: 1, li: 1, zhao: 4 },
        rotationAfter: { wang: 1, li: 2, zhao: 4 },
        chosen: 'li',
      };
      expect(explainPoolChoice('li', trace)).toBe(
        'li: 1 of 6 leads today; chosen because its 1 leads today were the fewest (wang 1, zhao 4); ' +
          'tied with wang, it waited longest for a lead (last had lead #2)',
      );
    });
  });

  describe('when no pool chose', () => {
    it.each([
      ['existing-customer', 'wang: already owns this customer, so the lead goes to the owner'],
      ['received-walk-in', 'wang: received this customer in person (walk-in or call) and nobody owned them'],
      ['rep-sourced', 'wang: sourced this lead'],
      ['claim', 'wang: claimed the lead while nobody held it'],
      ['hand-off', 'wang: took the lead over in a hand-over (handed over from li: moved teams)'],
      ['manager-routing', 'wang: routed by hand (handed over from li: moved teams)'],
    ] as const)('explains rule %s', (rule, sentence) => {
      const trace = { rule, pool: null, note: 'handed over from li: moved teams' };
      expect(explainAssignment({ repId: 'wang', trace })).toBe(sentence);
    });

    it('says the lead followed the owner when the pool had chosen someone else', () => {
      const trace = { rule: 'existing-customer' as const, pool: roundRobin, note: 'wang owns this customer' };
      expect(explainAssignment({ repId: 'wang', trace })).toBe(
        'wang: owns this customer, so the lead follows the owner (the pool had chosen li)',
      );
    });
  });
});
