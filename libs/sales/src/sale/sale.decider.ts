import {
  type Decider,
  type Decision,
  type Refusal,
  assertNever,
  instantMs,
  isKnownCurrency,
  refuse,
} from '@leadledger/kernel';
import type { SaleCommand } from './sale.commands';
import type { SaleEvent } from './sale.events';
import { type RecordedSale, type SaleState, evolveSale, initialSaleState, recordedUnder } from './sale.state';

type Command<T extends SaleCommand['type']> = Extract<SaleCommand, { type: T }>;
type MoneyCommand = Command<'RecordPayment'> | Command<'RecordRefund'>;

const sameInstant = (a: string, b: string): boolean => instantMs(a) === instantMs(b);

const positive = (amount: number): boolean => Number.isSafeInteger(amount) && amount > 0;
const invalidAmount = (amount: number): Refusal | null =>
  positive(amount)
    ? null
    : refuse('InvalidAmount', 'The amount must be a positive whole number of minor units', { amount });

/** A payment, refund or cancellation happens between the sale's close and the moment it is recorded. */
function outsideSale(field: string, value: string, s: RecordedSale, at: string): Refusal | null {
  const closedAt = s.sale.closedAt;
  if (Number.isNaN(instantMs(at))) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { at });
  const time = instantMs(value);
  if (Number.isNaN(time)) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { [field]: value });
  if (time < instantMs(closedAt))
    return refuse('InvalidTime', 'The time is before the sale closed', { [field]: value, closedAt });
  if (time > instantMs(at)) return refuse('InvalidTime', 'The time is in the future', { [field]: value, at });
  return null;
}

function record(c: Command<'RecordSale'>, s: SaleState): Decision<SaleEvent> {
  const { saleId, externalId, customerId, amount, cost, currency, closedAt, closingRepId, leadId, plan, at } = c;
  if (s.status !== 'absent') {
    const { plan: _plan, ...recorded } = s.sale;
    if (recorded.externalId !== externalId)
      return refuse('SaleAlreadyRecorded', 'Another sale was recorded under this id', {
        saleId,
        externalId: recorded.externalId,
      });
    const same =
      recorded.customerId === customerId &&
      recorded.amount === amount &&
      recorded.cost === cost &&
      recorded.currency === currency &&
      sameInstant(recorded.closedAt, closedAt) &&
      recorded.closingRepId === closingRepId &&
      recorded.leadId === leadId;
    return same ? [] : refuse('ExternalIdReused', 'This external id was recorded with other data', recorded);
  }
  const refusal = invalidAmount(amount);
  if (refusal) return refusal;
  if (cost !== null && !(Number.isSafeInteger(cost) && cost >= 0))
    return refuse('InvalidCost', 'The cost must be null or a non-negative whole number of minor units', { cost });
  if (!isKnownCurrency(currency))
    return refuse('UnknownCurrency', 'The currency is not one this engine knows', { currency });
  if (Number.isNaN(instantMs(at))) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { at });
  if (Number.isNaN(instantMs(closedAt)))
    return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { closedAt });
  if (instantMs(closedAt) > instantMs(at))
    return refuse('ClosedInFuture', 'A sale cannot close in the future', { closedAt, at });
  if (plan === null)
    return refuse('NoPlanInEffect', 'No commission plan was in effect when the sale closed', { closedAt });
  if (plan.currency !== currency) {
    const { planId, version } = plan;
    return refuse('CurrencyNotInPlan', "The sale's currency is not its plan's", {
      currency,
      planCurrency: plan.currency,
      planId,
      version,
    });
  }
  const data = { saleId, externalId, customerId, amount, cost, currency, closedAt, closingRepId, leadId };
  return [{ type: 'SaleRecorded', data: { ...data, plan: { planId: plan.planId, version: plan.version } } }];
}

