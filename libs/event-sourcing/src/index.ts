export * from './event';
export * from './actors';
export * from './decider';
export * from './errors';
export * from './ids';
export * from './command-handling';
export * from './command-route';
