import type { WebhookFailure, WebhookSubscriptionState } from './webhook-subscription.decider';
import type { StoredFeedFilter } from './webhook-subscription.events';

export type WebhookSubscriptionStatus = 'active' | 'paused' | 'failing';
export const WEBHOOK_SUBSCRIPTION_STATUSES: readonly WebhookSubscriptionStatus[] = ['active', 'paused', 'failing'];

/** A subscription as the API shows it: never its secret, which is shown once when made or rotated. */
export interface WebhookSubscriptionView {
  readonly subscriptionId: string;
  readonly url: string;
  readonly description: string;
  readonly filter: StoredFeedFilter;
  readonly status: WebhookSubscriptionStatus;
  readonly secretVersion: number;
  /** Until when deliveries also carry the previous secret's signature; null when none is kept. */
  readonly previousSecretValidUntil: string | null;
  readonly failure: WebhookFailure | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The view of a subscription that exists (neither absent nor deleted). */
export function webhookSubscriptionView(
  state: Extract<WebhookSubscriptionState, { status: WebhookSubscriptionStatus }>,
  times: { readonly createdAt: string; readonly updatedAt: string },
): WebhookSubscriptionView {
  const { subscriptionId, url, description, filter, secretVersion, previousSecret } = state.subscription;
  return {
    subscriptionId,
    url,
    description,
    filter,
    status: state.status,
    secretVersion,
    previousSecretValidUntil: previousSecret?.validUntil ?? null,
    failure: state.status === 'failing' ? state.failure : null,
    ...times,
  };
}
