export * from './smooth-weighted-round-robin';
export * from './least-assigned';
export * from './pool/pool.events';
export * from './pool/pool.commands';
export * from './pool/pool.state';
export * from './pool/pool.decider';
export * from './pool/pool-view';
