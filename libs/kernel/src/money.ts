/**
 * Money is an integer count of minor units (fen, cents) in a safe integer; every product
 * and quotient goes through bigint, and every division names its rounding rule. No
 * floating point touches an amount.
 */
export type MinorUnits = number;

/**
 * The largest amount, in minor units, the API takes in any one field (a sale, its cost, a
 * payment, a refund, an adjustment, every amount in a plan): 10^13, that is 100 billion
 * yuan or dollars. Every product the engine forms from one amount (x a rate of at most 100%
 * x a multiplier of at most x10, in bigint) stays at or below 10^14, so every ledger line is
 * a safe integer with a margin of 90 times. Sums of lines are bigint (`MinorSum`).
 */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;

/** Whether `amount` is a whole number of minor units from `min` up to MAX_AMOUNT_MINOR. */
export const isBoundedAmount = (amount: unknown, min: number): amount is MinorUnits =>
  Number.isSafeInteger(amount) && (amount as number) >= min && (amount as number) <= MAX_AMOUNT_MINOR;

/**
 * A sum of amounts (a balance, a statement total, a period total): exact in bigint, because
 * enough lines at the maximum add up beyond the safe integers, where a float sum rounds.
 */
export type MinorSum = bigint;

/** The exact sum of amounts, however many. */
export const sumMinor = (amounts: Iterable<MinorUnits | MinorSum>): MinorSum => {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
};

/** Whether a sum fits a safe integer, so it can be one amount (a payout) again. */
export const isSafeSum = (sum: MinorSum): boolean =>
  sum <= BigInt(Number.MAX_SAFE_INTEGER) && sum >= -BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A sum as JSON carries it: a number while it is a safe integer (every real balance), else
 * its exact decimal digits as a string, so that no JSON reader rounds it.
 */
export const jsonMinorSum = (sum: MinorSum): number | string => (isSafeSum(sum) ? Number(sum) : sum.toString());

export const ROUNDING_RULES = ['half-up', 'half-even', 'down'] as const;
/** half-up: .5 away from zero; half-even: .5 to the even neighbour (banker's); down: toward zero. */
export type RoundingRule = (typeof ROUNDING_RULES)[number];

/** 10000 basis points = 100%; also the scale of multipliers (15000 = x1.5). */
export const BPS_SCALE = 10_000;

/** Minor digits per ISO 4217 currency this engine knows; an unknown currency is refused at the edge. */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, number>> = {
  CNY: 2,
  HKD: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  SGD: 2,
  JPY: 0,
  KRW: 0,
};

export const isKnownCurrency = (currency: string): boolean => Object.hasOwn(CURRENCY_MINOR_DIGITS, currency);

export function assertMinorUnits(amount: number, what = 'amount'): MinorUnits {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what} must be a safe integer of minor units: ${amount}`);
  return amount;
}

function toSafe(value: bigint): MinorUnits {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`Amount out of the safe integer range: ${value}`);
  return result;
}

/** numerator / denominator, rounded by `rule`; exact in bigint. */
export function divideRounded(numerator: bigint, denominator: bigint, rule: RoundingRule): bigint {
  // Bigint division by 0n throws this same RangeError, so dropping the check is an equivalent
  // mutant; so are `denominator <= 0n` (0n is refused above) and `numerator <= 0n` (-0n is 0n).
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return divideRounded(-numerator, -denominator, rule);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (rule === 'half-up' && twiceRemainder >= denominator) quotient += 1n;
  if (
    rule === 'half-even' &&
    (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n))
  )
    quotient += 1n;
  return negative ? -quotient : quotient;
}

/** amount x rate(bps) x multiplier(bps), rounded once at the end. */
export function applyRate(amount: MinorUnits, rateBps: number, multiplierBps: number, rule: RoundingRule): MinorUnits {
  const scale = BigInt(BPS_SCALE) * BigInt(BPS_SCALE);
  return toSafe(divideRounded(BigInt(amount) * BigInt(rateBps) * BigInt(multiplierBps), scale, rule));
}

/** amount x part / whole, rounded by `rule`: the pro-rata share of an amount. */
export function prorate(amount: MinorUnits, part: MinorUnits, whole: MinorUnits, rule: RoundingRule): MinorUnits {
  return toSafe(divideRounded(BigInt(amount) * BigInt(part), BigInt(whole), rule));
}

/**
 * Splits `amount` into a share of `shareBps` and the rest. The share is rounded toward
 * zero, so the odd minor unit always stays with the rest; the two always sum to `amount`.
 */
export function splitShare(amount: MinorUnits, shareBps: number): { share: MinorUnits; rest: MinorUnits } {
  // An unknown rule truncates toward zero like 'down': its "" mutant is equivalent.
  const share = toSafe(divideRounded(BigInt(amount) * BigInt(shareBps), BigInt(BPS_SCALE), 'down'));
  return { share, rest: amount - share };
}

/** 1234567 (CNY) -> "12,345.67"; negative amounts keep their sign in front; a sum is formatted exactly. */
export function formatMinor(amount: MinorUnits | MinorSum, currency: string): string {
  const digits = isKnownCurrency(currency) ? CURRENCY_MINOR_DIGITS[currency] : 2;
  const negative = amount < 0;
  const text = (negative ? -BigInt(amount) : BigInt(amount)).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** 600 -> "6.00%". */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** 15000 -> "1.5", 10000 -> "1", 12500 -> "1.25". */
export function formatMultiplier(multiplierBps: number): string {
  const whole = Math.trunc(multiplierBps / BPS_SCALE);
  const fraction = String(multiplierBps % BPS_SCALE)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}
