export * from './deadline-queue';
export * from './deadline-enqueuer';
export * from './redis-settings';
