import { streamName, type Event, type RecordView, type RouteDeps } from '@pls/event-sourcing';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import type { RouteRegistry } from './route-registry';

/** Reads records straight from their streams: always current, no projection lag. */
export class RecordReader implements RouteDeps {
  constructor(
    private readonly store: EventStore,
    private readonly registry: RouteRegistry,
  ) {}

  async history(collection: string, id: string): Promise<{ view: RecordView; events: RecordedEvent[] } | null> {
    const view = this.registry.view(collection);
    if (!view) return null;
    return { view, events: await this.store.readStream(streamName(view.streamCategory, id)) };
  }

  async readRecord<S = unknown>(collection: string, id: string): Promise<{ state: S; version: number } | null> {
    const found = await this.history(collection, id);
    if (!found || found.events.length === 0) return null;
    const state = foldRecord(found.view, found.events);
    if (found.view.view(state) === null) return null;
    return { state: state as S, version: found.events.length };
  }
}

export function foldRecord(view: RecordView, events: readonly RecordedEvent[]): unknown {
  return events.reduce((state, e) => view.decider.evolve(state, e as unknown as Event), view.decider.initialState);
}
