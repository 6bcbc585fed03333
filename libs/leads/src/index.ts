export * from './lead/lead-channel';
export * from './lead/lead-routing-rules';
export * from './lead/lead.commands';
export * from './lead/lead.decider';
export * from './lead/lead.events';
export * from './rep/rep.commands';
export * from './rep/rep.decider';
export * from './rep/rep.events';
