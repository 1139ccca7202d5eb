export * from './categories';
export * from './values';
export * from './dates';
export * as schema from './schema';
