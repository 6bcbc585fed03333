import { csvTable } from './csv-table';

const oneRow = (row: object) => csvTable([row], Object.keys(row)).split('\n')[1];

describe('a CSV table the engine answers', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+1', `"'+1"`],
    ['-x', `"'-x"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['-250', `"'-250"`],
  ])('writes the text %j with a leading quote inside a quoted field', (text, cell) => {
    expect(oneRow({ sale_external_id: text })).toBe(cell);
  });

  it('writes amounts the engine passes as numbers or bigints unchanged, negative ones too', () => {
    expect(oneRow({ amount_minor: -250, closing_due: -100_000n, base_minor: 0 })).toBe('-250,-100000,0');
  });

  it('leaves ordinary text as it was, quoting only what RFC 4180 needs', () => {
    expect(oneRow({ id: 'SO-1', arithmetic: '20,000.00 x 5.00% = 1,000.00', note: 'a-b=c', empty: null })).toBe(
      'SO-1,"20,000.00 x 5.00% = 1,000.00",a-b=c,',
    );
  });

  it('writes a header row, and booleans as true and false', () => {
    expect(csvTable([{ period: '2026-10', matches: true }, { matches: false }], ['period', 'matches'])).toBe(
      'period,matches\n2026-10,true\n,false\n',
    );
  });
});
