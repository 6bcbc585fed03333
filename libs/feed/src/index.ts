export * from './cloud-event';
export * from './feed-filter';
export * from './public-event-types';
export * from './feed-page';
export * from './subscriptions';
export * from './asyncapi-document';
export * from './published-event-schemas';
export * from './publish-if-matching';
