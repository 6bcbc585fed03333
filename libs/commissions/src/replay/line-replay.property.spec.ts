import fc from 'fast-check';
import { buildLedger, ledgerScript } from '../testing/random-ledger';
import { replayableLog } from './line-replay.fixtures';
import { replayLine } from './replay-line';

/*
 * The random logs of the ledger's own property spec (libs/commissions/src/testing/random-ledger.ts):
 * one or two plan versions with tiers, splits, caps, minimums, flat amounts and partner fees;
 * customers whose owners change; sales, payments, refunds, cancellations, adjustments,
 * back-dated events and payout runs. Every line the engine posts must replay identical from its
 * own streams and the ledger's tier history, with nothing it could not read.
 */

describe('replaying every line of a random ledger', () => {
  it('replays every line the engine posts identical from its own streams', async () => {
    let replayed = 0;
    let tiered = 0;
    await fc.assert(
      fc.asyncProperty(ledgerScript.map(buildLedger), async ({ log }) => {
        const { lines, sources } = replayableLog(log);
        for (const line of lines) {
          const answer = await replayLine(sources, line.lineId);
          expect(answer?.recorded).toEqual(line);
          expect(answer?.differences).toEqual([]);
          expect(answer?.identical).toBe(true);
          expect(answer?.inputs.limits).toEqual([]);
          replayed += 1;
          if (answer?.inputs.tierBase) tiered += 1;
        }
      }),
      { numRuns: 100 },
    );
    expect(replayed).toBeGreaterThan(500);
    // The tier base, the one input that depends on other sales, was read for many of them.
    expect(tiered).toBeGreaterThan(replayed / 10);
  });
});
