import type { CommentOnDispute, OpenDispute, ResolveDispute } from './dispute.commands';
import type { DisputeCommented, DisputeOpened, DisputeResolved } from './dispute.events';

/**
 * Shared commands and events for the dispute specs: rep-a followed customer cust-1, which walked
 * in on 12 November and was received by rep-b; rep-a disputes the ownership.
 */
export const OPENED_AT = '2026-11-14T02:00:00.000Z';
export const RESOLVED_AT = '2026-11-16T02:00:00.000Z';
export const WALK_IN_AT = '2026-11-12T02:00:00.000Z';

export const openDispute: OpenDispute = {
  type: 'OpenDispute',
  disputeId: 'd-1',
  claimantRepId: 'rep-a',
  subject: { kind: 'customer-ownership', id: 'cust-1' },
  claim: '我跟了这个客户三周，他到店时被 rep-b 接待了',
  evidence: [
    { kind: 'follow-up', id: 'evt-follow-up-1' },
    { kind: 'lead', id: 'lead-1' },
  ],
  subjectParties: ['rep-a', 'rep-b'],
  respondentRepId: 'rep-b',
  openedBy: 'rep-a',
  openedByRole: 'rep',
  at: OPENED_AT,
};

export const opened: DisputeOpened = {
  type: 'DisputeOpened',
  data: {
    disputeId: 'd-1',
    claimantRepId: 'rep-a',
    subject: { kind: 'customer-ownership', id: 'cust-1' },
    respondentRepId: 'rep-b',
    claim: '我跟了这个客户三周，他到店时被 rep-b 接待了',
    evidence: [
      { kind: 'follow-up', id: 'evt-follow-up-1' },
      { kind: 'lead', id: 'lead-1' },
    ],
    openedBy: 'rep-a',
    openedAt: OPENED_AT,
  },
};

export const comment = (more: Partial<CommentOnDispute> = {}): CommentOnDispute => ({
  type: 'CommentOnDispute',
  disputeId: 'd-1',
  commentId: 'c-1',
  authorId: 'rep-b',
  authorRole: 'rep',
  authorRepId: 'rep-b',
  text: '客户说他是自己找来的',
  at: '2026-11-15T02:00:00.000Z',
  ...more,
});

export const commented: DisputeCommented = {
  type: 'DisputeCommented',
  data: {
    disputeId: 'd-1',
    commentId: 'c-1',
    authorId: 'rep-b',
    authorRole: 'rep',
    text: '客户说他是自己找来的',
    at: '2026-11-15T02:00:00.000Z',
  },
};

export const remedy: DisputeResolved['data']['remedy'] = {
  transfer: { customerId: 'cust-1', toRepId: 'rep-a', effectiveAt: WALK_IN_AT },
  adjustments: [{ adjustmentId: 'adj-1', repId: 'rep-a', amount: 60_000, currency: 'CNY', period: null }],
};

export const uphold = (more: Partial<ResolveDispute> = {}): ResolveDispute => ({
  type: 'ResolveDispute',
  disputeId: 'd-1',
  outcome: 'upheld',
  reason: 'rep-a 的跟进记录在到店之前',
  resolvedBy: 'key:manager-1',
  remedy,
  at: RESOLVED_AT,
  ...more,
});

export const upheld: DisputeResolved = {
  type: 'DisputeResolved',
  data: {
    disputeId: 'd-1',
    outcome: 'upheld',
    reason: 'rep-a 的跟进记录在到店之前',
    resolvedBy: 'key:manager-1',
    resolvedAt: RESOLVED_AT,
    remedy,
  },
};

export const rejected: DisputeResolved = {
  type: 'DisputeResolved',
  data: {
    disputeId: 'd-1',
    outcome: 'rejected',
    reason: 'no follow-up in the 30 days before the walk-in',
    resolvedBy: 'key:manager-1',
    resolvedAt: RESOLVED_AT,
    remedy: { transfer: null, adjustments: [] },
  },
};
