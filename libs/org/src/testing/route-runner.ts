import {
  handleCommand,
  streamName,
  type CommandResult,
  type CommandRoute,
  type Event,
  type RecordView,
  type RouteDeps,
} from '@pls/event-sourcing';
import type { EventStore } from '@pls/event-store';
import type { RouteInvocation } from '../network/network-invocations';

/**
 * What the API does with a route, minus HTTP (no schema validation, no
 * reference checks): load → toCommand → handleCommand. For specs that run
 * whole sequences of commands against a real store.
 */
export function routeRunner(store: EventStore, routes: readonly CommandRoute[], views: readonly RecordView[]) {
  const deps: RouteDeps = {
    async readRecord<S>(collection: string, id: string) {
      const view = views.find((v) => v.collection === collection);
      if (!view) throw new Error(`no view for ${collection}`);
      const events = await store.readStream(streamName(view.streamCategory, id));
      if (events.length === 0) return null;
      const state = events.reduce((s, e) => view.decider.evolve(s, e as Event), view.decider.initialState);
      return { state: state as S, version: events.length };
    },
  };

  return {
    deps,
    async run(invocation: RouteInvocation, now: string): Promise<CommandResult<unknown>> {
      const route = routes.find((r) => r.collection === invocation.collection && r.action === invocation.action);
      if (!route) throw new Error(`no route for ${invocation.collection} ${invocation.action}`);
      const input = { id: invocation.id, body: invocation.body };
      const loaded = route.load ? await route.load(input, deps) : {};
      const metadata = { commandId: invocation.commandId, actorId: null, now };
      const command = route.toCommand({ ...input, metadata, loaded });
      return handleCommand(store, streamName(route.streamCategory, invocation.id), route.decider, command);
    },
  };
}
