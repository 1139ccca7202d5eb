export * from './infrastructure';
export { connectRedis } from './redis';
