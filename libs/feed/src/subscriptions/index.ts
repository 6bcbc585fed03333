export * from './webhook-subscription.commands';
export * from './webhook-subscription.decider';
export * from './webhook-subscription.events';
export * from './webhook-subscription.view';
export * from './webhook-subscriptions.projection';
export * from './webhook-subscriptions.query';
