export * from './case-list';
export * from './statistics.metrics';
export { factsOf, recordIdOf, type Fact, type FactOptions, type FactContext } from './facts/fact';
export { createStatisticsProjection, statisticsProjection, STATISTICS_PROJECTION, STATISTICS_TABLES } from './facts/statistics.projection';
export { Statistics1764500200000, STATISTICS_MIGRATIONS } from './facts/statistics.migration';
export { END_OF_TIME } from './facts/org-periods';
