export * from './esdb-event-store';
export * from './esdb-mapping';
export * from './esdb-subscription';
export * from './esdb-foreign-events';
export * from './esdb-append-size';
