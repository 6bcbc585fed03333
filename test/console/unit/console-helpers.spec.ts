import { toCsv } from '../../../apps/console/src/csv';
import { countBusinessDaysIn, isoDay, money } from '../../../apps/console/src/format';
import { viewFromHash, viewsFor } from '../../../apps/console/src/navigation';
import { lastMonth } from '../../../apps/console/src/views/finance-types';

describe('money in the console', () => {
  it('shows minor units as major units with two decimals, signs and thousands kept', () => {
    expect(money(50000, 'CNY')).toBe('500.00 CNY');
    expect(money(-5)).toBe('-0.05');
    expect(money(123456789)).toBe('1,234,567.89');
  });

  it('keeps sums beyond the safe integers exact (the API sends them as strings of digits)', () => {
    expect(money('9007199254740993')).toBe('90,071,992,547,409.93');
  });
});

describe('the business days of date pickers’ defaults', () => {
  // 07:30 on 1 December in Shanghai is still 30 November in UTC.
  const earlyInShanghai = new Date('2026-11-30T23:30:00.000Z');

  it('count today in the engine’s zone once sign-in has given it, whatever the reader’s zone', () => {
    countBusinessDaysIn('Asia/Shanghai');
    try {
      expect(isoDay(0, earlyInShanghai)).toBe('2026-12-01');
      expect(lastMonth(earlyInShanghai)).toBe('2026-11');
      countBusinessDaysIn('America/New_York');
      expect(isoDay(0, earlyInShanghai)).toBe('2026-11-30');
    } finally {
      countBusinessDaysIn(undefined);
    }
  });

  it('count today in a given zone, not in UTC', () => {
    expect(isoDay(0, earlyInShanghai, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(isoDay(-6, earlyInShanghai, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(isoDay(1, earlyInShanghai, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(isoDay(0, earlyInShanghai, 'UTC')).toBe('2026-11-30');
  });

  it('name last month from that day, across a year', () => {
    expect(lastMonth(earlyInShanghai, 'Asia/Shanghai')).toBe('2026-11');
    expect(lastMonth(new Date('2026-12-31T16:30:00.000Z'), 'Asia/Shanghai')).toBe('2026-12');
    expect(lastMonth(new Date('2027-01-15T02:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-12');
  });
});

describe('CSV made from a table', () => {
  it('quotes cells with commas, quotes or line breaks, and leaves empty cells empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, 'two\nlines'],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,"two\nlines"\r\n');
  });

  it('writes text a spreadsheet would run as a formula with a leading quote, and figures as they are', () => {
    const formulas = [['=1+2'], ['+1'], ['-x'], ['@SUM(A1)'], ['\t=1']];
    expect(toCsv(['note'], formulas)).toBe(`note\r\n"'=1+2"\r\n"'+1"\r\n"'-x"\r\n"'@SUM(A1)"\r\n"'\t=1"\r\n`);
    expect(toCsv(['sale', 'amount'], [['SO-1', '-250']], [false, true])).toBe('sale,amount\r\nSO-1,-250\r\n');
  });
});

describe('the navigation', () => {
  it('offers each role only the views whose routes it may call', () => {
    expect(viewsFor('service')).toEqual(['customers', 'pools', 'shared-pool']);
    expect(viewsFor('finance')).toEqual(['customers', 'pools', 'shared-pool', 'disputes', 'finance']);
    expect(viewsFor('rep')).toEqual(['customers', 'leads', 'pools', 'shared-pool', 'disputes', 'finance']);
  });

  it('opens the view named in the address only when the role may see it', () => {
    expect(viewFromHash('#/finance', 'finance')).toBe('finance');
    expect(viewFromHash('#/leads', 'service')).toBe('customers');
    expect(viewFromHash('', 'rep')).toBe('customers');
  });
});
