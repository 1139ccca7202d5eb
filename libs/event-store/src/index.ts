export * from './event-store.port';
export * from './errors';
export { ChangeSignal } from './change-signal';
export { pollingSubscription, type PollingSource } from './polling-subscription';

/** Nest injection token of the `EventStore` the composition root picked. */
export const EVENT_STORE = Symbol.for('pls.EVENT_STORE');
