export * from './case-list';
