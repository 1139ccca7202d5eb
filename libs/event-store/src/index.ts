export * from './event-store.port';
export * from './errors';
export { ChangeSignal } from './change-signal';
export { pollingSubscription, type PollingSource } from './polling-subscription';
