import { customersDueForRelease, customersDueForWarning, customersOwnedBy } from '@leadledger/customers';
import { leadsDueForAcceptanceExpiry, openLeadsOf } from '@leadledger/leads';
import type { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { poolsWithMember } from '@leadledger/routing';
import type { DueWork, WorkLookups } from '@leadledger/workflows';

/** The workflows' questions, answered by the read models (each answer is re-checked by a decider). */
export function readModelLookups(readModels: ReadModelDatabase, runner: ProjectionRunner): WorkLookups & DueWork {
  // The connection is taken at each call, never kept: a rebuild after damage replaces it.
  return {
    caughtUpTo: (position) => runner.reached(position),
    poolsWithMember: (repId) => poolsWithMember(readModels.db, repId),
    customersOwnedBy: (repId) => customersOwnedBy(readModels.db, repId),
    openLeadsOf: (repId) => openLeadsOf(readModels.db, repId),
    leadsDueForAcceptanceExpiry: (now) => leadsDueForAcceptanceExpiry(readModels.db, now),
    customersDueForWarning: (now) => customersDueForWarning(readModels.db, now),
    customersDueForRelease: (now) => customersDueForRelease(readModels.db, now),
  };
}
