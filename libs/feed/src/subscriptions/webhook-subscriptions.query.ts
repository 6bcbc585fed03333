import type { ReadModelConnection } from '@leadledger/projections';
import type { WebhookSubscriptionState } from './webhook-subscription.decider';
import { type WebhookSubscriptionView, webhookSubscriptionView } from './webhook-subscription.view';

interface Row {
  state: string;
  created_at: string;
  updated_at: string;
}

type Live = Extract<WebhookSubscriptionState, { status: 'active' | 'paused' | 'failing' }>;

/** Every subscription not deleted, oldest first. */
export function listWebhookSubscriptions(db: ReadModelConnection): WebhookSubscriptionView[] {
  const rows = db
    .prepare(
      `SELECT state, created_at, updated_at FROM webhook_subscriptions WHERE status <> 'deleted'
       ORDER BY created_at, subscription_id`,
    )
    .all() as Row[];
  return rows.map((row) =>
    webhookSubscriptionView(JSON.parse(row.state) as Live, { createdAt: row.created_at, updatedAt: row.updated_at }),
  );
}

/** The ids of the subscriptions that are not deleted: what the delivery runs at start. */
export function liveWebhookSubscriptionIds(db: ReadModelConnection): string[] {
  const rows = db
    .prepare(
      `SELECT subscription_id AS id FROM webhook_subscriptions WHERE status <> 'deleted' ORDER BY subscription_id`,
    )
    .all() as { id: string }[];
  return rows.map((row) => row.id);
}
