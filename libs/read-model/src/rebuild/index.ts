export { rebuildProjection, prefetching, type RebuildOptions, type RebuildResult } from './rebuild';
export { ProgressReporter, formatProgress, formatSeconds, type ProgressSink, type ProgressSnapshot } from './progress';
export type { SwapResult } from './swap';
