export * from './command-context';
export * from './event-store.errors';
export * from './event-store.port';
export * from './expected-revision';
export * from './global-log-filter';
export * from './handle-command';
export * from './polling-subscription';
export * from './stored-event';
