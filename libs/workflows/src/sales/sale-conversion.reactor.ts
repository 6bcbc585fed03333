import type { EventStore } from '@leadledger/event-store';
import type { SaleRecorded } from '@leadledger/sales';
import { workflowContext } from '../lead-intake/intake-context';
import type { Reactor } from '../reactor-runner';
import { convertLeadOfSale } from './record-sale';

/** Marks each sale's lead converted from the log, so a sale whose request crashed after its append still converts. */
export function saleConversionReactor(store: EventStore): Reactor {
  return {
    name: 'sale-conversion',
    eventTypes: ['SaleRecorded'],
    handle: async (event) => {
      const sale = event.data as unknown as SaleRecorded['data'];
      await convertLeadOfSale(store, sale, workflowContext(event, 'sale-conversion'));
    },
  };
}
