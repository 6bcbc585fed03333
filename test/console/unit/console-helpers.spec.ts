import { toCsv } from '../../../apps/console/src/csv';
import { money } from '../../../apps/console/src/format';
import { viewFromHash, viewsFor } from '../../../apps/console/src/navigation';

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
