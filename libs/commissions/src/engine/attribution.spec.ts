import type { SaleRecorded } from '@leadledger/sales';
import { type CustomerFacts, type LeadFacts, attributeSale } from './attribution';
import { aPlan } from './ledger.fixtures';

/*
 * Attribution from facts alone. The plan's new-customer window is 90 days; every time is
 * UTC, so the window's end is worked by calendar: 10 January + 90 days = 21 (rest of
 * January) + 28 (February) + 31 (March) + 10 = 10 April, same time of day.
 */
const FIRST_SALE = '2026-01-10T02:00:00.000Z';
const WINDOW_ENDS = '2026-04-10T02:00:00.000Z';
const plan = aPlan({ newCustomerWindowDays: 90 });

const sale = (overrides: Partial<SaleRecorded['data']> = {}): SaleRecorded['data'] => ({
  saleId: 's1',
  externalId: 's1',
  customerId: 'c1',
  amount: 100_000,
  cost: null,
  currency: 'CNY',
  closedAt: '2026-03-01T02:00:00.000Z',
  closingRepId: 'rep-closer',
  leadId: null,
  plan: { planId: plan.planId, version: plan.version },
  ...overrides,
});

/** c1: first lead `lead-1`, owned by rep-a since 1 January and still. */
const customer = (overrides: Partial<CustomerFacts> = {}): CustomerFacts => ({
  customerId: 'c1',
  firstLeadId: 'lead-1',
  firstLeadChannel: 'rep-sourced',
  finderRepId: 'rep-a',
  ownership: [{ repId: 'rep-a', from: '2026-01-01T00:00:00.000Z', to: null, via: 'claim', reason: 'found' }],
  firstSaleAt: FIRST_SALE,
  ...overrides,
});

const leads =
  (...known: LeadFacts[]) =>
  (leadId: string): LeadFacts | null =>
    known.find((l) => l.leadId === leadId) ?? null;
const lead = (leadId: string, referralPartnerId: string | null): LeadFacts => ({
  leadId,
  channel: 'referral',
  receivedBy: null,
  referralPartnerId,
});

