import { customersDueForRelease, customersDueForWarning, customersOwnedBy } from '@leadledger/customers';
import { leadsDueForAcceptanceExpiry, openLeadsOf } from '@leadledger/leads';
import type { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { poolsWithMember } from '@leadledger/routing';
import type { DueWork, WorkLookups } from '@leadledger/workflows';

/** The workflows' questions, answered by the read models (each answer is re-checked by a decider). */
export function readModelLookups(readModels: ReadModelDatabase, runner: ProjectionRunner): WorkLookups & DueWork {
  const db = readModels.db;
  return {
    caughtUpTo: (position) => runner.reached(position),
    poolsWithMember: (repId) => poolsWithMember(db, repId),
    customersOwnedBy: (repId) => customersOwnedBy(db, repId),
    openLeadsOf: (repId) => openLeadsOf(db, repId),
    leadsDueForAcceptanceExpiry: (now) => leadsDueForAcceptanceExpiry(db, now),
    customersDueForWarning: (now) => customersDueForWarning(db, now),
    customersDueForRelease: (now) => customersDueForRelease(db, now),
  };
}
