import { formatMinor } from '@leadledger/kernel';
import type { Payee } from '../periods/commission-periods.events';
import { type LedgerLog, LedgerLog as Log, aPlan, ledgerOf, rep } from './ledger.fixtures';
import type { LedgerLine } from './ledger-line';
import { statementOf } from './statement';

/**
 * The worked examples of docs/commissions.md. Each is a log run through the engine; the
 * spec asserts their numbers by hand and checks the document shows exactly what they produce.
 */
export interface WorkedExample {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly log: LedgerLog;
  /** Statements to show after the lines, for examples about periods. */
  readonly statements?: readonly { payee: Payee; period: string }[];
}

const MARCH = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const customer = (
  customerId: string,
  channel: 'rep-sourced' | 'walk-in' | 'web-form',
  finder: string | null,
  owner: string,
) => ({ customerId, channel, finder, owner, at: '2026-02-01T09:00:00+08:00' }) as const;

export const WORKED_EXAMPLES: readonly WorkedExample[] = [
  {
    id: 'class-rates',
    title: 'Class rates',
    explanation:
      'The plan pays 8.00% on new rep-sourced customers, 5.00% on new company-provided ones and 3.00% on existing ones. rep-a found customer c1 herself; c2 walked in and rep-b received them.',
    log: new Log()
      .plan(aPlan())
      .customer(customer('c1', 'rep-sourced', 'rep-a', 'rep-a'))
      .customer(customer('c2', 'walk-in', 'rep-b', 'rep-b'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_200_000, closedAt: MARCH(5), closingRepId: 'rep-a' })
      .sale({ saleId: 's2', customerId: 'c2', amount: 1_000_000, closedAt: MARCH(6), closingRepId: 'rep-b' }),
  },
  {
    id: 'new-customer-window',
    title: 'New-customer window',
    explanation:
      "The window is 90 days from the customer's first sale. c1's second sale 59 days after the first is still new (8.00%); its third, 120 days after, is existing (3.00%).",
    log: new Log()
      .plan(aPlan())
      .customer(customer('c1', 'rep-sourced', 'rep-a', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_000_000, closedAt: MARCH(1), closingRepId: 'rep-a' })
      .sale({
        saleId: 's2',
        customerId: 'c1',
        amount: 500_000,
        closedAt: '2026-04-29T10:00:00+08:00',
        closingRepId: 'rep-a',
      })
      .sale({
        saleId: 's3',
        customerId: 'c1',
        amount: 500_000,
        closedAt: '2026-06-29T10:00:00+08:00',
        closingRepId: 'rep-a',
      }),
  },
  {
    id: 'finder-owner-split',
    title: 'Finder and owner split',
    explanation:
      "The finder gets 30.00% of the commission when finder and owner differ. rep-b received walk-in c3, which was later transferred to rep-c. The finder's share is rounded down, so the odd cent stays with the owner and the two lines always sum to the undivided amount.",
    log: new Log()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer(customer('c3', 'walk-in', 'rep-b', 'rep-b'))
      .owner('c3', 'rep-c', '2026-02-10T09:00:00+08:00')
      .sale({ saleId: 's1', customerId: 'c3', amount: 333_333, closedAt: MARCH(9), closingRepId: 'rep-c' }),
  },
  {
    id: 'tiers',
    title: 'Tiers',
    explanation:
      "The rate is multiplied by 1.5 for the part of a rep's credited base in the month above 10,000.00, and by 2 above 20,000.00. rep-a's second March sale crosses both thresholds, so it is paid in three parts.",
    log: new Log()
      .plan(
        aPlan({
          tiers: [
            { aboveMinor: 1_000_000, multiplierBps: 15_000 },
            { aboveMinor: 2_000_000, multiplierBps: 20_000 },
          ],
        }),
      )
      .customer(customer('c2', 'walk-in', 'rep-a', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c2', amount: 800_000, closedAt: MARCH(3), closingRepId: 'rep-a' })
      .sale({ saleId: 's2', customerId: 'c2', amount: 1_500_000, closedAt: MARCH(20), closingRepId: 'rep-a' }),
  },
  {
    id: 'cap',
    title: 'Cap per sale',
    explanation: 'The plan caps the commission on one sale at 1,000.00. A 30,000.00 sale at 5.00% would earn 1,500.00.',
    log: new Log()
      .plan(aPlan({ capPerSaleMinor: 100_000 }))
      .customer(customer('c2', 'walk-in', 'rep-b', 'rep-b'))
      .sale({ saleId: 's1', customerId: 'c2', amount: 3_000_000, closedAt: MARCH(12), closingRepId: 'rep-b' }),
  },
  {
    id: 'clawback',
    title: 'Clawback',
    explanation:
      'The clawback window is 90 days. rep-a had already been credited 20,000.00 in March, so the 12,000.00 sale is paid at 6.00% x 1.5. A refund of 3,000.00 twenty days later claws back a quarter of that line at the same rate and multiplier; a refund of 1,000.00 after 100 days claws back nothing.',
    log: new Log()
      .plan(
        aPlan({
          ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 600, existing: 300 },
          tiers: [{ aboveMinor: 2_000_000, multiplierBps: 15_000 }],
        }),
      )
      .customer(customer('c2', 'walk-in', 'rep-a', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c2', amount: 2_000_000, closedAt: MARCH(2), closingRepId: 'rep-a' })
      .sale({ saleId: 's2', customerId: 'c2', amount: 1_200_000, closedAt: MARCH(10), closingRepId: 'rep-a' })
      .refund('s2', 300_000, MARCH(30))
      .refund('s2', 100_000, '2026-06-18T10:00:00+08:00'),
  },
  {
    id: 'collected-basis',
    title: 'Collected basis and a partner paid in full',
    explanation:
      "On the collected basis the rep's 5.00% accrues pro rata as 回款 arrive. The sale came through referral partner bank-x, whom the plan pays 50.00% of the amount once it is collected in full, with a floor of 1,000.00 (on a 1,500.00 sale the fee is 750.00, topped up to the floor).",
    log: new Log()
      .plan(
        aPlan({
          basis: 'collected',
          partnerFee: { shareBps: 5000, basis: 'collected-in-full', minimumMinor: 100_000 },
        }),
      )
      .customer({ ...customer('c4', 'web-form', null, 'rep-b'), referralPartnerId: 'bank-x' })
      .sale({ saleId: 's1', customerId: 'c4', amount: 150_000, closedAt: MARCH(4), closingRepId: 'rep-b' })
      .payment('s1', 60_000, MARCH(15))
      .payment('s1', 90_000, MARCH(25)),
  },
  {
    id: 'late-event',
    title: 'A late event into a closed period, and a negative balance carried forward',
    explanation:
      "March is paid out and closed on 5 April. A refund dated 28 March is recorded after that: March never changes, so the clawback posts to April, the earliest open period, and names the period it belongs to. April's balance is negative, so the April run pays rep-a nothing and the balance carries into May.",
    log: new Log()
      .plan(aPlan())
      .customer(customer('c1', 'rep-sourced', 'rep-a', 'rep-a'))
      .sale({ saleId: 's1', customerId: 'c1', amount: 1_200_000, closedAt: MARCH(5), closingRepId: 'rep-a' })
      .payout('2026-03', [{ payee: rep('rep-a'), amount: 96_000 }], '2026-04-05T10:00:00+08:00')
      .refund('s1', 300_000, MARCH(28))
      .payout('2026-04', [], '2026-05-05T10:00:00+08:00'),
    statements: [
      { payee: rep('rep-a'), period: '2026-03' },
      { payee: rep('rep-a'), period: '2026-04' },
      { payee: rep('rep-a'), period: '2026-05' },
    ],
  },
];

const money = (amount: number | bigint) => formatMinor(amount, 'CNY');
const cell = (text: string) => text.replace(/\|/g, '\\|');

function linesTable(lines: readonly LedgerLine[]): string {
  const rows = lines.map(
    (l) =>
      `| ${l.payee.id} | ${l.role ?? ''} | ${l.kind} | ${l.saleId ?? ''} | ${l.period} | ${money(l.amount)} | ${cell(l.arithmetic)}${l.note ? ` (${cell(l.note)})` : ''} |`,
  );
  return [
    '| payee | role | kind | sale | period | amount | arithmetic |',
    '| --- | --- | --- | --- | --- | ---: | --- |',
    ...rows,
  ].join('\n');
}

function statementsTable(example: WorkedExample, lines: readonly LedgerLine[]): string {
  const rows = (example.statements ?? []).flatMap(({ payee, period }) =>
    statementOf(payee, period, lines).totals.map(
      (t) =>
        `| ${payee.id} | ${period} | ${money(t.opening)} | ${money(t.accrued)} | ${money(t.clawedBack)} | ${money(t.adjusted)} | ${money(t.paid)} | ${money(t.closingDue)} |`,
    ),
  );
  const head = '| payee | period | opening | accrued | clawed back | adjusted | paid | closing due |';
  return [head, '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

/** The examples section of docs/commissions.md, exactly as the engine computes it. */
export function renderWorkedExamples(): string {
  return WORKED_EXAMPLES.map((example) => {
    const lines = ledgerOf(example.log);
    const parts = [`### ${example.title}`, example.explanation, linesTable(lines)];
    if (example.statements) parts.push(statementsTable(example, lines));
    return parts.join('\n\n');
  }).join('\n\n');
}
