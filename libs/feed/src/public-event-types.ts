/**
 * The published contract: each internal event type the feed publishes, under the name and version
 * integrators subscribe to (`leadledger.<area>.<event>.v<N>`). Internal names may change; these
 * may not: a change to a published shape is a new version (docs/events.md, "The event feed").
 */
export const PUBLIC_EVENT_TYPES = {
  LeadReceived: 'leadledger.lead.received.v1',
  LeadMatchedToCustomer: 'leadledger.lead.matched-to-customer.v1',
  LeadFlaggedForReview: 'leadledger.lead.flagged-for-review.v1',
  LeadAssigned: 'leadledger.lead.assigned.v1',
  LeadQueued: 'leadledger.lead.queued.v1',
  LeadAccepted: 'leadledger.lead.accepted.v1',
  LeadDeclined: 'leadledger.lead.declined.v1',
  LeadAcceptanceExpired: 'leadledger.lead.acceptance-expired.v1',
  LeadQualified: 'leadledger.lead.qualified.v1',
  LeadDisqualified: 'leadledger.lead.disqualified.v1',
  LeadReleased: 'leadledger.lead.released.v1',
  LeadReviewResolved: 'leadledger.lead.review-resolved.v1',
  LeadConverted: 'leadledger.lead.converted.v1',
  RepRegistered: 'leadledger.rep.registered.v1',
  RepDeparted: 'leadledger.rep.departed.v1',
  RepHandOverRequested: 'leadledger.rep.hand-over-requested.v1',
  PoolCreated: 'leadledger.pool.created.v1',
  PoolMemberAdded: 'leadledger.pool.member-added.v1',
  PoolMemberRemoved: 'leadledger.pool.member-removed.v1',
  PoolMemberPaused: 'leadledger.pool.member-paused.v1',
  PoolMemberResumed: 'leadledger.pool.member-resumed.v1',
  PoolMemberWeightChanged: 'leadledger.pool.member-weight-changed.v1',
  PoolMemberCapsChanged: 'leadledger.pool.member-caps-changed.v1',
  PoolLeadAssigned: 'leadledger.pool.lead-assigned.v1',
  PoolLeadQueued: 'leadledger.pool.lead-queued.v1',
  PoolQueuedLeadClaimed: 'leadledger.pool.queued-lead-claimed.v1',
  PoolQueuedLeadWithdrawn: 'leadledger.pool.queued-lead-withdrawn.v1',
  IdentityKeyReserved: 'leadledger.identity.key-reserved.v1',
  CustomerRegistered: 'leadledger.customer.registered.v1',
  CustomerIdentityKeyAdded: 'leadledger.customer.identity-key-added.v1',
  OwnershipAssigned: 'leadledger.customer.ownership-assigned.v1',
  FollowUpLogged: 'leadledger.customer.follow-up-logged.v1',
  ProtectionWarningIssued: 'leadledger.customer.protection-warning-issued.v1',
  CustomerReleased: 'leadledger.customer.released.v1',
  SharedPoolRulesChanged: 'leadledger.shared-pool.rules-changed.v1',
  ClaimCounted: 'leadledger.shared-pool.claim-counted.v1',
  ClaimUncounted: 'leadledger.shared-pool.claim-uncounted.v1',
  SaleRecorded: 'leadledger.sale.recorded.v1',
  PaymentReceived: 'leadledger.sale.payment-received.v1',
  SaleRefunded: 'leadledger.sale.refunded.v1',
  SaleCancelled: 'leadledger.sale.cancelled.v1',
  CommissionPlanPublished: 'leadledger.commission.plan-published.v1',
  CommissionAdjusted: 'leadledger.commission.adjusted.v1',
  CommissionPaidOut: 'leadledger.commission.paid-out.v1',
  PeriodClosed: 'leadledger.commission.period-closed.v1',
  DisputeOpened: 'leadledger.dispute.opened.v1',
  DisputeCommented: 'leadledger.dispute.commented.v1',
  DisputeResolved: 'leadledger.dispute.resolved.v1',
} as const satisfies Record<string, `leadledger.${string}.${string}.v${number}`>;

export type PublishedInternalType = keyof typeof PUBLIC_EVENT_TYPES;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[PublishedInternalType];

const WEBHOOK_CONFIGURATION = "another subscriber's configuration: its URL may carry the subscriber's token";

/**
 * Internal event types that are never published, and why. API keys: their stream id holds the
 * key's hash, and who may call the engine is no other service's business.
 */
export const UNPUBLISHED_EVENT_TYPES: Readonly<Record<string, string>> = {
  ApiKeyCreated: 'credentials: the stream id and the data hold the key hash',
  ApiKeyRevoked: 'credentials: the stream id holds the key hash',
  AdminKeyBootstrapped: 'credentials: the data holds the first admin key hash',
  WebhookSubscriptionCreated: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionPaused: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionResumed: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionDescriptionChanged: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionFilterChanged: WEBHOOK_CONFIGURATION,
  WebhookSecretRotated: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionFailed: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionRetried: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionReplayRequested: WEBHOOK_CONFIGURATION,
  WebhookSubscriptionDeleted: WEBHOOK_CONFIGURATION,
  IdempotencyKeyBound: "a client's own retries: which of its keys named which resource is no other service's business",
};

export const publicTypeOf = (internalType: string): PublicEventType | null =>
  (PUBLIC_EVENT_TYPES as Record<string, PublicEventType>)[internalType] ?? null;

export const ALL_PUBLIC_EVENT_TYPES: readonly PublicEventType[] = Object.values(PUBLIC_EVENT_TYPES);
