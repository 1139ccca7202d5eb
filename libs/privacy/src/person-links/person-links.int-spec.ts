import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@pls/event-store';
import { describeWithPostgres, postgresUrl } from '@test/support/services';
import { openPostgresDatabase, openSqliteDatabase, type TestDatabase } from '../testing/fixtures';
import { personLinksProjection } from './person-links.projection';
import { linksOfPerson } from './person-links.query';

function linksSuite(open: () => Promise<TestDatabase>): void {
  let db: TestDatabase;
  let position = 0;
  beforeEach(async () => {
    db = await open();
    position = 0;
  });
  afterEach(() => db.close());

  const event = (stream: string, type: string, data: object, metadata: Record<string, unknown> = {}): RecordedEvent => ({
    id: randomUUID(),
    stream,
    type,
    data,
    metadata: { actorId: 'system:test', ...metadata },
    version: 1,
    position: ++position,
    recordedAt: new Date().toISOString(),
  });
  const apply = (...events: RecordedEvent[]) => db.dataSource.transaction((tx) => personLinksProjection.apply(events, tx));
  const links = (personId: string) => linksOfPerson(db.dataSource, personId);

  const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
  const [m1, call, wo, c1, lecture] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  it('links a mediation’s parties, its unit and mediators, and follows it to its closing', async () => {
    await apply(
      event(`mediation-${m1}`, 'MediationRegistered', {
        mediationId: m1,
        orgUnitId: 'v1',
        parties: [
          { personId: alice, role: 'applicant' },
          { personId: bob, role: 'respondent' },
        ],
      }),
      event(`mediation-${m1}`, 'MediationAccepted', { mediationId: m1, orgUnitId: 'v1', mediatorIds: ['u1', 'u2'] }),
    );
    expect(await links(alice)).toEqual([
      { recordId: m1, collection: 'mediations', orgUnitId: 'v1', workerIds: ['u1', 'u2'], open: true, closedOn: null },
    ]);
    expect((await links(bob)).map((l) => l.recordId)).toEqual([m1]);
    // Separate batches: rows are read back and updated.
    await apply(
      event(`mediation-${m1}`, 'MediationMediatorsReassigned', { mediationId: m1, previousMediatorIds: ['u1', 'u2'], mediatorIds: ['u3'] }),
    );
    await apply(event(`mediation-${m1}`, 'MediationAgreementReached', { mediationId: m1, orgUnitId: 'v1', effectiveOn: '2025-01-10' }));
    expect((await links(alice))[0]).toMatchObject({ workerIds: ['u3'], open: true });
    await apply(event(`mediation-${m1}`, 'MediationClosed', { mediationId: m1, closedOn: '2025-02-01', concludedOn: '2025-01-10' }));
    expect((await links(alice))[0]).toMatchObject({ open: false, closedOn: '2025-02-01' });
  });

  it('links a call’s caller, and the work order handed over from it; the order’s worker is who signed for it', async () => {
    await apply(
      event(`hotlinecall-${call}`, 'HotlineCallLogged', { callId: call, orgUnitId: 'h1', callerPersonId: carol, operatorId: 'op1' }),
      event(`hotlinecall-${call}`, 'HotlineCallHandedOver', { workOrderId: wo, orgUnitId: 'h1', at: '2025-03-03T02:00:00.000Z' }),
    );
    await apply(
      event(`workorder-${wo}`, 'WorkOrderCreated', { workOrderId: wo, callId: call, orgUnitId: 'h1', assignToOrgUnitId: 'v2' }),
      event(`workorder-${wo}`, 'WorkOrderAssigned', { orgUnitId: 'v2' }),
      event(`workorder-${wo}`, 'WorkOrderAcknowledged', { orgUnitId: 'v2' }, { actorId: 'handler-1' }),
    );
    const found = await links(carol);
    expect(found.find((l) => l.recordId === wo)).toEqual({
      recordId: wo,
      collection: 'work-orders',
      orgUnitId: 'v2',
      workerIds: ['handler-1'],
      open: true,
      closedOn: null,
    });
    expect(found.find((l) => l.recordId === call)).toMatchObject({ collection: 'hotline-calls', orgUnitId: 'h1', workerIds: [] });
    await apply(event(`workorder-${wo}`, 'WorkOrderClosed', { orgUnitId: 'v2', closedOn: '2025-03-10' }));
    expect((await links(carol)).find((l) => l.recordId === wo)).toMatchObject({ open: false, closedOn: '2025-03-10' });
    await apply(event(`workorder-${wo}`, 'WorkOrderReopened', { orgUnitId: 'h1', fromOrgUnitId: 'v2' }));
    expect((await links(carol)).find((l) => l.recordId === wo)).toMatchObject({
      open: true,
      closedOn: null,
      orgUnitId: 'h1',
      workerIds: [],
    });
  });

  it('covers a record type it has never heard of, by its …PersonId fields; such a record never closes', async () => {
    const id = randomUUID();
    await apply(
      event(`legalaid-${id}`, 'LegalAidGranted', { orgUnitId: 'v9', applicantPersonId: alice }),
      event(`legalaid-${id}`, 'LegalAidClosed', { closedOn: '2025-01-01' }),
    );
    expect(await links(alice)).toEqual([
      { recordId: id, collection: 'legalaid', orgUnitId: 'v9', workerIds: [], open: true, closedOn: null },
    ]);
  });

  it('leaves records without persons, person streams and the org tree out', async () => {
    await apply(
      event(`lecture-${lecture}`, 'LecturePlanned', { orgUnitId: 'v1', plannedOn: '2025-01-01' }),
      event(`person-${alice}`, 'PersonRegistered', { personId: alice }),
      event(`orgunit-v1`, 'OrgUnitRegistered', { orgUnitId: 'v1' }),
      event(`consultation-${c1}`, 'ConsultationOpened', { orgUnitId: 'v1', personId: null }),
      event(`consultation-${c1}`, 'ConsultationAnswered', { orgUnitId: 'v1', answeredOn: '2025-01-02' }),
    );
    expect(await links(alice)).toEqual([]);
    const count = await db.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from('person_link_records', 'r')
      .getRawOne<{ n: string }>();
    expect(Number(count!.n)).toBe(0);
  });

  it('applies the same batch twice to the same rows (a rebuilt projection equals the incremental one)', async () => {
    const m = randomUUID();
    const batch = [
      event(`mediation-${m}`, 'MediationRegistered', { orgUnitId: 'v1', parties: [{ personId: bob, role: 'applicant' }] }),
      event(`mediation-${m}`, 'MediationRejected', { orgUnitId: 'v1', rejectedOn: '2024-12-01' }),
    ];
    await apply(...batch);
    await apply(...batch);
    expect(await links(bob)).toEqual([
      { recordId: m, collection: 'mediations', orgUnitId: 'v1', workerIds: [], open: false, closedOn: '2024-12-01' },
    ]);
  });
}

describe('person links on SQLite', () => linksSuite(openSqliteDatabase));
describeWithPostgres('person links on PostgreSQL', () => linksSuite(() => openPostgresDatabase(postgresUrl!)));
