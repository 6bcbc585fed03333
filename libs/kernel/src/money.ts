/**
 * Money as integer minor units (fen, cents) with its currency. The brand keeps a
 * plain number or bigint from being passed where money is meant.
 */
declare const minorUnitsBrand: unique symbol;
export type MinorUnits = bigint & { readonly [minorUnitsBrand]: true };

export interface Money {
  readonly amount: MinorUnits;
  readonly currency: string;
}

const currencyPattern = /^[A-Z]{3}$/;

export function money(amount: bigint, currency: string): Money {
  if (!currencyPattern.test(currency)) {
    throw new RangeError(`Currency must be an ISO 4217 code, got "${currency}"`);
  }
  return { amount: amount as MinorUnits, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) {
    throw new RangeError(`Cannot add ${a.currency} to ${b.currency}`);
  }
  return money(a.amount + b.amount, a.currency);
}
