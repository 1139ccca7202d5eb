export * from './clock';
export * from './calendar/working-calendar';
export * from './calendar/calendar-files';
export * from './deadlines/deadline';
export * from './deadlines/deadline-settings';
export * from './deadlines/deadline-rules';
export * from './deadlines/visit-sample';
export * from './deadlines/deadline-firing';
export * from './deadlines/deadlines.query';
export * from './deadlines/deadlines.projection';
export * from './deadlines/default-rules';
export { JOBS_MIGRATIONS } from './deadlines/deadlines.migration';
export * from './scheduler/in-process-scheduler';
// BullMQ lives behind its own entry (`@pls/jobs/queue`), so embedded mode never loads it.
export * from './reactions';
export * from './notifications/notification';
export * from './notifications/notifications.projection';
export * from './notifications/notifications.query';