/** Refusals shared by payments and refunds, after the resend check: the sale is open and in the command's currency. */
function notPayable(c: MoneyCommand, s: RecordedSale): Refusal | null {
  if (s.status === 'cancelled')
    return refuse('SaleCancelled', 'The sale was cancelled', { cancelledAt: s.cancelledAt });
  if (c.currency !== s.sale.currency)
    return refuse('CurrencyMismatch', 'The currency is not the sale’s', {
      currency: c.currency,
      saleCurrency: s.sale.currency,
    });
  return invalidAmount(c.amount);
}

function pay(c: Command<'RecordPayment'>, s: RecordedSale): Decision<SaleEvent> {
  const { saleId, paymentId, externalId, amount, currency, receivedAt, at } = c;
  const known = recordedUnder(s.payments, externalId);
  if (known) {
    const same = known.amount === amount && sameInstant(known.receivedAt, receivedAt) && currency === s.sale.currency;
    return same
      ? []
      : refuse('ExternalIdReused', 'This payment id was recorded with other data', { externalId, ...known });
  }
  const refusal = notPayable(c, s) ?? outsideSale('receivedAt', receivedAt, s, at);
  if (refusal) return refusal;
  const { net, collectedTotal } = s;
  if (collectedTotal + amount > net) {
    const outstanding = Math.max(0, net - collectedTotal);
    return refuse('PaymentExceedsOutstanding', 'The payment is more than is still owed', {
      net,
      collectedTotal,
      outstanding,
    });
  }
  const data = { saleId, paymentId, externalId, amount, receivedAt, collectedTotal: collectedTotal + amount };
  return [{ type: 'PaymentReceived', data }];
}

function refund(c: Command<'RecordRefund'>, s: RecordedSale): Decision<SaleEvent> {
  const { saleId, refundId, externalId, amount, currency, refundedAt, at } = c;
  const known = recordedUnder(s.refunds, externalId);
  if (known) {
    const same = known.amount === amount && sameInstant(known.refundedAt, refundedAt) && currency === s.sale.currency;
    return same
      ? []
      : refuse('ExternalIdReused', 'This refund id was recorded with other data', { externalId, ...known });
  }
  const refusal = notPayable(c, s) ?? outsideSale('refundedAt', refundedAt, s, at);
  if (refusal) return refusal;
  if (amount > s.net)
    return refuse('RefundExceedsNet', 'The refund is more than the sale is still worth', { net: s.net });
  const reason = c.reason.trim();
  if (reason === '') return refuse('ReasonRequired', 'A refund needs a reason');
  const data = { saleId, refundId, externalId, amount, refundedAt, reason, refundedTotal: s.refundedTotal + amount };
  return [{ type: 'SaleRefunded', data }];
}

function cancel(c: Command<'CancelSale'>, s: RecordedSale): Decision<SaleEvent> {
  if (s.status === 'cancelled') return [];
  const reason = c.reason.trim();
  if (reason === '') return refuse('ReasonRequired', 'A cancellation needs a reason');
  const refusal = outsideSale('cancelledAt', c.cancelledAt, s, c.at);
  if (refusal) return refusal;
  return [{ type: 'SaleCancelled', data: { saleId: c.saleId, amount: s.net, cancelledAt: c.cancelledAt, reason } }];
}

/**
 * One sale (成交) and the money against it: payments (回款) up to what it is worth, refunds
 * that lower what it is worth, and a cancellation that voids what remains. Every command
 * carrying an external id is safe to resend: the same data again changes nothing.
 */
export const saleDecider: Decider<SaleCommand, SaleState, SaleEvent> = {
  initialState: initialSaleState,
  decide(command, state) {
    if (command.type === 'RecordSale') return record(command, state);
    if (state.status === 'absent') return refuse('SaleUnknown', 'No such sale', { saleId: command.saleId });
    switch (command.type) {
      case 'RecordPayment':
        return pay(command, state);
      case 'RecordRefund':
        return refund(command, state);
      case 'CancelSale':
        return cancel(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveSale,
};
