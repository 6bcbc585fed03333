import { tempDirectory } from '@leadledger/event-store/testing';
import { digestsOneByOneAndBatched } from '@leadledger/projections/testing';
import fc from 'fast-check';
import { storeOf } from '../testing/fixture-store';
import { buildLedger, ledgerScript } from '../testing/random-ledger';
import { commissionLedgerProjection } from './commission-ledger.projection';
import { saleAttributionProjection } from './sale-attribution.projection';

/*
 * Both commission read models hold the customer and lead facts a batch puts in memory and
 * write each once at its end. A sale later in the same batch must still see its customer's
 * owners as the events before it left them: the random logs register customers, change their
 * owners and record sales, and a rebuild applies each whole log as one batch.
 */
describe('commission read models applied in batches', () => {
  const dir = tempDirectory('leadledger-facts-in-batches');

  it('are the same, table for table, as applied one event at a time, on random logs', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ledgerScript.map(buildLedger), async ({ log }) => {
        run++;
        const store = await storeOf(dir.file(`events-${run}.sqlite`), log.events);
        try {
          for (const projection of [saleAttributionProjection, commissionLedgerProjection]) {
            const digests = await digestsOneByOneAndBatched(store, projection, (name) => dir.file(`${run}-${name}`));
            expect(digests.batched).toEqual(digests.oneByOne);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});
