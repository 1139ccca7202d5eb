import type { EventStore } from '@pls/event-store';
import type { Reaction } from '@pls/read-model';
import type { ReactionCommandPort } from './command-port';
import { referralRegistersMediation } from './referral-registers-mediation';

export * from './command-port';
export * from './referral-registers-mediation';

/**
 * Every reaction (process manager) the system runs. A work order assigned to
 * a unit needs none: the case list projection puts it in the unit's queue; a
 * satisfaction visit is a deadline the `deadlines` projection derives.
 */
export function reactions(store: Pick<EventStore, 'readStream'>, commands: ReactionCommandPort, log?: (line: string) => void): Reaction[] {
  return [referralRegistersMediation(store, commands, log)];
}
