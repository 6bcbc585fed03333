import { type Decider, type Decision, type Refusal, assertNever, refuse, sameJson } from '@leadledger/kernel';
import type { CommentOnDispute, DisputeCommand, OpenDispute, ResolveDispute } from './dispute.commands';
import type { DisputeEvent } from './dispute.events';
import { type DisputeState, evolveDispute, initialDisputeState } from './dispute.state';

type Found = Exclude<DisputeState, { status: 'absent' }>;

const unknown = (disputeId: string): Refusal => refuse('DisputeUnknown', 'No such dispute', { disputeId });

/** The facts a 409 about a resolved dispute carries: how and by whom it was settled. */
function resolvedFacts(state: Extract<DisputeState, { resolution: unknown }>): Record<string, unknown> {
  const { outcome, reason, resolvedBy, resolvedAt } = state.resolution;
  return { disputeId: state.dispute.disputeId, status: state.status, outcome, reason, resolvedBy, resolvedAt };
}

function open(c: OpenDispute, s: DisputeState): Decision<DisputeEvent> {
  const { disputeId, claimantRepId, subject, evidence } = c;
  const claim = c.claim.trim();
  if (s.status !== 'absent') {
    // Only an Idempotency-Key makes an id twice: the same request again is taken once, another is refused.
    const d = s.dispute;
    const fields = [
      d.claimantRepId === claimantRepId ? null : 'repId',
      sameJson(d.subject, subject) ? null : 'subject',
      d.claim === claim ? null : 'claim',
      sameJson(d.evidence, evidence) ? null : 'evidence',
    ].filter((field) => field !== null);
    if (fields.length === 0) return [];
    return refuse('IdempotencyKeyReused', 'This Idempotency-Key was used to open a different dispute', {
      disputeId,
      fields,
    });
  }
  if (claim === '') return refuse('ClaimRequired', 'A dispute needs the claim in words');
  if (c.subjectParties === null)
    return refuse('SubjectUnknown', `No such ${subject.kind.replace('-', ' ')} subject`, { subject });
  if (c.openedByRole === 'rep' && !c.subjectParties.includes(claimantRepId))
    return refuse('NotYourSubject', 'A rep may dispute only their own leads, customers and ledger lines', {
      subject,
      claimantRepId,
    });
  const { respondentRepId, openedBy, at: openedAt } = c;
  const data = { disputeId, claimantRepId, subject, respondentRepId, claim, evidence, openedBy, openedAt };
  return [{ type: 'DisputeOpened', data }];
}

function comment(c: CommentOnDispute, s: Found): Decision<DisputeEvent> {
  // The same comment sent again (its Idempotency-Key makes the id) is taken once; other words under it are refused.
  if (Object.hasOwn(s.commentTexts, c.commentId)) {
    if (s.commentTexts[c.commentId] === c.text.trim()) return [];
    return refuse('IdempotencyKeyReused', 'This Idempotency-Key was used for a different comment', {
      fields: ['text'],
    });
  }
  if (s.status !== 'open')
    return refuse('DisputeClosedToComments', 'The dispute is resolved; it takes no more comments', resolvedFacts(s));
  const { claimantRepId, respondentRepId } = s.dispute;
  if (c.authorRepId !== null && c.authorRepId !== claimantRepId && c.authorRepId !== respondentRepId)
    return refuse('NotAParty', 'Only the claimant, the rep disputed and managers comment on a dispute', {
      claimantRepId,
      respondentRepId,
    });
  const text = c.text.trim();
  if (text === '') return refuse('TextRequired', 'A comment needs text');
  const { disputeId, commentId, authorId, authorRole, at } = c;
  return [{ type: 'DisputeCommented', data: { disputeId, commentId, authorId, authorRole, text, at } }];
}

function resolve(c: ResolveDispute, s: Found): Decision<DisputeEvent> {
  const reason = c.reason.trim();
  if (s.status !== 'open') {
    const r = s.resolution;
    // The same decision sent again (a retried request) changes nothing and lets the remedy complete.
    const same = r.outcome === c.outcome && r.reason === reason && sameJson(r.remedy, c.remedy);
    return same ? [] : refuse('DisputeAlreadyResolved', 'The dispute is already resolved', resolvedFacts(s));
  }
  if (reason === '') return refuse('ReasonRequired', 'A resolution needs a reason');
  const { transfer, adjustments } = c.remedy;
  if (c.outcome === 'rejected' && (transfer !== null || adjustments.length > 0))
    return refuse('RemedyOnRejection', 'A rejected dispute carries no remedy');
  const ids = new Set(adjustments.map((a) => a.adjustmentId));
  if (ids.size !== adjustments.length) return refuse('AdjustmentRepeated', 'Two adjustments share one id');
  const { disputeId, outcome, resolvedBy, remedy, at: resolvedAt } = c;
  return [{ type: 'DisputeResolved', data: { disputeId, outcome, reason, resolvedBy, resolvedAt, remedy } }];
}

/**
 * One dispute (a rep says "that customer was mine", "that lead was not fair", "that line is
 * wrong"): opened by a party, commented on while open, resolved once by a manager, then final.
 */
export const disputeDecider: Decider<DisputeCommand, DisputeState, DisputeEvent> = {
  initialState: initialDisputeState,
  decide(command, state) {
    if (command.type === 'OpenDispute') return open(command, state);
    if (state.status === 'absent') return unknown(command.disputeId);
    switch (command.type) {
      case 'CommentOnDispute':
        return comment(command, state);
      case 'ResolveDispute':
        return resolve(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveDispute,
};
