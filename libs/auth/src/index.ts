export * from './roles';
export * from './api-keys/api-key.commands';
export * from './api-keys/api-key.decider';
export * from './api-keys/api-key.events';
