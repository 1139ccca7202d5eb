import { DomainError } from '@pls/event-sourcing';
import { InMemoryEventStore } from '@pls/event-store/in-memory/in-memory-event-store';
import { PersonVault, validateRegisterPerson, type RegisterPerson } from '@pls/privacy';
import { startTestApi, type TestApi } from '@test/support/api-harness';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../records/catalogue';
import { CommandExecutor, type CommandRequest } from '../records/command-executor';
import { RecordReader } from '../records/record-reader';
import { RouteRegistry } from '../records/route-registry';
import { withEagerReferrals } from '../jobs/reactions';
import { loadDemo, DemoLoadError, type DemoTarget } from './demo-loader';
import { generateSyntheticYear, type DemoStep, type SyntheticYear } from './synthetic-year';
import { summariseYear } from './year-summary';

/** The vault's contract in memory: same id and data answer the same, other data is refused. */
class MemoryVault {
  readonly persons = new Map<string, string>();

  async register(input: RegisterPerson): Promise<{ id: string }> {
    const { id, data } = validateRegisterPerson(input);
    const json = JSON.stringify(data);
    const found = this.persons.get(id!);
    if (found !== undefined && found !== json) throw new DomainError('PERSON.ALREADY_EXISTS', 'other data', 'conflict');
    this.persons.set(id!, json);
    return { id: id! };
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.persons.has(id)));
  }
}

function memoryTarget(): { target: DemoTarget; store: InMemoryEventStore; vault: MemoryVault } {
  const store = new InMemoryEventStore(() => new Date('2022-01-15T00:00:00Z'));
  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  const vault = new MemoryVault();
  const executor = new CommandExecutor(store, registry, new RecordReader(store, registry), vault);
  return { target: { executor: withEagerReferrals(executor, store), persons: vault }, store, vault };
}

describe('loadDemo through the API command path (in-memory store)', () => {
  it('loads the full-size year with no refusal, and a second load appends nothing', async () => {
    const year = generateSyntheticYear();
    const { target, store, vault } = memoryTarget();

    const first = await loadDemo(target, year, { concurrency: 16 });
    expect(first.refusals).toEqual([]);
    expect(first.done).toBe(year.steps.length);
    const head = await store.headPosition();
    // Every command appends at least one event; the follow-ups (work orders, referred mediations) more.
    expect(head).toBeGreaterThan(summariseYear(year.steps).commands);
    const persons = vault.persons.size;
    expect(persons).toBe(summariseYear(year.steps).persons);

    const second = await loadDemo(target, year, { concurrency: 16 });
    expect(second.refusals).toEqual([]);
    expect(await store.headPosition()).toBe(head);
    expect(vault.persons.size).toBe(persons);
  }, 180_000);
});

/** A year of hand-made steps for the scheduling rules. */
function yearOf(steps: DemoStep[]): SyntheticYear {
  return { seed: 'test', scale: 1, steps };
}

const cmd = (lane: string, n: number, phase: DemoStep['phase'] = 'records'): DemoStep => ({
  kind: 'command',
  phase,
  lane,
  command: { collection: 'c', action: null, body: { n }, commandId: `${lane}-${n}`, now: '2021-01-01T09:00:00+08:00' },
});

