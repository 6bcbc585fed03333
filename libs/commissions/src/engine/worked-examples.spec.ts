import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWorkedExamples } from './worked-examples';

const DOC = join(__dirname, '../../../../docs/commissions.md');
const START = '<!-- worked-examples:start -->';
const END = '<!-- worked-examples:end -->';

describe('docs/commissions.md', () => {
  it('shows exactly the worked examples the engine computes', () => {
    const doc = readFileSync(DOC, 'utf8');
    const [before, rest] = doc.split(START);
    const [, after] = rest.split(END);
    const expected = `${before}${START}\n${renderWorkedExamples()}\n${END}${after}`;
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, expected);
    expect(doc).toBe(expected);
  });
});
