import {
  act,
  create,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  read,
  refused,
  STORE_KINDS,
  useApi,
  uuid,
  type TestApi,
} from './fixtures';

interface TreeNode {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  status: string;
  children: TreeNode[];
}

/** `GET /api/v1/org-units?minPosition=…`: the tree once the projection has caught up with a write. */
async function tree(api: TestApi, minPosition: number): Promise<TreeNode[]> {
  const reply = await api.get(`/api/v1/org-units?minPosition=${minPosition}`);
  expect([reply.status, reply.body?.code]).toEqual([200, undefined]);
  return reply.body.items as TreeNode[];
}

function find(nodes: readonly TreeNode[], id: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const below = find(node.children, id);
    if (below) return below;
  }
  return undefined;
}

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('org-units over HTTP', () => {
    const t = useApi(kind);

    it('registers city → township → village, renames, moves a village, closes; the tree follows every write', async () => {
      const { api } = t;
      const city = await create(api, 'org-units', { name: '云川市', level: 'city', parentId: null });
      const east = await create(api, 'org-units', { name: '东城镇', level: 'township', parentId: city.id, code: 'YC01' });
      const west = await create(api, 'org-units', { name: '西山镇', level: 'township', parentId: city.id, code: 'YC02' });
      const village = await create(api, 'org-units', { name: '桃园村', level: 'village', parentId: east.id });
      expect(village.position).toBeGreaterThan(city.position);

      let items = await tree(api, village.position);
      const cityNode = find(items, city.id)!;
      expect(cityNode).toMatchObject({ name: '云川市', level: 'city', parentId: null, status: 'active' });
      expect(cityNode.children.map((c) => c.id)).toEqual([east.id, west.id]);
      expect(find(items, east.id)!.children).toEqual([
        expect.objectContaining({ id: village.id, name: '桃园村', level: 'village', parentId: east.id, status: 'active', children: [] }),
      ]);

      const renamed = await act(api, 'org-units', village.id, 'rename', { name: '桃源村' });
      expect(renamed.version).toBe(2);
      expect(find(await tree(api, renamed.position), village.id)!.name).toBe('桃源村');

      const moved = await act(api, 'org-units', village.id, 'move', { parentId: west.id, effectiveOn: '2021-07-01' });
      expect(moved.version).toBe(3);
      items = await tree(api, moved.position);
      expect(find(items, east.id)!.children).toEqual([]);
      expect(find(items, west.id)!.children.map((c) => [c.id, c.parentId])).toEqual([[village.id, west.id]]);

      const closed = await act(api, 'org-units', village.id, 'close', { closedOn: '2021-12-31' });
      expect(closed.version).toBe(4);
      expect(find(await tree(api, closed.position), village.id)).toMatchObject({ status: 'closed', parentId: west.id });

      const state = await read(api, 'org-units', village.id);
      expect(state).toMatchObject({
        status: 'closed',
        version: 4,
        name: '桃源村',
        level: 'village',
        parentId: west.id,
        closedOn: '2021-12-31',
        parentHistory: [
          { parentId: east.id, since: null, until: '2021-07-01' },
          { parentId: west.id, since: '2021-07-01', until: null },
        ],
      });
      const events = await expectHistory(
        api,
        'org-units',
        village.id,
        ['OrgUnitRegistered', 'OrgUnitRenamed', 'OrgUnitMoved', 'OrgUnitClosed'],
        village.id,
      );
      expect(events.map((e) => e.position)).toEqual([village.position, renamed.position, moved.position, closed.position]);
      expect(events[2]!.data).toEqual({ orgUnitId: village.id, fromParentId: east.id, toParentId: west.id, effectiveOn: '2021-07-01' });
    });

    it('moves a township with its villages to another city', async () => {
      const { api } = t;
      const cityA = await create(api, 'org-units', { name: '甲市', level: 'city', parentId: null });
      const cityB = await create(api, 'org-units', { name: '乙市', level: 'city', parentId: null });
      const township = await create(api, 'org-units', { name: '甲镇', level: 'township', parentId: cityA.id });
      const village = await create(api, 'org-units', { name: '甲村', level: 'village', parentId: township.id });
      const moved = await act(api, 'org-units', township.id, 'move', { parentId: cityB.id });
      const items = await tree(api, moved.position);
      expect(find(items, cityA.id)!.children).toEqual([]);
      expect(find(items, cityB.id)!.children.map((c) => c.id)).toEqual([township.id]);
      expect(find(items, township.id)!.children.map((c) => c.id)).toEqual([village.id]);
    });

    it('refuses what the tree does not allow, appending nothing', async () => {
      const { api } = t;
      const city = await create(api, 'org-units', { name: '丙市', level: 'city', parentId: null });
      const township = await create(api, 'org-units', { name: '丙镇', level: 'township', parentId: city.id });

      // A village hangs under a township, never a city.
      const wrongLevel = await refused(api, () => api.post('/api/v1/org-units', { name: '丙村', level: 'village', parentId: city.id }));
      expectInvalid(wrongLevel, ['parentId'], 'ORG.INVALID_PARENT_LEVEL');
      // An unknown parent is a 422 naming the field.
      const noParent = await refused(api, () => api.post('/api/v1/org-units', { name: '丁村', level: 'village', parentId: uuid() }));
      expectInvalid(noParent, ['parentId'], 'ORG.PARENT_NOT_FOUND');
      // Unknown level, blank name, unknown field: all named at once.
      const bad = await refused(api, () => api.post('/api/v1/org-units', { name: '', level: 'county', parentId: null, colour: 'red' }));
      expectInvalid(bad, ['name', 'level', 'colour']);

      expectProblem(
        await refused(api, () => api.post(`/api/v1/org-units/${city.id}/move`, { parentId: township.id })),
        409,
        'ORG.CITY_NOT_MOVABLE',
      );
      expectInvalid(
        await refused(api, () => api.post(`/api/v1/org-units/${township.id}/rename`, { name: '丙镇' })),
        ['name'],
        'ORG.SAME_NAME',
      );

      await act(api, 'org-units', township.id, 'close', {});
      expectProblem(
        await refused(api, () => api.post(`/api/v1/org-units/${township.id}/rename`, { name: '新丙镇' })),
        409,
        'ORG.ALREADY_CLOSED',
      );
      expectProblem(await refused(api, () => api.post(`/api/v1/org-units/${township.id}/close`, {})), 409, 'ORG.ALREADY_CLOSED');
      // A closed unit takes no new child units.
      const underClosed = await refused(api, () =>
        api.post('/api/v1/org-units', { name: '丙村', level: 'village', parentId: township.id }),
      );
      expectProblem(underClosed, 409, 'ORG.PARENT_CLOSED');
      expect(underClosed.body.errors).toEqual([expect.objectContaining({ field: 'parentId' })]);

      expectProblem(await refused(api, () => api.post(`/api/v1/org-units/${uuid()}/rename`, { name: '无' })), 404, 'ORG.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/org-units/${uuid()}`), 404, 'RECORD.NOT_FOUND');
      expectProblem(await api.get(`/api/v1/org-units/${uuid()}/history`), 404, 'RECORD.NOT_FOUND');
    });

    it('answers minPosition that is not a number with 422 naming it', async () => {
      const reply = await t.api.get('/api/v1/org-units?minPosition=abc');
      expectInvalid(reply, ['minPosition']);
    });
  });
});