describe('loadDemo scheduling', () => {
  const recording = (behaviour: (r: CommandRequest) => Promise<void> = async () => undefined) => {
    const started: string[] = [];
    const finished: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const target: DemoTarget = {
      persons: { register: async (p) => ({ id: p.id! }) },
      executor: {
        async execute(r) {
          started.push(r.commandId);
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, (Number((r.body as { n: number }).n) * 7) % 5));
          try {
            await behaviour(r);
          } finally {
            inFlight--;
            finished.push(r.commandId);
          }
          return { status: 201, id: r.commandId, version: 1, position: 1, collection: r.collection, extra: {} };
        },
      },
    };
    return { target, started, finished, maxInFlight: () => maxInFlight };
  };

  it('keeps each lane in order, bounds the steps in flight, and finishes a phase before the next', async () => {
    const steps = [cmd('u1', 0, 'city'), cmd('u2', 0, 'townships'), cmd('u3', 0, 'townships')];
    for (let n = 0; n < 40; n++) steps.push(cmd(`r${n % 5}`, n));
    const { target, started, finished, maxInFlight } = recording();
    const result = await loadDemo(target, yearOf(steps), { concurrency: 3 });
    expect(result.done).toBe(steps.length);
    expect(maxInFlight()).toBeLessThanOrEqual(3);
    for (let lane = 0; lane < 5; lane++) {
      const ofLane = finished.filter((id) => id.startsWith(`r${lane}-`)).map((id) => Number(id.split('-')[1]));
      expect(ofLane).toEqual([...ofLane].sort((a, b) => a - b));
    }
    // Townships start only once the city is done; records once the townships are.
    expect(started.indexOf('u2-0')).toBeGreaterThan(finished.indexOf('u1-0'));
    expect(Math.min(...started.filter((id) => id.startsWith('r')).map((id) => started.indexOf(id)))).toBeGreaterThan(
      Math.max(finished.indexOf('u2-0'), finished.indexOf('u3-0')),
    );
  });

  it('reports a refusal and skips the rest of that lane only', async () => {
    const steps = [cmd('a', 0), cmd('a', 1), cmd('a', 2), cmd('b', 3), cmd('b', 4)];
    const { target } = recording(async (r) => {
      if (r.commandId === 'a-1') throw new DomainError('X.REFUSED', 'refused');
    });
    const result = await loadDemo(target, yearOf(steps), { concurrency: 4 });
    expect(result.refusals).toEqual([expect.objectContaining({ lane: 'a', code: 'X.REFUSED', index: 1 })]);
    expect(result.skipped).toBe(1);
    expect(result.done).toBe(3);
  });

  it('stops on an error that is not a refusal (the store went away)', async () => {
    const steps = Array.from({ length: 20 }, (_, n) => cmd(`l${n}`, n));
    const { target } = recording(async (r) => {
      if (r.commandId === 'l5-5') throw new Error('the SQLite event store is closed');
    });
    await expect(loadDemo(target, yearOf(steps), { concurrency: 2 })).rejects.toThrow(DemoLoadError);
  });

  it('reports progress up to the total', async () => {
    const steps = Array.from({ length: 10 }, (_, n) => cmd(`l${n}`, n));
    const seen: number[] = [];
    await loadDemo(recording().target, yearOf(steps), { onProgress: (p) => seen.push(p.done) });
    expect(seen[seen.length - 1]).toBe(10);
  });
});

describe('loadDemo on SQLite through the API (startTestApi)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(async () => api?.close());

  const vaultRows = async () => Number((await api.db.query('SELECT COUNT(*) AS n FROM vault_persons'))[0].n);

  it('loads a scaled-down year with zero refusals, and loading it again appends nothing', async () => {
    const year = generateSyntheticYear({ scale: 0.05 });
    const summary = summariseYear(year.steps);
    const target: DemoTarget = { executor: withEagerReferrals(api.app.get(CommandExecutor), api.store), persons: api.app.get(PersonVault) };

    const first = await loadDemo(target, year);
    expect(first.refusals).toEqual([]);
    expect(first.done).toBe(year.steps.length);
    const head = await api.store.headPosition();
    expect(head).toBeGreaterThan(summary.commands);
    expect(await vaultRows()).toBe(summary.persons);

    const second = await loadDemo(target, year);
    expect(second.refusals).toEqual([]);
    expect(await api.store.headPosition()).toBe(head);
    expect(await vaultRows()).toBe(summary.persons);

    // The records read back over HTTP as the lifecycles left them.
    const tree = await api.get(`/api/v1/org-units?minPosition=${head}`);
    expect(tree.status).toBe(200);
    const mediation = year.steps.find((s) => s.kind === 'command' && s.command.collection === 'mediations' && s.command.action === 'close');
    const read = await api.get(`/api/v1/mediations/${(mediation as Extract<DemoStep, { kind: 'command' }>).command.id}`);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe('closed');
  }, 120_000);
});
