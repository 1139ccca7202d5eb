import type { CommandRoute, RecordView } from '@pls/event-sourcing';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './json-schema';

export interface MountedRoute {
  readonly route: CommandRoute;
  readonly validate: ValidateFunction;
}

/**
 * Every context's command routes and record views, with their body schemas
 * compiled once at start-up. A duplicate (collection, action) is a
 * programming error and fails the start.
 */
export class RouteRegistry {
  private readonly routes = new Map<string, MountedRoute>();
  private readonly views = new Map<string, RecordView>();

  constructor(routes: readonly CommandRoute[], views: readonly RecordView[]) {
    const ajv = createAjv();
    for (const route of routes) {
      const key = keyOf(route.collection, route.action);
      if (this.routes.has(key)) throw new Error(`two command routes for ${key}`);
      this.routes.set(key, { route, validate: ajv.compile(route.body) });
    }
    for (const view of views) {
      if (this.views.has(view.collection)) throw new Error(`two views for ${view.collection}`);
      this.views.set(view.collection, view);
    }
  }

  route(collection: string, action: string | null): MountedRoute | undefined {
    return this.routes.get(keyOf(collection, action));
  }

  view(collection: string): RecordView | undefined {
    return this.views.get(collection);
  }

  allRoutes(): CommandRoute[] {
    return [...this.routes.values()].map((m) => m.route);
  }

  allViews(): RecordView[] {
    return [...this.views.values()];
  }
}

function keyOf(collection: string, action: string | null): string {
  return `${collection} ${action ?? '(create)'}`;
}
