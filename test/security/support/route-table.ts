/* The application's route table, as Fastify holds it (every Nest controller,
 * the generic records routes, the web UI and the API docs): the fuzz test
 * aims at every route there is, so a route added later is fuzzed too. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface TableRoute {
  /** `/api/v1/:collection/:id/:action`, `/api/docs/*`, … */
  readonly path: string;
  readonly methods: readonly string[];
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/** Parses `printRoutes({ commonPrefix: false })`: one node a line, four characters of indentation per level. */
export function parseRouteTree(text: string): TableRoute[] {
  const stack: string[] = [];
  const routes: TableRoute[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const depth = [...m[1]!].length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]) routes.push({ path: stack.join(''), methods: m[3].split(',').map((s) => s.trim()) });
  }
  return routes;
}

export function routeTable(app: NestFastifyApplication): TableRoute[] {
  const fastify = app.getHttpAdapter().getInstance();
  return parseRouteTree(fastify.printRoutes({ commonPrefix: false }));
}
