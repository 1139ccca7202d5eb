import {
  deterministicId,
  handleCommand,
  streamName,
  type CommandRoute,
  type Event,
  type CommandResult,
  type RecordView,
  type RouteDeps,
} from '@pls/event-sourcing';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';

export interface Posted {
  readonly result: CommandResult<unknown>;
  readonly response: Record<string, unknown>;
}

/**
 * What the API does with a context's routes, minus HTTP and schema validation:
 * load → toCommand → handleCommand → follow-ups (command ids derived from the
 * first command's), on an in-memory store. For specs of route wiring only.
 */
export class RouteHarness {
  readonly store = new InMemoryEventStore();

  constructor(
    private readonly routes: readonly CommandRoute[],
    private readonly views: readonly RecordView[],
  ) {}

  private readonly deps: RouteDeps = {
    readRecord: async <S>(collection: string, id: string) => {
      const view = this.viewOf(collection);
      const events = await this.store.readStream(streamName(view.streamCategory, id));
      if (events.length === 0) return null;
      const state = events.reduce((s, e) => view.decider.evolve(s, e as unknown as Event), view.decider.initialState);
      return { state: state as S, version: events.length };
    },
  };

  async post(collection: string, action: string | null, id: string, body: Record<string, unknown>, commandId: string, now: string): Promise<Posted> {
    const route = this.routes.find((r) => r.collection === collection && r.action === action);
    if (!route) throw new Error(`no route ${collection} ${action}`);
    const loaded = route.load ? await route.load({ id, body }, this.deps) : {};
    const command = route.toCommand({ id, body, metadata: { commandId, actorId: null, now }, loaded });
    const result = await handleCommand(this.store, streamName(route.streamCategory, id), route.decider, command);
    const followUps = route.followUps?.(result.state, command) ?? [];
    for (const [i, f] of followUps.entries()) {
      await this.post(f.collection, f.action, f.id, f.body, deterministicId('follow-up', commandId, i), now);
    }
    return { result, response: route.respond?.(result.state, command) ?? {} };
  }

  async get(collection: string, id: string): Promise<Record<string, unknown> | null> {
    const record = await this.deps.readRecord(collection, id);
    return record === null ? null : this.viewOf(collection).view(record.state);
  }

  async eventTypes(collection: string, id: string): Promise<string[]> {
    const events = await this.store.readStream(streamName(this.viewOf(collection).streamCategory, id));
    return events.map((e) => e.type);
  }

  private viewOf(collection: string): RecordView {
    const view = this.views.find((v) => v.collection === collection);
    if (!view) throw new Error(`no view for ${collection}`);
    return view;
  }
}
