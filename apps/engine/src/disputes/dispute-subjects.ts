import type { Actor } from '@leadledger/auth';
import { getCustomer } from '@leadledger/customers';
import { ledgerLine } from '@leadledger/commissions';
import { type DisputeSubject, type DisputeSummary, type DisputeView, getDispute } from '@leadledger/disputes';
import { EventStore } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { getLead } from '@leadledger/leads';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { Injectable } from '@nestjs/common';

/** What the read models know of a subject: who had a part in it, who holds it now, and its record. */
export interface SubjectFacts {
  /** Reps with a part in it; null when there is no such subject. */
  readonly parties: readonly string[] | null;
  /** The rep holding it now (owner, assignee, payee). */
  readonly holderRepId: string | null;
  /** The customer as GET /customers/:id shows it (ownership intervals), the lead, or the line. */
  readonly record: unknown;
  /** The customer a transfer remedy moves by default: the subject customer, or the lead's. */
  readonly customerId: string | null;
}

/** A dispute as GET /disputes/:id answers it: the board's row with the subject's record beside it. */
export interface DisputeAnswer extends DisputeView {
  readonly subjectRecord: unknown;
}

const NO_SUBJECT: SubjectFacts = { parties: null, holderRepId: null, record: null, customerId: null };

/** Whether this caller may see the dispute: managers all, finance commission disputes, a rep their own. */
export function mayView(actor: Actor, dispute: DisputeSummary): boolean {
  if (actor.role === 'manager' || actor.role === 'admin') return true;
  if (actor.role === 'finance')
    return dispute.subject.kind === 'ledger-line' || (dispute.resolution?.remedy.adjustments.length ?? 0) > 0;
  if (actor.role === 'rep') return actor.repId === dispute.claimantRepId || actor.repId === dispute.respondentRepId;
  return false;
}

@Injectable()
export class DisputeReads {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  /** The read models once they have applied the log as it is now (or up to these events). */
  async settled(position?: bigint): Promise<void> {
    await this.projections.reached(position ?? (await this.store.headPosition()));
  }

  async subject(subject: DisputeSubject): Promise<SubjectFacts> {
    const db = this.readModels.db;
    switch (subject.kind) {
      case 'customer-ownership': {
        const customer = getCustomer(db, subject.id);
        if (!customer) return NO_SUBJECT;
        const parties = [...customer.ownership.map((o) => o.repId), customer.finderRepId ?? ''].filter(Boolean);
        return { parties, holderRepId: customer.owner?.repId ?? null, record: customer, customerId: subject.id };
      }
      case 'lead-assignment': {
        const lead = await getLead(db, this.store, subject.id);
        if (!lead) return NO_SUBJECT;
        const parties = [lead.receivedBy ?? '', lead.repId ?? '', ...lead.assignments.map((a) => a.repId)];
        return { parties: parties.filter(Boolean), holderRepId: lead.repId, record: lead, customerId: lead.customerId };
      }
      case 'ledger-line': {
        const line = ledgerLine(db, subject.id);
        if (!line) return NO_SUBJECT;
        const repId = line.payee.kind === 'rep' ? line.payee.id : null;
        return { parties: repId ? [repId] : [], holderRepId: repId, record: line, customerId: null };
      }
    }
  }

  /** The dispute as this caller may see it; 404 when it does not exist for them. */
  async view(disputeId: string, actor: Actor): Promise<DisputeAnswer> {
    const dispute = getDispute(this.readModels.db, disputeId);
    if (!dispute || !mayView(actor, dispute)) throw new NotFoundError('dispute', disputeId);
    const { record, parties } = await this.subject(dispute.subject);
    // A manager may open a dispute for a rep with no part in its subject ("the pool should have given
    // it to me"): that rep reads the dispute, but not a colleague's lead or customer through it.
    const readsSubject = actor.role !== 'rep' || (parties ?? []).includes(actor.repId ?? '');
    return { ...dispute, subjectRecord: readsSubject ? record : null };
  }
}
