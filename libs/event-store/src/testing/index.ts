export * from './contract-fixtures';
export * from './event-store.contract';
export * from './temp-directory';
export * from './crashing-store';
