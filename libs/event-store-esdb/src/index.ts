export * from './esdb-event-store';
export * from './esdb-mapping';
export * from './esdb-subscription';
