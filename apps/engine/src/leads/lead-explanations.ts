import { type LeadAssignmentView, type LeadView, explainAssignment, passesOnLead } from '@leadledger/leads';
import type { ReadModelConnection } from '@leadledger/projections';
import { memberTermsAt, poolOfDecision } from '@leadledger/routing';

export interface ExplainedAssignment extends LeadAssignmentView {
  /** "Why this rep" in words, computed at read time from the trace (no event carries it). */
  readonly explanation: string;
}

export interface ExplainedLeadView extends Omit<LeadView, 'assignments' | 'history'> {
  readonly assignments: ExplainedAssignment[];
  readonly history: (LeadView['history'][number] & { readonly explanation?: string })[];
}

/**
 * Adds the sentence to every assignment and to each LeadAssigned of the history: the trace, the
 * passes before it in the lead's own history, and the members' pause reasons and caps under the
 * trace's policy version (pool-history read model; left out while it has not seen them).
 */
export function withExplanations(db: ReadModelConnection, lead: LeadView): ExplainedLeadView {
  const assignments: ExplainedAssignment[] = [];
  const history = lead.history.map((entry, index) => {
    if (entry.type !== 'LeadAssigned') return entry;
    const assignment = lead.assignments[assignments.length];
    const pool = assignment.pool;
    const poolId = pool ? poolOfDecision(db, lead.leadId, pool.policyVersion) : null;
    const repIds = pool ? pool.candidates.map((c) => c.repId) : [];
    const memberTerms = pool && poolId ? memberTermsAt(db, poolId, pool.policyVersion, repIds) : new Map();
    const passes = passesOnLead(lead.history.slice(0, index));
    const explanation = explainAssignment(
      { repId: assignment.repId, trace: { rule: assignment.rule, pool, note: assignment.note } },
      { memberTerms, passes },
    );
    assignments.push({ ...assignment, explanation });
    return { ...entry, explanation };
  });
  return { ...lead, assignments, history };
}
