export * from './dispute/dispute.commands';
export * from './dispute/dispute.decider';
export * from './dispute/dispute.events';
export * from './dispute/dispute.state';
export * from './read-models/dispute-board.projection';
export * from './read-models/dispute-board.query';
export * from './remedy/resolve-dispute.workflow';
