import type { StoredFeedFilter } from './webhook-subscription.events';

export interface CreateWebhookSubscription {
  readonly kind: 'CreateWebhookSubscription';
  readonly subscriptionId: string;
  readonly url: string;
  readonly filter: StoredFeedFilter;
  readonly description: string;
  /** The head of the log as the handler read it (decimal string). */
  readonly startAfter: string;
}

/** A PATCH: each field present is a change; several changes are several events. */
export interface ChangeWebhookSubscription {
  readonly kind: 'ChangeWebhookSubscription';
  readonly paused?: boolean;
  readonly description?: string;
  readonly filter?: StoredFeedFilter;
}

export interface RotateWebhookSecret {
  readonly kind: 'RotateWebhookSecret';
  /** now + the configured grace period, by the handler's clock (ISO 8601). */
  readonly previousValidUntil: string;
}

/** Written by the delivery, not by a person: N attempts at one event failed. */
export interface MarkWebhookSubscriptionFailed {
  readonly kind: 'MarkWebhookSubscriptionFailed';
  readonly eventId: string;
  readonly position: string;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string;
}

export interface RetryWebhookSubscription {
  readonly kind: 'RetryWebhookSubscription';
}

export interface ReplayWebhookSubscription {
  readonly kind: 'ReplayWebhookSubscription';
  /** Re-send from this position, inclusive (decimal string, at least 1). */
  readonly from: string;
}

export interface DeleteWebhookSubscription {
  readonly kind: 'DeleteWebhookSubscription';
}

export type WebhookSubscriptionCommand =
  | CreateWebhookSubscription
  | ChangeWebhookSubscription
  | RotateWebhookSecret
  | MarkWebhookSubscriptionFailed
  | RetryWebhookSubscription
  | ReplayWebhookSubscription
  | DeleteWebhookSubscription;
