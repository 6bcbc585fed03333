export * from './contract-fixtures';
export * from './event-store.contract';
export * from './temp-directory';
export * from './crashing-store';
export * from './manual-sleep';
export * from './recording-consumer';
export * from './outage-store';
export * from './notebook-decider';
