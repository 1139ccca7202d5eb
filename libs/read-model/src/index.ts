export * from './data-source';
export * from './projection';
export * from './projection-runner';
export * from './checkpoints';
export * from './position-watch';

/** Nest injection token of the read-model `DataSource`. */
export const READ_MODEL = Symbol.for('pls.READ_MODEL');
