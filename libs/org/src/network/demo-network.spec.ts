import { newId } from '@pls/event-sourcing';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { OrgErrorCode } from '../org.errors';
import { orgUnitRoutes, orgUnitView } from '../org.routes';
import type { OrgUnitState } from '../org.state';
import { routeRunner } from '../testing/route-runner';
import { DEMO_NETWORK_NAME, demoNetwork } from './demo-network';
import { networkInvocations, networkUnitId } from './network-invocations';

const NOW = '2021-01-01T01:00:00Z';
const units = demoNetwork.units;
const ofLevel = (level: string) => units.filter((u) => u.level === level);

describe('the demo network file', () => {
  it('has 1 city centre, 10 township and street stations and 85 workrooms', () =>
    expect([ofLevel('city').length, ofLevel('township').length, ofLevel('village').length]).toEqual([1, 10, 85]));

  it('names each level as the work report does', () => {
    expect(ofLevel('city').map((u) => u.name)).toEqual([expect.stringMatching(/市公共法律服务中心$/)]);
    expect(ofLevel('township').every((u) => /(镇|乡|街道)公共法律服务站$/.test(u.name))).toBe(true);
    expect(ofLevel('village').every((u) => /公共法律服务工作室$/.test(u.name))).toBe(true);
  });

  it('spreads 84 villages and communities over all ten stations', () => {
    const workrooms = ofLevel('village').filter((u) => /(村|社区)公共法律服务工作室$/.test(u.name));
    expect(workrooms).toHaveLength(84);
    const perStation = ofLevel('township').map((t) => workrooms.filter((v) => v.parentKey === t.key).length);
    expect(perStation.reduce((a, b) => a + b)).toBe(84);
    expect(Math.min(...perStation)).toBeGreaterThanOrEqual(8);
  });

  it('places the development-zone workroom under a township station', () => {
    const [zone] = ofLevel('village').filter((u) => u.name.includes('开发区'));
    expect(zone).toMatchObject({ key: 'devzone', name: expect.stringMatching(/开发区公共法律服务工作室$/), parentKey: 't02' });
    expect(units.find((u) => u.key === zone!.parentKey)!.level).toBe('township');
  });

  it('uses invented names only: one name per unit, none of the real city', () => {
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    expect(units.filter((u) => u.name.includes('阜康'))).toEqual([]);
  });
});

describe('loading the demo network', () => {
  const invocations = networkInvocations(demoNetwork, DEMO_NETWORK_NAME);

  async function loaded() {
    const store = new InMemoryEventStore();
    const runner = routeRunner(store, orgUnitRoutes, [orgUnitView]);
    for (const invocation of invocations) await runner.run(invocation, NOW);
    const stateOf = async (key: string) => (await runner.deps.readRecord<OrgUnitState>('org-units', networkUnitId(DEMO_NETWORK_NAME, key)))!.state;
    return { store, runner, stateOf };
  }

  it('registers every unit through the decider, in order, under its parent', async () => {
    const { store, stateOf } = await loaded();
    expect(await store.headPosition()).toBe(96);
    for (const unit of units) {
      expect(await stateOf(unit.key)).toMatchObject({
        status: 'active',
        name: unit.name,
        level: unit.level,
        parentId: unit.parentKey === null ? null : networkUnitId(DEMO_NETWORK_NAME, unit.parentKey),
        code: unit.code,
      });
    }
  });

  it('registers nothing twice when loaded again', async () => {
    const { store, runner } = await loaded();
    const again = await Promise.all(invocations.map((invocation) => runner.run(invocation, '2021-06-01T01:00:00Z')));
    expect(again.every((result) => result.repeated)).toBe(true);
    expect(await store.headPosition()).toBe(96);
  });

  it('refuses a second registration even under other command ids, appending nothing', async () => {
    const { store, runner } = await loaded();
    await expect(runner.run({ ...invocations[0]!, commandId: newId() }, NOW)).rejects.toMatchObject({ code: OrgErrorCode.ALREADY_REGISTERED });
    expect(await store.headPosition()).toBe(96);
  });

  it('cannot be loaded children first: the order is what makes it load', async () => {
    const runner = routeRunner(new InMemoryEventStore(), orgUnitRoutes, [orgUnitView]);
    await expect(runner.run(invocations[invocations.length - 1]!, NOW)).rejects.toMatchObject({ code: OrgErrorCode.PARENT_NOT_FOUND });
  });
});
