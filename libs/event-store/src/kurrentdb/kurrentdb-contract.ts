import { eventStoreContract, type ContractTarget } from '../contract/event-store.contract';

/**
 * The shared contract for KurrentDB. KurrentDB has no index by event id, so an
 * id reused in a *different* stream is not detected (reuse within the same
 * stream is refused); the suite checks what the server can guarantee.
 */
export function kurrentDbContract(name: string, target: Omit<ContractTarget, 'detectsIdReuseAcrossStreams'>): void {
  eventStoreContract(name, { ...target, detectsIdReuseAcrossStreams: false });
}
