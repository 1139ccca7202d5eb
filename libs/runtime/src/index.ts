export * from './infrastructure';
export { connectRedis } from './redis';
export { READ_MODEL_MIGRATIONS } from './migrations';
export { PROJECTIONS, ProjectionSet } from './projections';
export { POSITIONS_CHANNEL, PositionFollower, publishPositions } from './position-fanout';
