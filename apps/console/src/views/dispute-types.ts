/** The dispute answers the console reads (docs/api.md, "Disputes"). */
export type SubjectKind = 'customer-ownership' | 'lead-assignment' | 'ledger-line';

export interface DisputeSummary {
  readonly disputeId: string;
  readonly status: 'open' | 'upheld' | 'rejected';
  readonly claimantRepId: string;
  readonly respondentRepId: string | null;
  readonly subject: { kind: SubjectKind; id: string };
  readonly claim: string;
  readonly openedAt: string;
  readonly commentCount: number;
  readonly resolution: { outcome: string; reason: string; resolvedBy: string; resolvedAt: string } | null;
}

export interface DisputeDetail extends DisputeSummary {
  readonly comments: readonly { commentId: string; authorId: string; authorRole: string; text: string; at: string }[];
}

export interface DisputePage {
  readonly items: readonly DisputeSummary[];
  readonly total: number;
}
