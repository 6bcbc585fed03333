export * from './all-projections';
export * from './api-key-secret';
export * from './api-keys';
export * from './bootstrap-admin-key';
export * from './engine-config';
export * from './log-transfer';
export * from './open-event-store';
