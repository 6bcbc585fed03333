import fc from 'fast-check';
import {
  BPS_SCALE,
  MAX_AMOUNT_MINOR,
  applyRate,
  assertMinorUnits,
  divideRounded,
  formatBps,
  formatMinor,
  formatMultiplier,
  isBoundedAmount,
  isKnownCurrency,
  isSafeSum,
  jsonMinorSum,
  prorate,
  splitShare,
  sumMinor,
} from './money';

describe('divideRounded', () => {
  describe('when the rule is half-up', () => {
    it('rounds .5 away from zero: 2.5 -> 3, -2.5 -> -3, 3.5 -> 4', () => {
      expect(divideRounded(5n, 2n, 'half-up')).toBe(3n);
      expect(divideRounded(-5n, 2n, 'half-up')).toBe(-3n);
      expect(divideRounded(7n, 2n, 'half-up')).toBe(4n);
    });

    it('rounds to the nearest otherwise: 4/3 -> 1, 5/3 -> 2, -5/3 -> -2', () => {
      expect(divideRounded(4n, 3n, 'half-up')).toBe(1n);
      expect(divideRounded(5n, 3n, 'half-up')).toBe(2n);
      expect(divideRounded(-5n, 3n, 'half-up')).toBe(-2n);
    });
  });

  describe('when the rule is half-even', () => {
    it('rounds .5 to the even neighbour: 2.5 -> 2, 3.5 -> 4, -2.5 -> -2, -3.5 -> -4', () => {
      expect(divideRounded(5n, 2n, 'half-even')).toBe(2n);
      expect(divideRounded(7n, 2n, 'half-even')).toBe(4n);
      expect(divideRounded(-5n, 2n, 'half-even')).toBe(-2n);
      expect(divideRounded(-7n, 2n, 'half-even')).toBe(-4n);
    });

    it('rounds to the nearest when not a tie: 2.4 -> 2, 2.6 -> 3, -2.6 -> -3', () => {
      expect(divideRounded(12n, 5n, 'half-even')).toBe(2n);
      expect(divideRounded(13n, 5n, 'half-even')).toBe(3n);
      expect(divideRounded(-13n, 5n, 'half-even')).toBe(-3n);
    });
  });

  describe('when the rule is down', () => {
    it('truncates toward zero: 2.9 -> 2, -2.9 -> -2, 2.5 -> 2', () => {
      expect(divideRounded(29n, 10n, 'down')).toBe(2n);
      expect(divideRounded(-29n, 10n, 'down')).toBe(-2n);
      expect(divideRounded(5n, 2n, 'down')).toBe(2n);
    });
  });

  describe('when the division is exact', () => {
    it('gives the quotient under every rule: 6/3 = 2, -6/3 = -2', () => {
      for (const rule of ['half-up', 'half-even', 'down'] as const) {
        expect(divideRounded(6n, 3n, rule)).toBe(2n);
        expect(divideRounded(-6n, 3n, rule)).toBe(-2n);
      }
    });
  });

  describe('when the denominator is negative', () => {
    it('moves the sign to the numerator: 5 / -2 = -2.5 -> -3 half-up, -2 half-even; -29 / -10 -> 2 down', () => {
      expect(divideRounded(5n, -2n, 'half-up')).toBe(-3n);
      expect(divideRounded(5n, -2n, 'half-even')).toBe(-2n);
      expect(divideRounded(-29n, -10n, 'down')).toBe(2n);
    });
  });

  describe('when the denominator is zero', () => {
    it('throws a RangeError', () => {
      expect(() => divideRounded(1n, 0n, 'half-up')).toThrow(new RangeError('Division by zero'));
    });
  });
});

describe('applyRate', () => {
  it('1,200,000 x 600 bps x 15000 (x1.5) = 108,000', () => {
    expect(applyRate(1_200_000, 600, 15_000, 'half-up')).toBe(108_000);
  });

  it('rounds once at the end by the rule: 123,450 x 1% = 1,234.5 -> 1,235 half-up, 1,234 half-even and down', () => {
    expect(applyRate(123_450, 100, BPS_SCALE, 'half-up')).toBe(1_235);
    expect(applyRate(123_450, 100, BPS_SCALE, 'half-even')).toBe(1_234);
    expect(applyRate(123_450, 100, BPS_SCALE, 'down')).toBe(1_234);
  });

  it('rounds only once: 333 x 0.50% x 1.5 = 2.4975 -> 2 (rounding 1.665 to 2 first would give 3)', () => {
    expect(applyRate(333, 50, 15_000, 'half-up')).toBe(2);
  });

  it('keeps the sign of a negative amount: -123,450 x 1% = -1,234.5 -> -1,235 half-up', () => {
    expect(applyRate(-123_450, 100, BPS_SCALE, 'half-up')).toBe(-1_235);
  });

  it('refuses a result outside the safe integer range', () => {
    // (2^53 - 1) x 100% x 2 = 18,014,398,509,481,982
    expect(() => applyRate(Number.MAX_SAFE_INTEGER, BPS_SCALE, 20_000, 'half-up')).toThrow(
      new RangeError('Amount out of the safe integer range: 18014398509481982'),
    );
  });
});

