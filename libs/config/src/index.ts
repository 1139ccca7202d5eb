export * from './config';
export { loadCorsOrigins } from './cors';
