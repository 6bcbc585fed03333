import type { DisputeRemedy, DisputeSubject, EvidenceRef } from './dispute.events';

/**
 * Opens a dispute. The facts about the subject come from the handler, read beforehand:
 * `subjectParties` are the reps with a part in it (owners past and present and the finder of a
 * customer; receiver and assignees of a lead; the payee of a line), null when no such subject exists.
 */
export interface OpenDispute {
  readonly type: 'OpenDispute';
  readonly disputeId: string;
  readonly claimantRepId: string;
  readonly subject: DisputeSubject;
  readonly claim: string;
  readonly evidence: readonly EvidenceRef[];
  readonly subjectParties: readonly string[] | null;
  readonly respondentRepId: string | null;
  readonly openedBy: string;
  /** The opener's role: a rep may dispute only a subject they have a part in. */
  readonly openedByRole: string;
  readonly at: string;
}

export interface CommentOnDispute {
  readonly type: 'CommentOnDispute';
  readonly disputeId: string;
  readonly commentId: string;
  readonly authorId: string;
  readonly authorRole: string;
  /** For a rep's comment: the rep, who must be the claimant or the respondent. */
  readonly authorRepId: string | null;
  readonly text: string;
  readonly at: string;
}

export interface ResolveDispute {
  readonly type: 'ResolveDispute';
  readonly disputeId: string;
  readonly outcome: 'upheld' | 'rejected';
  readonly reason: string;
  readonly resolvedBy: string;
  readonly remedy: DisputeRemedy;
  readonly at: string;
}

export type DisputeCommand = OpenDispute | CommentOnDispute | ResolveDispute;
