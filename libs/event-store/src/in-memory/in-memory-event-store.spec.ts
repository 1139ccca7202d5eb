import { eventStoreContract } from '../contract/event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', {
  densePositions: true,
  startsEmpty: true,
  async create() {
    const store = new InMemoryEventStore();
    return { store, dispose: () => store.close() };
  },
});
