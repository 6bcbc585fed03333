export * from './canonical-json';
export * from './clock';
export * from './decision';
export * from './errors';
export * from './ids';
export * from './instant';
export * from './money';
export * from './time-zone';
