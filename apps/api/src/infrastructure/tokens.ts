export { EVENT_STORE } from '@pls/event-store';
export { READ_MODEL } from '@pls/read-model';
export const APP_CONFIG = Symbol.for('pls.APP_CONFIG');
export const REDIS = Symbol.for('pls.REDIS');
