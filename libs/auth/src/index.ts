export * from './roles';
export * from './api-keys/api-key.commands';
export * from './api-keys/api-key.decider';
export * from './api-keys/api-key.events';
export * from './admin-bootstrap/admin-bootstrap.decider';
export * from './admin-bootstrap/admin-bootstrap.events';
export * from './credential-events';
export * from './idempotency-keys/idempotency-key.decider';
