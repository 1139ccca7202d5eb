export * from './categories';
export * from './values';
export * from './dates';
