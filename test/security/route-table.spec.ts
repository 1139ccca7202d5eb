/* Nothing can be added unguarded: every route of the real application's
 * route table carries an access rule the guard understands, and every
 * (collection, action) and record view of the route registry has an entry in
 * the policy table. Both checks are shown to bite. */
import { Controller, Get, Module, Post, RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ACCESS_RULE, Policy, Public, ROLES, Roles, type AccessRule } from '@pls/identity';
import { startTestApi, type TestApi } from '@test/support/api-harness';
import { KNOWN_POLICIES } from '../../apps/api/src/auth/policy-access';
import { CREATE, POLICY_TABLE, READ, assertPolicyTable, comparePolicyTable } from '../../apps/api/src/auth/policy-table';
import { RouteRegistry } from '../../apps/api/src/records/route-registry';

interface NestRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  readonly rule: AccessRule | undefined;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of every controller the application mounted, with the rule the guard will find for it. */
function nestRoutes(app: INestApplicationContext): NestRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: NestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!type?.prototype) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '/');
    for (const name of scanner.getAllMethodNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? '?';
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, type]);
      for (const prefix of prefixes) {
        for (const path of ([] as string[]).concat(paths))
          routes.push({ method, path: joinPath(prefix, path), handler: `${type.name}.${name}`, rule });
      }
    }
  }
  return routes;
}

/** What the completeness check reports: routes without a rule, or with one the guard cannot apply. */
function unguarded(routes: readonly NestRoute[]): string[] {
  return routes
    .filter(
      (r) =>
        !r.rule ||
        (r.rule.kind !== 'public' && r.rule.roles.length === 0) ||
        (r.rule.kind !== 'public' && r.rule.roles.some((role) => !ROLES.includes(role))) ||
        (r.rule.kind === 'policy' && !KNOWN_POLICIES.includes(r.rule.policy)),
    )
    .map((r) => `${r.method} ${r.path} (${r.handler}): ${r.rule ? JSON.stringify(r.rule) : 'no access rule'}`);
}

describe('route table', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives every route of the running application an access rule the guard applies', () => {
    const routes = nestRoutes(api.app);
    // The enumeration sees the whole API: the record routes, statistics, case list, org tree, health, persons.
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/:collection',
        'POST /api/v1/:collection/:id/:action',
        'GET /api/v1/:collection/:id',
        'GET /api/v1/:collection/:id/history',
        'GET /api/v1/stats/summary',
        'GET /api/v1/stats/live',
        'GET /api/v1/cases',
        'GET /api/v1/org-units',
        'GET /api/v1/auth/me',
        'GET /api/v1/auth/permissions',
        'POST /api/v1/persons',
        'GET /health',
      ]),
    );
    expect(unguarded(routes)).toEqual([]);
  });

  it('enumerates the routes Fastify actually serves', () => {
    const fastify = api.app.getHttpAdapter().getInstance() as { hasRoute(opts: { method: string; url: string }): boolean };
    const missing = nestRoutes(api.app).filter((r) => !fastify.hasRoute({ method: r.method, url: r.path }));
    expect(missing).toEqual([]);
  });

  it('has a policy for every (collection, action) and record view of the registry, and none for routes that are gone', () => {
    const registry = api.app.get(RouteRegistry);
    expect(registry.allRoutes().length).toBeGreaterThan(30);
    expect(comparePolicyTable(registry.allRoutes(), registry.allViews())).toEqual({ missing: [], stale: [] });
  });

  it('public routes are only health and the sign-in/refresh ones', () => {
    const open = nestRoutes(api.app).filter((r) => r.rule?.kind === 'public');
    for (const r of open) expect(r.path).toMatch(/^\/(health(\/|$)|api\/v1\/auth\/(login|refresh)$)/);
  });

  describe('bites', () => {
    @Controller('api/v1/throwaway')
    class UnguardedController {
      @Get()
      list() {
        return [];
      }
    }
    @Public()
    @Controller('api/v1/guarded')
    class GuardedController {
      @Get()
      list() {
        return [];
      }
      @Roles('admin')
      @Post('danger')
      danger() {
        return {};
      }
    }
    @Policy('no-such-policy')
    @Controller('api/v1/unknown-policy')
    class UnknownPolicyController {
      @Get()
      get() {
        return {};
      }
    }
    @Module({ controllers: [UnguardedController, GuardedController, UnknownPolicyController] })
    class ThrowawayModule {}

    it('reports a controller without a rule, and one naming a policy the guard does not know', async () => {
      const moduleRef = await Test.createTestingModule({ imports: [ThrowawayModule] }).compile();
      try {
        const problems = unguarded(nestRoutes(moduleRef));
        expect(problems).toEqual([
          'GET /api/v1/throwaway (UnguardedController.list): no access rule',
          expect.stringMatching(/^GET \/api\/v1\/unknown-policy \(UnknownPolicyController\.get\): .*no-such-policy/),
        ]);
      } finally {
        await moduleRef.close();
      }
    });

    it('reports a registry route or view without a policy, and a policy for a route that is gone', () => {
      const routes = [
        { collection: 'mediations', action: 'accept' },
        { collection: 'mediations', action: 'fly' },
      ];
      const views = [{ collection: 'mediations' }, { collection: 'parcels' }];
      expect(comparePolicyTable(routes, views)).toEqual({
        missing: [`mediations fly`, `parcels ${READ}`],
        stale: expect.arrayContaining([`mediations ${CREATE}`, 'org-units rename']),
      });
      expect(() => assertPolicyTable(routes, views)).toThrow(/mediations fly, parcels \(read\)/);
      expect(POLICY_TABLE['mediations']?.['fly']).toBeUndefined();
    });
  });
});
