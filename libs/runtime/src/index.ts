export * from './infrastructure';
export { connectRedis } from './redis';
export { READ_MODEL_MIGRATIONS } from './migrations';
export { PROJECTIONS, ProjectionSet } from './projections';
export { PositionFollower, positionsChannel, publishPositions } from './position-fanout';
