export * from './background-checkpoints';
export * from './sqlite-connection';
export * from './sqlite-corruption';
export * from './sqlite-event-store';
export * from './sqlite-event-store.schema';
export * from './sqlite-snapshot-store';
