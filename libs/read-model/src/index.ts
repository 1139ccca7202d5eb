export * from './data-source';
export const READ_MODEL = Symbol('READ_MODEL');
