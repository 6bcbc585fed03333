import { given } from '@leadledger/kernel/testing';
import type { RecordSale } from './sale.commands';
import { saleDecider } from './sale.decider';
import type { SaleEvent } from './sale.events';
import {
  CLOSED_AT,
  LATER,
  cancel,
  cancelled,
  paid,
  pay,
  recordSale,
  recorded,
  refund,
  refunded,
} from './sale.fixtures';

const fold = (history: readonly SaleEvent[]) => history.reduce(saleDecider.evolve, saleDecider.initialState);

describe('sale decider', () => {
  describe('when the sale does not exist', () => {
    it('records it, naming the plan in effect without its currency', () => {
      given(saleDecider).when(recordSale).thenEvents([recorded]);
      expect(fold([recorded])).toMatchObject({
        status: 'open',
        collectedTotal: 0,
        refundedTotal: 0,
        net: 1_200_000,
        payments: {},
        refunds: {},
      });
    });

    it('records a sale with no cost, or a cost of zero', () => {
      given(saleDecider)
        .when({ ...recordSale, cost: null })
        .thenEvents([{ ...recorded, data: { ...recorded.data, cost: null } } as SaleEvent]);
      given(saleDecider)
        .when({ ...recordSale, cost: 0 })
        .thenEvents([{ ...recorded, data: { ...recorded.data, cost: 0 } } as SaleEvent]);
    });

    it.each([0, -100, 12.5, 2 ** 53])('refuses an amount of %p', (amount) => {
      given(saleDecider)
        .when({ ...recordSale, amount })
        .thenRefuses({ code: 'InvalidAmount', facts: { amount } });
    });

    it.each([-1, 0.5])('refuses a cost of %p', (cost) => {
      given(saleDecider)
        .when({ ...recordSale, cost })
        .thenRefuses({ code: 'InvalidCost', facts: { cost } });
    });

    it('refuses a currency the engine does not know', () => {
      given(saleDecider)
        .when({ ...recordSale, currency: 'XYZ' })
        .thenRefuses({ code: 'UnknownCurrency', facts: { currency: 'XYZ' } });
    });

    it('refuses a sale closed after it is recorded, comparing instants across zones', () => {
      // 21:00 at +08:00 is 13:00 UTC, an hour after the 12:00 UTC recording.
      given(saleDecider)
        .when({ ...recordSale, closedAt: '2026-11-02T21:00:00+08:00' })
        .thenRefuses({ code: 'ClosedInFuture', facts: { closedAt: '2026-11-02T21:00:00+08:00', at: recordSale.at } });
      given(saleDecider)
        .when({ ...recordSale, closedAt: '2026-11-02T12:00:00.001Z' })
        .thenRefuses({ code: 'ClosedInFuture' });
    });

    it('records a sale closed at the very moment it is recorded, or earlier in another zone', () => {
      given(saleDecider)
        .when({ ...recordSale, closedAt: recordSale.at })
        .thenEvents([{ ...recorded, data: { ...recorded.data, closedAt: recordSale.at } } as SaleEvent]);
      // 19:00 at +08:00 is 11:00 UTC.
      given(saleDecider)
        .when({ ...recordSale, closedAt: '2026-11-02T19:00:00+08:00' })
        .thenEvents([{ ...recorded, data: { ...recorded.data, closedAt: '2026-11-02T19:00:00+08:00' } } as SaleEvent]);
    });

    it.each(['2026-11-02', '2 Nov 2026 10:00', ''])('refuses a closing time of %p, which is no instant', (closedAt) => {
      given(saleDecider)
        .when({ ...recordSale, closedAt })
        .thenRefuses({ code: 'InvalidTime', facts: { closedAt } });
    });

    it('refuses a sale recorded at a time that is no instant', () => {
      given(saleDecider)
        .when({ ...recordSale, at: '2026-11-02 12:00' })
        .thenRefuses({ code: 'InvalidTime', facts: { at: '2026-11-02 12:00' } });
    });

    it('refuses a sale when no plan was in effect at its close', () => {
      given(saleDecider)
        .when({ ...recordSale, plan: null })
        .thenRefuses({ code: 'NoPlanInEffect', facts: { closedAt: CLOSED_AT } });
    });

    it('refuses a sale in another currency than its plan', () => {
      given(saleDecider)
        .when({ ...recordSale, currency: 'USD' })
        .thenRefuses({
          code: 'CurrencyNotInPlan',
          facts: { currency: 'USD', planCurrency: 'CNY', planId: 'plan-std', version: 3 },
        });
    });

    it('refuses payments, refunds and cancellations of it', () => {
      given(saleDecider)
        .when(pay('P-1', 100))
        .thenRefuses({ code: 'SaleUnknown', facts: { saleId: 'sale-1' } });
      given(saleDecider).when(refund('R-1', 100)).thenRefuses({ code: 'SaleUnknown' });
      given(saleDecider).when(cancel()).thenRefuses({ code: 'SaleUnknown' });
    });
  });

  describe('when the sale is recorded and nothing is paid', () => {
    const history = [recorded];

    it('changes nothing when the same sale is sent again, even under a newer plan or in another zone', () => {
      given(saleDecider, history).when(recordSale).thenEvents([]);
      given(saleDecider, history)
        .when({ ...recordSale, plan: { planId: 'plan-std', version: 4, currency: 'CNY' }, at: LATER })
        .thenEvents([]);
      // 18:00 at +08:00 is the same instant as 10:00 UTC.
      given(saleDecider, history)
        .when({ ...recordSale, closedAt: '2026-11-02T18:00:00+08:00' })
        .thenEvents([]);
    });

    it.each<[string, Partial<RecordSale>]>([
      ['customer', { customerId: 'cust-2' }],
      ['amount', { amount: 1_200_001 }],
      ['cost', { cost: null }],
      ['currency', { currency: 'USD' }],
      ['close', { closedAt: '2026-11-02T10:00:01.000Z' }],
      ['closing rep', { closingRepId: 'rep-li' }],
      ['lead', { leadId: null }],
    ])('refuses the same external id with another %s, showing what was recorded', (_field, change) => {
      const { plan: _plan, ...shown } = recorded.data as Extract<SaleEvent, { type: 'SaleRecorded' }>['data'];
      given(saleDecider, history)
        .when({ ...recordSale, ...change })
        .thenRefuses({ code: 'ExternalIdReused', facts: shown });
    });

    it('refuses another external id under the same sale id', () => {
      given(saleDecider, history)
        .when({ ...recordSale, externalId: 'S-2' })
        .thenRefuses({ code: 'SaleAlreadyRecorded', facts: { saleId: 'sale-1', externalId: 'S-1' } });
    });

    it('takes a first payment: 5,000.00 of 12,000.00 collected', () => {
      given(saleDecider, history)
        .when(pay('P-1', 500_000))
        .thenEvents([paid('P-1', 500_000, 500_000)]);
    });

    it('takes the whole amount in one payment, received the moment the sale closed', () => {
      given(saleDecider, history)
        .when(pay('P-1', 1_200_000, { receivedAt: CLOSED_AT }))
        .thenEvents([
          {
            type: 'PaymentReceived',
            data: { ...paid('P-1', 1_200_000, 1_200_000).data, receivedAt: CLOSED_AT },
          } as SaleEvent,
        ]);
    });

    it('refuses a payment of one fen more than the sale is worth', () => {
      given(saleDecider, history)
        .when(pay('P-1', 1_200_001))
        .thenRefuses({
          code: 'PaymentExceedsOutstanding',
          facts: { net: 1_200_000, collectedTotal: 0, outstanding: 1_200_000 },
        });
    });

    it('refuses a payment in another currency', () => {
      given(saleDecider, history)
        .when(pay('P-1', 500_000, { currency: 'USD' }))
        .thenRefuses({ code: 'CurrencyMismatch', facts: { currency: 'USD', saleCurrency: 'CNY' } });
    });

    it.each([0, -1, 0.5])('refuses a payment of %p', (amount) => {
      given(saleDecider, history).when(pay('P-1', amount)).thenRefuses({ code: 'InvalidAmount', facts: { amount } });
    });

    it('refuses a payment received before the sale closed, after it is recorded, or at no instant', () => {
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: '2026-11-02T09:59:59.999Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { receivedAt: '2026-11-02T09:59:59.999Z', closedAt: CLOSED_AT } });
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: '2026-11-30T00:00:00.001Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { receivedAt: '2026-11-30T00:00:00.001Z', at: LATER } });
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: 'yesterday' }))
        .thenRefuses({ code: 'InvalidTime', facts: { receivedAt: 'yesterday' } });
      given(saleDecider, history)
        .when(pay('P-1', 100, { at: 'now' }))
        .thenRefuses({ code: 'InvalidTime', facts: { at: 'now' } });
    });

    it('takes a payment received at the very moment it is recorded, or given to the minute', () => {
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: LATER }))
        .thenEvents([
          { type: 'PaymentReceived', data: { ...paid('P-1', 100, 100).data, receivedAt: LATER } } as SaleEvent,
        ]);
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: '2026-11-05T17:00+08:00' }))
        .thenEvents([
          {
            type: 'PaymentReceived',
            data: { ...paid('P-1', 100, 100).data, receivedAt: '2026-11-05T17:00+08:00' },
          } as SaleEvent,
        ]);
    });

    it('refuses a time with a six-digit year: an instant is written with four', () => {
      // Date.parse reads '+002026-11-05T09:00:00Z' as 5 November 2026; the engine's times do not take that form.
      given(saleDecider, history)
        .when(pay('P-1', 100, { receivedAt: '+002026-11-05T09:00:00Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { receivedAt: '+002026-11-05T09:00:00Z' } });
    });

    it('keeps a payment whose external id is also a name on every object', () => {
      const state = fold([...history, paid('constructor', 100, 100)]);
      expect(state).toMatchObject({ collectedTotal: 100 });
      given(saleDecider, history)
        .when(pay('constructor', 100))
        .thenEvents([paid('constructor', 100, 100)]);
      given(saleDecider, [...history, paid('constructor', 100, 100)])
        .when(pay('constructor', 100))
        .thenEvents([]);
    });

    it('takes a refund of 2,000.00 with its reason, trimmed', () => {
      given(saleDecider, history)
        .when(refund('R-1', 200_000, { reason: '  one unit returned ' }))
        .thenEvents([refunded('R-1', 200_000, 200_000)]);
    });

    it('refuses a refund of more than the sale is worth', () => {
      given(saleDecider, history)
        .when(refund('R-1', 1_200_001))
        .thenRefuses({ code: 'RefundExceedsNet', facts: { net: 1_200_000 } });
    });

    it('refuses a refund without a reason, of no amount, in another currency or at a wrong time', () => {
      given(saleDecider, history)
        .when(refund('R-1', 100, { reason: '   ' }))
        .thenRefuses({ code: 'ReasonRequired' });
      given(saleDecider, history)
        .when(refund('R-1', 0))
        .thenRefuses({ code: 'InvalidAmount', facts: { amount: 0 } });
      given(saleDecider, history)
        .when(refund('R-1', 100, { currency: 'EUR' }))
        .thenRefuses({ code: 'CurrencyMismatch', facts: { currency: 'EUR', saleCurrency: 'CNY' } });
      given(saleDecider, history)
        .when(refund('R-1', 100, { refundedAt: '2026-11-01T00:00:00.000Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { refundedAt: '2026-11-01T00:00:00.000Z', closedAt: CLOSED_AT } });
      given(saleDecider, history)
        .when(refund('R-1', 100, { refundedAt: '2026-12-01T00:00:00.000Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { refundedAt: '2026-12-01T00:00:00.000Z', at: LATER } });
    });

    it('is cancelled for its whole amount', () => {
      given(saleDecider, history)
        .when(cancel())
        .thenEvents([cancelled(1_200_000)]);
    });

    it('refuses a cancellation without a reason, or dated outside the sale', () => {
      given(saleDecider, history)
        .when(cancel({ reason: ' ' }))
        .thenRefuses({ code: 'ReasonRequired' });
      given(saleDecider, history)
        .when(cancel({ cancelledAt: '2026-11-02T09:00:00.000Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { cancelledAt: '2026-11-02T09:00:00.000Z', closedAt: CLOSED_AT } });
      given(saleDecider, history)
        .when(cancel({ cancelledAt: '2026-12-01T00:00:00.000Z' }))
        .thenRefuses({ code: 'InvalidTime', facts: { cancelledAt: '2026-12-01T00:00:00.000Z', at: LATER } });
      given(saleDecider, history)
        .when(cancel({ cancelledAt: 'soon' }))
        .thenRefuses({ code: 'InvalidTime', facts: { cancelledAt: 'soon' } });
    });
  });

  describe('when the sale is partly paid (5,000.00 of 12,000.00)', () => {
    const history = [recorded, paid('P-1', 500_000, 500_000)];

    it('takes the rest: 5,000.00 + 7,000.00 = 12,000.00 collected', () => {
      given(saleDecider, history)
        .when(pay('P-2', 700_000))
        .thenEvents([paid('P-2', 700_000, 1_200_000)]);
    });

    it('refuses one fen more than the 7,000.00 outstanding', () => {
      given(saleDecider, history)
        .when(pay('P-2', 700_001))
        .thenRefuses({
          code: 'PaymentExceedsOutstanding',
          facts: { net: 1_200_000, collectedTotal: 500_000, outstanding: 700_000 },
        });
    });

    it('changes nothing when the payment is sent again, whatever payment id the sender made up', () => {
      given(saleDecider, history).when(pay('P-1', 500_000)).thenEvents([]);
      given(saleDecider, history)
        .when(pay('P-1', 500_000, { paymentId: 'pay-other', receivedAt: '2026-11-05T17:00:00+08:00' }))
        .thenEvents([]);
    });

    it('refuses the same payment id with another amount or time, showing what was recorded', () => {
      const shown = {
        externalId: 'P-1',
        paymentId: 'pay-P-1',
        amount: 500_000,
        receivedAt: '2026-11-05T09:00:00.000Z',
      };
      given(saleDecider, history).when(pay('P-1', 500_001)).thenRefuses({ code: 'ExternalIdReused', facts: shown });
      given(saleDecider, history)
        .when(pay('P-1', 500_000, { receivedAt: '2026-11-06T09:00:00.000Z' }))
        .thenRefuses({ code: 'ExternalIdReused', facts: shown });
      given(saleDecider, history)
        .when(pay('P-1', 500_000, { currency: 'USD' }))
        .thenRefuses({ code: 'ExternalIdReused', facts: shown });
    });

    it('is cancelled for its whole amount, money collected or not', () => {
      given(saleDecider, history)
        .when(cancel())
        .thenEvents([cancelled(1_200_000)]);
    });
  });

  describe('when the sale is partly refunded (2,000.00 of 12,000.00)', () => {
    const history = [recorded, refunded('R-1', 200_000, 200_000)];

    it('is worth 10,000.00', () => {
      expect(fold(history)).toMatchObject({ status: 'open', refundedTotal: 200_000, net: 1_000_000 });
    });

    it('takes a second refund of the 10,000.00 left: 2,000.00 + 10,000.00 = 12,000.00 refunded', () => {
      given(saleDecider, history)
        .when(refund('R-2', 1_000_000))
        .thenEvents([refunded('R-2', 1_000_000, 1_200_000)]);
    });

    it('refuses a refund of one fen more than the 10,000.00 left', () => {
      given(saleDecider, history)
        .when(refund('R-2', 1_000_001))
        .thenRefuses({ code: 'RefundExceedsNet', facts: { net: 1_000_000 } });
    });

    it('takes payments up to 10,000.00 only', () => {
      given(saleDecider, history)
        .when(pay('P-1', 1_000_000))
        .thenEvents([paid('P-1', 1_000_000, 1_000_000)]);
      given(saleDecider, history)
        .when(pay('P-1', 1_000_001))
        .thenRefuses({
          code: 'PaymentExceedsOutstanding',
          facts: { net: 1_000_000, collectedTotal: 0, outstanding: 1_000_000 },
        });
    });

    it('changes nothing when the refund is sent again, and refuses its id with another amount', () => {
      given(saleDecider, history).when(refund('R-1', 200_000)).thenEvents([]);
      const shown = {
        externalId: 'R-1',
        refundId: 'ref-R-1',
        amount: 200_000,
        refundedAt: '2026-11-10T09:00:00.000Z',
        reason: 'one unit returned',
      };
      given(saleDecider, history).when(refund('R-1', 300_000)).thenRefuses({ code: 'ExternalIdReused', facts: shown });
      given(saleDecider, history)
        .when(refund('R-1', 200_000, { currency: 'USD' }))
        .thenRefuses({ code: 'ExternalIdReused', facts: shown });
    });

    it('is cancelled for the 10,000.00 that remains', () => {
      given(saleDecider, history)
        .when(cancel())
        .thenEvents([cancelled(1_000_000)]);
    });
  });

  describe('when the sale is fully paid (12,000.00)', () => {
    const history = [recorded, paid('P-1', 1_200_000, 1_200_000)];

    it('refuses any further payment, with nothing outstanding', () => {
      given(saleDecider, history)
        .when(pay('P-2', 1))
        .thenRefuses({
          code: 'PaymentExceedsOutstanding',
          facts: { net: 1_200_000, collectedTotal: 1_200_000, outstanding: 0 },
        });
    });

    it('takes a refund of 3,000.00 that leaves it worth 9,000.00 with 12,000.00 collected (money returned)', () => {
      given(saleDecider, history)
        .when(refund('R-1', 300_000))
        .thenEvents([refunded('R-1', 300_000, 300_000)]);
      const after = [...history, refunded('R-1', 300_000, 300_000)];
      expect(fold(after)).toMatchObject({ net: 900_000, collectedTotal: 1_200_000, refundedTotal: 300_000 });
      given(saleDecider, after)
        .when(pay('P-2', 1))
        .thenRefuses({
          code: 'PaymentExceedsOutstanding',
          facts: { net: 900_000, collectedTotal: 1_200_000, outstanding: 0 },
        });
    });

    it('is cancelled for its whole amount although all of it was collected', () => {
      given(saleDecider, history)
        .when(cancel())
        .thenEvents([cancelled(1_200_000)]);
    });
  });

  describe('when the sale is fully refunded', () => {
    const history = [recorded, refunded('R-1', 1_200_000, 1_200_000)];

    it('is worth nothing: no refund or payment of even one fen', () => {
      given(saleDecider, history)
        .when(refund('R-2', 1))
        .thenRefuses({ code: 'RefundExceedsNet', facts: { net: 0 } });
      given(saleDecider, history)
        .when(pay('P-1', 1))
        .thenRefuses({ code: 'PaymentExceedsOutstanding', facts: { net: 0, collectedTotal: 0, outstanding: 0 } });
    });

    it('is cancelled for the nothing that remains', () => {
      given(saleDecider, history)
        .when(cancel())
        .thenEvents([cancelled(0)]);
    });
  });

  describe('when the sale is cancelled (5,000.00 paid, 2,000.00 refunded, 10,000.00 voided)', () => {
    const history = [recorded, paid('P-1', 500_000, 500_000), refunded('R-1', 200_000, 200_000), cancelled(1_000_000)];

    it('is worth nothing and keeps what was collected and refunded', () => {
      expect(fold(history)).toMatchObject({
        status: 'cancelled',
        net: 0,
        collectedTotal: 500_000,
        refundedTotal: 200_000,
        cancelledAmount: 1_000_000,
        cancelledAt: '2026-11-20T09:00:00.000Z',
        cancelReason: 'contract voided',
      });
    });

    it('refuses new payments and refunds', () => {
      given(saleDecider, history)
        .when(pay('P-2', 100))
        .thenRefuses({ code: 'SaleCancelled', facts: { cancelledAt: '2026-11-20T09:00:00.000Z' } });
      given(saleDecider, history)
        .when(refund('R-2', 100))
        .thenRefuses({ code: 'SaleCancelled', facts: { cancelledAt: '2026-11-20T09:00:00.000Z' } });
    });

    it('changes nothing when the sale, a payment, a refund or the cancellation is sent again', () => {
      given(saleDecider, history).when(recordSale).thenEvents([]);
      given(saleDecider, history).when(pay('P-1', 500_000)).thenEvents([]);
      given(saleDecider, history).when(refund('R-1', 200_000)).thenEvents([]);
      given(saleDecider, history)
        .when(cancel({ reason: 'another reason', cancelledAt: '2026-11-21T00:00:00.000Z' }))
        .thenEvents([]);
    });
  });
});