describe('prorate', () => {
  it('a quarter of 108,000: 108,000 x 300,000 / 1,200,000 = 27,000', () => {
    expect(prorate(108_000, 300_000, 1_200_000, 'half-up')).toBe(27_000);
  });

  it('1,000 x 2/3 = 666.67 -> 667 half-up, 666 down; 1,000 x 1/3 = 333.33 -> 333', () => {
    expect(prorate(1_000, 2, 3, 'half-up')).toBe(667);
    expect(prorate(1_000, 2, 3, 'down')).toBe(666);
    expect(prorate(1_000, 1, 3, 'half-up')).toBe(333);
  });

  it('5 x 1/2 = 2.5 -> 3 half-up, 2 half-even', () => {
    expect(prorate(5, 1, 2, 'half-up')).toBe(3);
    expect(prorate(5, 1, 2, 'half-even')).toBe(2);
  });

  it('refuses a zero whole', () => {
    expect(() => prorate(5, 1, 0, 'half-up')).toThrow(RangeError);
  });
});

describe('splitShare', () => {
  it('16,667 at 3000 bps: the share 5,000.1 rounds down to 5,000, the odd unit stays with the rest 11,667', () => {
    expect(splitShare(16_667, 3_000)).toEqual({ share: 5_000, rest: 11_667 });
  });

  it('1 at 5000 bps: the half unit goes to the rest', () => {
    expect(splitShare(1, 5_000)).toEqual({ share: 0, rest: 1 });
  });

  it('0 bps gives everything to the rest, 10000 bps everything to the share', () => {
    expect(splitShare(12_345, 0)).toEqual({ share: 0, rest: 12_345 });
    expect(splitShare(12_345, BPS_SCALE)).toEqual({ share: 12_345, rest: 0 });
  });

  it('rounds a negative share toward zero: -16,667 at 3000 bps -> -5,000 / -11,667', () => {
    expect(splitShare(-16_667, 3_000)).toEqual({ share: -5_000, rest: -11_667 });
  });

  it('always sums to the amount, and the share never exceeds amount x bps / 10000 nor falls a unit below it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bps) => {
          const { share, rest } = splitShare(amount, bps);
          expect(share + rest).toBe(amount);
          const exact = BigInt(amount) * BigInt(bps);
          expect(BigInt(share) * 10_000n <= exact).toBe(true);
          expect(BigInt(share + 1) * 10_000n > exact).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('for negative amounts too: the parts sum to the amount and the share is no larger in size than |amount| x bps / 10000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 0 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const { share, rest } = splitShare(amount, bps);
        expect(share + rest).toBe(amount);
        expect(BigInt(-share) * 10_000n <= BigInt(-amount) * BigInt(bps)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('divideRounded against the exact quotient', () => {
  const pair = fc.tuple(
    fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
    fc.bigInt({ min: 1n, max: 10n ** 9n }),
    fc.boolean(),
  );

  it('half rules land within half a unit; down lands within one unit toward zero', () => {
    fc.assert(
      fc.property(pair, ([n, d, negateDenominator]) => {
        const den = negateDenominator ? -d : d;
        const [num, pos] = negateDenominator ? [-n, d] : [n, d];
        for (const rule of ['half-up', 'half-even'] as const) {
          const q = divideRounded(n, den, rule);
          const error = q * pos - num;
          expect(2n * (error < 0n ? -error : error) <= pos).toBe(true);
        }
        const down = divideRounded(n, den, 'down');
        const magnitude = (num < 0n ? -num : num) - (down < 0n ? -down : down) * pos;
        expect(magnitude >= 0n && magnitude < pos).toBe(true);
        expect(down === 0n || down < 0n === num < 0n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatMinor', () => {
  it('groups thousands and shows the currency’s minor digits: 1,234,567 fen CNY -> "12,345.67"', () => {
    expect(formatMinor(1_234_567, 'CNY')).toBe('12,345.67');
    expect(formatMinor(123_456_789, 'USD')).toBe('1,234,567.89');
  });

  it('pads small amounts and keeps the sign in front: -5 -> "-0.05", 0 -> "0.00", -123,456 -> "-1,234.56"', () => {
    expect(formatMinor(-5, 'CNY')).toBe('-0.05');
    expect(formatMinor(0, 'CNY')).toBe('0.00');
    expect(formatMinor(-123_456, 'CNY')).toBe('-1,234.56');
  });

  it('shows no decimals for zero-digit currencies: JPY 1234 -> "1,234", KRW -1,234,567 -> "-1,234,567"', () => {
    expect(formatMinor(1_234, 'JPY')).toBe('1,234');
    expect(formatMinor(-1_234_567, 'KRW')).toBe('-1,234,567');
  });

  it('falls back to two digits for an unknown currency', () => {
    expect(formatMinor(150, 'XXX')).toBe('1.50');
  });
});

describe('formatBps', () => {
  it('600 -> "6.00%", 5 -> "0.05%", 10000 -> "100.00%", 1234 -> "12.34%", -250 -> "-2.50%"', () => {
    expect(formatBps(600)).toBe('6.00%');
    expect(formatBps(5)).toBe('0.05%');
    expect(formatBps(10_000)).toBe('100.00%');
    expect(formatBps(1_234)).toBe('12.34%');
    expect(formatBps(-250)).toBe('-2.50%');
  });

  it('0 -> "0.00%", without a sign', () => {
    expect(formatBps(0)).toBe('0.00%');
  });
});

describe('formatMultiplier', () => {
  it('15000 -> "1.5", 10000 -> "1", 12500 -> "1.25", 20000 -> "2", 5000 -> "0.5", 10001 -> "1.0001"', () => {
    expect(formatMultiplier(15_000)).toBe('1.5');
    expect(formatMultiplier(10_000)).toBe('1');
    expect(formatMultiplier(12_500)).toBe('1.25');
    expect(formatMultiplier(20_000)).toBe('2');
    expect(formatMultiplier(5_000)).toBe('0.5');
    expect(formatMultiplier(10_001)).toBe('1.0001');
  });
});

describe('currencies and minor units', () => {
  it('knows CNY and JPY and not XXX', () => {
    expect(isKnownCurrency('CNY')).toBe(true);
    expect(isKnownCurrency('JPY')).toBe(true);
    expect(isKnownCurrency('XXX')).toBe(false);
  });

  it('accepts a safe integer and refuses fractions, NaN and unsafe integers', () => {
    expect(assertMinorUnits(12)).toBe(12);
    expect(() => assertMinorUnits(1.5)).toThrow(RangeError);
    expect(() => assertMinorUnits(Number.NaN)).toThrow(RangeError);
    expect(() => assertMinorUnits(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('names the amount, or the field it was given, and the value in the error', () => {
    expect(() => assertMinorUnits(1.5)).toThrow(new RangeError('amount must be a safe integer of minor units: 1.5'));
    expect(() => assertMinorUnits(0.1, 'fee')).toThrow(
      new RangeError('fee must be a safe integer of minor units: 0.1'),
    );
  });
});

describe('the bounds of an amount', () => {
  it('takes whole minor units from the minimum up to 10^13, and nothing else', () => {
    expect(MAX_AMOUNT_MINOR).toBe(10 ** 13);
    expect(isBoundedAmount(MAX_AMOUNT_MINOR, 1)).toBe(true);
    expect(isBoundedAmount(0, 0)).toBe(true);
    expect(isBoundedAmount(MAX_AMOUNT_MINOR + 1, 1)).toBe(false);
    expect(isBoundedAmount(0, 1)).toBe(false);
    expect(isBoundedAmount(1.5, 0)).toBe(false);
    expect(isBoundedAmount('1', 0)).toBe(false);
  });

  it('keeps every product of one amount a safe integer: 10^13 x 100% x10 = 10^14', () => {
    expect(applyRate(MAX_AMOUNT_MINOR, BPS_SCALE, 10 * BPS_SCALE, 'half-up')).toBe(10 ** 14);
    expect(applyRate(-MAX_AMOUNT_MINOR, BPS_SCALE, 10 * BPS_SCALE, 'half-up')).toBe(-(10 ** 14));
  });
});

describe('sums of amounts', () => {
  const largest = Number.MAX_SAFE_INTEGER;

  it('are exact beyond the safe integers, where a float sum rounds', () => {
    expect(largest + largest + 1).toBe(18_014_398_509_481_984);
    expect(sumMinor([largest, largest, 1])).toBe(18_014_398_509_481_983n);
    expect(sumMinor([])).toBe(0n);
    expect(sumMinor([5n, -7])).toBe(-2n);
  });

  it('are a JSON number while safe, and their exact digits beyond', () => {
    expect(jsonMinorSum(BigInt(largest))).toBe(largest);
    expect(jsonMinorSum(-BigInt(largest))).toBe(-largest);
    expect(jsonMinorSum(BigInt(largest) + 1n)).toBe('9007199254740992');
    expect(jsonMinorSum(-BigInt(largest) - 1n)).toBe('-9007199254740992');
    expect(isSafeSum(BigInt(largest))).toBe(true);
    expect(isSafeSum(BigInt(largest) + 1n)).toBe(false);
  });

  it('format exactly however large', () => {
    expect(formatMinor(18_014_398_509_481_983n, 'CNY')).toBe('180,143,985,094,819.83');
    expect(formatMinor(-5n, 'CNY')).toBe('-0.05');
  });
});
