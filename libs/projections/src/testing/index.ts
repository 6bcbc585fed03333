export * from './batch-equivalence';
