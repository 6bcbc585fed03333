/** Stream of one webhook subscription. */
export const webhookSubscriptionStreamId = (subscriptionId: string): string => `webhook-subscription-${subscriptionId}`;

/** What a subscriber asked for, as stored: empty lists let everything through. */
export interface StoredFeedFilter {
  readonly types: string[];
  readonly streams: string[];
}

export interface WebhookSubscriptionCreated {
  readonly type: 'WebhookSubscriptionCreated';
  readonly data: {
    readonly subscriptionId: string;
    readonly url: string;
    readonly filter: StoredFeedFilter;
    readonly description: string;
    /**
     * The signing secret is never in the log (it is exported and backed up): it is derived from
     * the engine's master key, the subscription id and this version (docs/integration.md).
     */
    readonly secretVersion: number;
    /** Global position (decimal string) the subscription starts after: the head when it was created. */
    readonly startAfter: string;
  };
}

export interface WebhookSubscriptionPaused {
  readonly type: 'WebhookSubscriptionPaused';
  readonly data: { readonly subscriptionId: string };
}

export interface WebhookSubscriptionResumed {
  readonly type: 'WebhookSubscriptionResumed';
  readonly data: { readonly subscriptionId: string };
}

export interface WebhookSubscriptionDescriptionChanged {
  readonly type: 'WebhookSubscriptionDescriptionChanged';
  readonly data: { readonly subscriptionId: string; readonly description: string };
}

export interface WebhookSubscriptionFilterChanged {
  readonly type: 'WebhookSubscriptionFilterChanged';
  readonly data: { readonly subscriptionId: string; readonly filter: StoredFeedFilter };
}

export interface WebhookSecretRotated {
  readonly type: 'WebhookSecretRotated';
  readonly data: {
    readonly subscriptionId: string;
    readonly secretVersion: number;
    readonly previousSecretVersion: number;
    /** Until then deliveries carry a signature by the previous secret too (ISO 8601). */
    readonly previousValidUntil: string;
  };
}

export interface WebhookSubscriptionFailed {
  readonly type: 'WebhookSubscriptionFailed';
  readonly data: {
    readonly subscriptionId: string;
    /** The event that could not be delivered: delivery stops before it. */
    readonly eventId: string;
    readonly position: string;
    readonly attempts: number;
    /** The last attempt's HTTP status, null when it got no answer. */
    readonly lastStatusCode: number | null;
    readonly lastError: string;
  };
}

export interface WebhookSubscriptionRetried {
  readonly type: 'WebhookSubscriptionRetried';
  readonly data: { readonly subscriptionId: string; readonly fromPosition: string };
}

export interface WebhookSubscriptionReplayRequested {
  readonly type: 'WebhookSubscriptionReplayRequested';
  /** Deliver again every matching event after this position (decimal string). */
  readonly data: { readonly subscriptionId: string; readonly after: string };
}

export interface WebhookSubscriptionDeleted {
  readonly type: 'WebhookSubscriptionDeleted';
  readonly data: { readonly subscriptionId: string };
}

export type WebhookSubscriptionEvent =
  | WebhookSubscriptionCreated
  | WebhookSubscriptionPaused
  | WebhookSubscriptionResumed
  | WebhookSubscriptionDescriptionChanged
  | WebhookSubscriptionFilterChanged
  | WebhookSecretRotated
  | WebhookSubscriptionFailed
  | WebhookSubscriptionRetried
  | WebhookSubscriptionReplayRequested
  | WebhookSubscriptionDeleted;

/** Never published on the feed: a subscription's URL may carry a token of the subscriber's. */
export const WEBHOOK_SUBSCRIPTION_EVENT_TYPES: readonly WebhookSubscriptionEvent['type'][] = [
  'WebhookSubscriptionCreated',
  'WebhookSubscriptionPaused',
  'WebhookSubscriptionResumed',
  'WebhookSubscriptionDescriptionChanged',
  'WebhookSubscriptionFilterChanged',
  'WebhookSecretRotated',
  'WebhookSubscriptionFailed',
  'WebhookSubscriptionRetried',
  'WebhookSubscriptionReplayRequested',
  'WebhookSubscriptionDeleted',
];