describe('attributeSale', () => {
  describe('when the customer was found by the rep who owns them at closedAt', () => {
    it('is new and rep-sourced, credited to the owner, and says why in three sentences', () => {
      expect(attributeSale(sale(), customer(), leads(), plan)).toEqual({
        saleId: 's1',
        customerId: 'c1',
        closedAt: '2026-03-01T02:00:00.000Z',
        customerStatus: 'new',
        firstSaleAt: FIRST_SALE,
        newCustomerWindowEndsAt: WINDOW_ENDS,
        source: 'rep-sourced',
        channel: 'rep-sourced',
        ownerAtClose: 'rep-a',
        finderRepId: 'rep-a',
        closerRepId: 'rep-closer',
        creditedRepId: 'rep-a',
        attributionClass: 'new-rep-sourced',
        referralPartnerId: null,
        planId: 'standard',
        planVersion: 1,
        explanation: [
          'new: closed 2026-03-01T02:00:00.000Z, within 90 days of the first sale on 2026-01-10T02:00:00.000Z',
          'rep-sourced: the first lead was rep-sourced by rep-a',
          'credited to rep-a, the owner at closedAt',
        ],
      });
    });
  });

  describe("at the edge of the new-customer window (90 days from the customer's first sale)", () => {
    it('is still new when it closes at the very instant the window ends', () => {
      const attribution = attributeSale(sale({ closedAt: WINDOW_ENDS }), customer(), leads(), plan);
      expect(attribution).toMatchObject({ customerStatus: 'new', attributionClass: 'new-rep-sourced' });
    });

    it('is existing one millisecond later, and the explanation names the end of the window', () => {
      const closedAt = '2026-04-10T02:00:00.001Z';
      const attribution = attributeSale(sale({ closedAt }), customer(), leads(), plan);
      expect(attribution).toMatchObject({
        customerStatus: 'existing',
        attributionClass: 'existing',
        firstSaleAt: FIRST_SALE,
        newCustomerWindowEndsAt: WINDOW_ENDS,
      });
      expect(attribution.explanation[0]).toBe(
        `existing: closed ${closedAt}, after the new-customer window ended ${WINDOW_ENDS}`,
      );
    });

    it("counts the window from the sale itself when it closed before the customer's first sale known so far", () => {
      // Back-dated to 1 January: it becomes the first sale; its window ends 1 January + 90 days = 1 April.
      const closedAt = '2026-01-01T02:00:00.000Z';
      const attribution = attributeSale(sale({ closedAt }), customer(), leads(), plan);
      expect(attribution).toMatchObject({ firstSaleAt: closedAt, newCustomerWindowEndsAt: '2026-04-01T02:00:00.000Z' });
    });
  });

  describe('when the credited rep is not the one who sourced the first lead', () => {
    it('is company-provided, and names the channel and the rep who did source it', () => {
      const transferred = customer({
        ownership: [
          { repId: 'rep-b', from: '2026-01-01T00:00:00.000Z', to: null, via: 'transfer', reason: 'hand-off' },
        ],
      });
      const attribution = attributeSale(sale(), transferred, leads(), plan);
      expect(attribution).toMatchObject({
        source: 'company-provided',
        attributionClass: 'new-company-provided',
        creditedRepId: 'rep-b',
        finderRepId: 'rep-a',
      });
      expect(attribution.explanation[1]).toBe(
        'company-provided: the first lead came by rep-sourced from rep-a, not the credited rep',
      );
    });

    it('says only the channel when the first lead came in to the company (a walk-in)', () => {
      const walkIn = customer({ firstLeadChannel: 'walk-in' });
      const attribution = attributeSale(sale(), walkIn, leads(), plan);
      expect(attribution).toMatchObject({ source: 'company-provided', channel: 'walk-in' });
      expect(attribution.explanation[1]).toBe('company-provided: the first lead came by walk-in');
    });
  });

  describe('when nobody owned the customer at closedAt', () => {
    it('credits the closer and says nobody owned the customer', () => {
      const released = customer({
        ownership: [
          {
            repId: 'rep-a',
            from: '2026-01-01T00:00:00.000Z',
            to: '2026-02-01T00:00:00.000Z',
            via: 'claim',
            reason: 'x',
          },
        ],
      });
      const attribution = attributeSale(sale(), released, leads(), plan);
      expect(attribution).toMatchObject({ ownerAtClose: null, creditedRepId: 'rep-closer' });
      // rep-a sourced the lead but is not the credited rep: company-provided.
      expect(attribution.explanation.slice(1)).toEqual([
        'company-provided: the first lead came by rep-sourced from rep-a, not the credited rep',
        'credited to the closer rep-closer: nobody owned the customer at closedAt',
      ]);
    });
  });

  describe('when the engine has never seen the customer', () => {
    it("is the customer's first sale, company-provided by an unknown channel, credited to the closer", () => {
      expect(attributeSale(sale(), null, leads(), plan)).toMatchObject({
        customerStatus: 'new',
        firstSaleAt: '2026-03-01T02:00:00.000Z',
        newCustomerWindowEndsAt: '2026-05-30T02:00:00.000Z', // 1 March + 30 (rest of March) + 30 (April) + 30 = 30 May
        source: 'company-provided',
        channel: null,
        ownerAtClose: null,
        finderRepId: null,
        creditedRepId: 'rep-closer',
        attributionClass: 'new-company-provided',
        referralPartnerId: null,
        explanation: [
          'new: closed 2026-03-01T02:00:00.000Z, within 90 days of the first sale on 2026-03-01T02:00:00.000Z',
          'company-provided: the first lead came by an unknown channel',
          'credited to the closer rep-closer: nobody owned the customer at closedAt',
        ],
      });
    });

    it("still names the partner on the sale's own lead", () => {
      const attribution = attributeSale(sale({ leadId: 'lead-9' }), null, leads(lead('lead-9', 'bank-y')), plan);
      expect(attribution.referralPartnerId).toBe('bank-y');
    });
  });

  describe('the referral partner', () => {
    it("is the one named on the sale's lead", () => {
      const known = leads(lead('lead-1', 'bank-x'), lead('lead-9', 'bank-y'));
      expect(attributeSale(sale({ leadId: 'lead-9' }), customer(), known, plan).referralPartnerId).toBe('bank-y');
    });

    it("is the one on the customer's first lead when the sale names no lead, or one the engine never saw", () => {
      const known = leads(lead('lead-1', 'bank-x'));
      expect(attributeSale(sale(), customer(), known, plan).referralPartnerId).toBe('bank-x');
      expect(attributeSale(sale({ leadId: 'lead-unseen' }), customer(), known, plan).referralPartnerId).toBe('bank-x');
    });
  });
});
