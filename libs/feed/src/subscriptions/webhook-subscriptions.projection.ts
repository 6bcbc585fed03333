import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { type WebhookSubscriptionState, webhookSubscriptionDecider } from './webhook-subscription.decider';
import { WEBHOOK_SUBSCRIPTION_EVENT_TYPES, type WebhookSubscriptionEvent } from './webhook-subscription.events';

export const WEBHOOK_SUBSCRIPTIONS = 'webhook-subscriptions';

interface Row {
  state: string;
  created_at: string;
}

/**
 * Every webhook subscription, each row its stream folded by the decider's own evolve (kept as
 * JSON), for GET /subscriptions and for the delivery to know which subscriptions to run at start.
 */
export const webhookSubscriptionsProjection: Projection = {
  name: WEBHOOK_SUBSCRIPTIONS,
  version: '1',
  tables: ['webhook_subscriptions'],
  eventTypes: WEBHOOK_SUBSCRIPTION_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS webhook_subscriptions (
        subscription_id TEXT PRIMARY KEY,
        status          TEXT NOT NULL,
        state           TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
    `);
  },
  apply(stored: StoredEvent, db: ReadModelConnection) {
    const event = { type: stored.type, data: stored.data } as unknown as WebhookSubscriptionEvent;
    const { subscriptionId } = event.data;
    const row = db
      .prepare('SELECT state, created_at FROM webhook_subscriptions WHERE subscription_id = ?')
      .get(subscriptionId) as Row | undefined;
    const before = row ? (JSON.parse(row.state) as WebhookSubscriptionState) : webhookSubscriptionDecider.initialState;
    const after = webhookSubscriptionDecider.evolve(before, event);
    const at = stored.metadata.occurredAt;
    db.prepare(
      `INSERT INTO webhook_subscriptions (subscription_id, status, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (subscription_id) DO UPDATE SET status = excluded.status, state = excluded.state,
         updated_at = excluded.updated_at`,
    ).run(subscriptionId, after.status, JSON.stringify(after), row?.created_at ?? at, at);
  },
};
