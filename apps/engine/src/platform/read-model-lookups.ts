import {
  CUSTOMER_DIRECTORY,
  customersDueForRelease,
  customersDueForWarning,
  customersOwnedBy,
} from '@leadledger/customers';
import { LEAD_BOARD, leadsDueForAcceptanceExpiry, openLeadsOf } from '@leadledger/leads';
import type { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { POOL_BOARD, poolsWithMember, poolsWithQueuedLeads } from '@leadledger/routing';
import type { DueWork, WorkLookups } from '@leadledger/workflows';

/** The read models a hand-over lists a rep's work from. */
const WORK_READ_MODELS: readonly string[] = [POOL_BOARD, CUSTOMER_DIRECTORY, LEAD_BOARD];

/** A hand-over asked for a read model that stopped short of its event (failed or stopped). */
export class ReadModelsBehindError extends Error {
  constructor(position: bigint, behind: readonly { name: string; position: bigint }[]) {
    super(
      `read models short of position ${position}: ${behind.map((b) => `${b.name} at ${b.position}`).join(', ')}; ` +
        'a hand-over would move only what they list',
    );
  }
}

/** The workflows' questions, answered by the read models (each answer is re-checked by a decider). */
export function readModelLookups(readModels: ReadModelDatabase, runner: ProjectionRunner): WorkLookups & DueWork {
  // The connection is taken at each call, never kept: a rebuild after damage replaces it.
  return {
    caughtUpTo: async (position) => {
      await runner.reached(position);
      // reached() also returns when a projection has failed or stopped: then its list is stale.
      const behind = runner
        .status()
        .filter((p) => WORK_READ_MODELS.includes(p.name) && p.position < position)
        .map(({ name, position: at }) => ({ name, position: at }));
      if (behind.length > 0) throw new ReadModelsBehindError(position, behind);
    },
    poolsWithMember: (repId) => poolsWithMember(readModels.db, repId),
    customersOwnedBy: (repId) => customersOwnedBy(readModels.db, repId),
    openLeadsOf: (repId) => openLeadsOf(readModels.db, repId),
    leadsDueForAcceptanceExpiry: (now) => leadsDueForAcceptanceExpiry(readModels.db, now),
    customersDueForWarning: (now) => customersDueForWarning(readModels.db, now),
    customersDueForRelease: (now) => customersDueForRelease(readModels.db, now),
    poolsWithQueuedLeads: () => poolsWithQueuedLeads(readModels.db),
  };
}
