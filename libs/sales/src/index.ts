export * from './sale/sale.commands';
export * from './sale/sale.decider';
export * from './sale/sale.events';
export * from './sale/sale.state';
