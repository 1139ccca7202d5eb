/* API.md: "documented live at /api/docs (OpenAPI)". @nestjs/swagger 12 on the Fastify adapter
 * serves the UI at /api/docs and the JSON document at /api/docs-json. */
import { RouteRegistry } from '../../apps/api/src/records/route-registry';
import { describeOn, STORE_KINDS, useApi } from './fixtures';

/** Every command of API.md's table, with the body fields it names. */
const CONTRACT: ReadonlyArray<[collection: string, action: string | null, fields: readonly string[]]> = [
  ['org-units', null, ['name', 'level', 'parentId']],
  ['org-units', 'rename', []],
  ['org-units', 'move', []],
  ['org-units', 'close', []],
  ['persons', null, ['name', 'phone', 'idNumber']],
  ['hotline-calls', null, ['orgUnitId', 'offeredAt', 'answeredAt', 'endedAt', 'outcome', 'callerPersonId', 'class', 'category']],
  ['hotline-calls', 'callback', ['at', 'reached']],
  ['hotline-calls', 'work-order', ['assignToOrgUnitId', 'urgent']],
  ['work-orders', 'assign', []],
  ['work-orders', 'acknowledge', []],
  ['work-orders', 'return', []],
  ['work-orders', 'reply', []],
  ['work-orders', 'visit', ['satisfaction']],
  ['work-orders', 'reopen', []],
  ['work-orders', 'close', []],
  ['consultations', null, ['orgUnitId', 'channel', 'receivedAt', 'personsServed', 'category', 'personId']],
  ['consultations', 'answer', []],
  ['consultations', 'refer', ['target', 'targetOrgUnitId', 'parties', 'kind']],
  ['mediations', null, ['orgUnitId', 'kind', 'source', 'category', 'parties', 'claimedAmountFen', 'registeredOn']],
  ['mediations', 'accept', ['acceptedOn', 'mediatorIds', 'dueOn']],
  ['mediations', 'reject', ['reason', 'rejectedOn']],
  ['mediations', 'sessions', ['heldOn']],
  ['mediations', 'agreement', ['form', 'effectiveOn', 'agreedAmountFen']],
  ['mediations', 'terminate', ['reason', 'terminatedOn']],
  ['mediations', 'extend', ['newDueOn']],
  ['mediations', 'reassign', []],
  ['mediations', 'judicial-confirmation', ['appliedOn']],
  ['mediations', 'judicial-confirmation-decision', ['result', 'decidedOn']],
  ['mediations', 'performance', ['performance', 'recordedOn']],
  ['mediations', 'close', ['closedOn']],
  ['lectures', null, ['orgUnitId', 'plannedOn', 'topic']],
  ['lectures', 'hold', ['heldOn', 'attendees']],
  ['lectures', 'cancel', []],
];

const pathOf = (collection: string, action: string | null) =>
  action === null ? `/api/v1/${collection}` : `/api/v1/${collection}/{id}/${action}`;

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('OpenAPI document', () => {
    const t = useApi(kind);
    let doc: any;
    beforeAll(async () => {
      const reply = await t.api.get('/api/docs-json');
      expect(reply.status).toBe(200);
      expect(String(reply.headers['content-type'])).toMatch(/^application\/json/);
      doc = reply.body;
    });

    it('is an OpenAPI 3 document, with the UI beside it', async () => {
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      const ui = await t.api.get('/api/docs');
      expect(ui.status).toBe(200);
      expect(String(ui.headers['content-type'])).toMatch(/^text\/html/);
    });

    it.each(CONTRACT.map(([collection, action, fields]) => [pathOf(collection, action), fields] as const))(
      'POST %s is documented with its JSON request body schema',
      (path, fields) => {
        const post = doc.paths[path]?.post;
        expect(post).toBeDefined();
        const schema = post.requestBody?.content?.['application/json']?.schema;
        expect(schema).toMatchObject({ type: 'object', properties: expect.any(Object) });
        expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining([...fields]));
        if (path.includes('{id}'))
          expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' })]));
      },
    );

    it('documents every command route the API serves with the very schema it validates with', () => {
      const registry = t.api.app.get(RouteRegistry);
      const routes = registry.allRoutes();
      expect(routes.length).toBeGreaterThanOrEqual(CONTRACT.length - 1);
      for (const route of routes) {
        const post = doc.paths[pathOf(route.collection, route.action)]?.post;
        expect([route.collection, route.action, post?.requestBody?.content?.['application/json']?.schema]).toEqual([
          route.collection,
          route.action,
          route.body,
        ]);
        expect(Object.keys(post.responses)).toEqual(expect.arrayContaining([route.action === null ? '201' : '200', '409', '422']));
      }
    });

    it('documents the reads: every record, its history, the org tree, a person', () => {
      for (const collection of ['org-units', 'hotline-calls', 'work-orders', 'consultations', 'mediations', 'lectures']) {
        expect([collection, doc.paths[`/api/v1/${collection}/{id}`]?.get]).toEqual([collection, expect.any(Object)]);
        expect([collection, doc.paths[`/api/v1/${collection}/{id}/history`]?.get]).toEqual([collection, expect.any(Object)]);
      }
      expect(doc.paths['/api/v1/org-units']?.get).toBeDefined();
      expect(doc.paths['/api/v1/persons/{id}']?.get).toBeDefined();
      expect(doc.paths['/api/v1/auth/permissions']?.get?.responses?.['200']?.content?.['application/json']?.schema).toMatchObject({
        required: ['role', 'actions'],
      });
      expect(doc.components.schemas.Problem).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'code']) });
    });
  });
});
