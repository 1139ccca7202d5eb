import {
  act,
  closedVillage,
  consultationBody,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  read,
  refused,
  STORE_KINDS,
  useApi,
  type TestApi,
  uuid,
  UUID_RE,
  type Network,
} from './fixtures';

/** The mediation a referral names, once the referral reaction (on the checkpointed subscription) has registered it. */
async function registeredBy(api: TestApi, mediationId: string): Promise<Record<string, any>> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const reply = await api.get(`/api/v1/mediations/${mediationId}`);
    if (reply.status === 200) return reply.body;
    expect(reply.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the referral reaction did not register mediation ${mediationId}`);
}

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('consultations over HTTP', () => {
    const t = useApi(kind);
    let net: Network;
    const parties = () => [
      { personId: net.personA, role: 'applicant' },
      { personId: net.personC, role: 'respondent' },
    ];
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    describe('lifecycles', () => {
      it('open → answer', async () => {
        const { api } = t;
        const opened = await create(api, 'consultations', consultationBody(net));
        expect(await read(api, 'consultations', opened.id)).toMatchObject({
          status: 'opened',
          version: 1,
          orgUnitId: net.townshipId,
          channel: 'visit',
          receivedAt: '2021-03-01T10:00:00+08:00',
          receivedOn: '2021-03-01',
          personsServed: 2,
          category: '10',
          personId: net.personA,
          answeredAt: null,
        });
        const answered = await act(api, 'consultations', opened.id, 'answer', { answeredAt: '2021-03-01T10:30:00+08:00' });
        expect(answered.version).toBe(2);
        expect(await read(api, 'consultations', opened.id)).toMatchObject({
          status: 'answered',
          version: 2,
          answeredAt: '2021-03-01T10:30:00+08:00',
        });
        await expectHistory(api, 'consultations', opened.id, ['ConsultationOpened', 'ConsultationAnswered'], net.townshipId);
      });

      it('refer to mediation: the mediation is registered at the target with source referral, the category and the Shanghai date of receivedAt', async () => {
        const { api } = t;
        // 23:30 UTC on 1 March is 07:30 on 2 March in Asia/Shanghai.
        const opened = await create(
          api,
          'consultations',
          consultationBody(net, { receivedAt: '2021-03-01T23:30:00Z', category: '03', channel: 'phone' }),
        );
        const referred = await act(api, 'consultations', opened.id, 'refer', {
          target: 'mediation',
          targetOrgUnitId: net.villageId,
          kind: 'people',
          parties: parties(),
        });
        expect(referred.version).toBe(2);
        const mediationId = referred.body['mediationId'] as string;
        expect(mediationId).toMatch(UUID_RE);

        expect(await read(api, 'consultations', opened.id)).toMatchObject({
          status: 'referred',
          version: 2,
          receivedOn: '2021-03-02',
          referral: { target: 'mediation', targetOrgUnitId: net.villageId, mediationId },
        });
        expect(await registeredBy(api, mediationId)).toMatchObject({
          status: 'registered',
          version: 1,
          orgUnitId: net.villageId,
          kind: 'people',
          source: 'referral',
          category: '03',
          registeredOn: '2021-03-02',
          parties: parties(),
          partyCount: 2,
          claimedAmountFen: null,
          referredFrom: { collection: 'consultations', id: opened.id },
        });
        await expectHistory(api, 'consultations', opened.id, ['ConsultationOpened', 'ConsultationReferred'], net.townshipId);
        await expectHistory(api, 'mediations', mediationId, ['MediationRegistered'], net.villageId);

        // The mediation goes on like any other.
        await act(api, 'mediations', mediationId, 'accept', { acceptedOn: '2021-03-03', mediatorIds: [uuid()] });
        expect((await read(api, 'mediations', mediationId)).status).toBe('accepted');
      });

      it('refer elsewhere: no mediation', async () => {
        const { api } = t;
        const opened = await create(api, 'consultations', consultationBody(net, { channel: 'online', personId: undefined }));
        const referred = await act(api, 'consultations', opened.id, 'refer', { target: 'legal-aid', targetOrgUnitId: net.cityId });
        expect(referred.body['mediationId']).toBeUndefined();
        expect(await read(api, 'consultations', opened.id)).toMatchObject({
          status: 'referred',
          personId: null,
          referral: { target: 'legal-aid', targetOrgUnitId: net.cityId, mediationId: null },
        });
      });

      // API.md: "`position` is the global log position of the last event appended": the refer
      // command appends the referral only; the referral reaction registers the mediation after it.
      it('answers a referral with its own position; the reaction registers the named mediation after it, once', async () => {
        const { api } = t;
        const opened = await create(api, 'consultations', consultationBody(net));
        const body = { target: 'mediation', targetOrgUnitId: net.villageId, kind: 'people', parties: parties() };
        const key = { 'idempotency-key': uuid() };
        const referred = await act(api, 'consultations', opened.id, 'refer', body, key);
        const consultation = (await api.get(`/api/v1/consultations/${opened.id}/history`)).body.events as Array<{ type: string; position: number }>;
        expect(referred.position).toBe(consultation.at(-1)!.position);
        const mediationId = referred.body['mediationId'] as string;
        await registeredBy(api, mediationId);
        const history = (await api.get(`/api/v1/mediations/${mediationId}/history`)).body.events as Array<{ type: string; position: number }>;
        expect(history.map((e) => e.type)).toEqual(['MediationRegistered']);
        expect(history[0]!.position).toBeGreaterThan(referred.position);
        // The same request again (same Idempotency-Key) names the same mediation and registers nothing more.
        const again = await api.post(`/api/v1/consultations/${opened.id}/refer`, body, key);
        expect(again.body['mediationId']).toBe(mediationId);
        const head = await api.store.headPosition();
        const events = await api.store.readAll(0, 100_000);
        expect(events.filter((e) => e.type === 'MediationRegistered' && (e.data as { mediationId: string }).mediationId === mediationId)).toHaveLength(1);
        expect(await api.store.headPosition()).toBe(head);
      });
    });

    describe('refusals append nothing', () => {
      const open = (body: Record<string, unknown>) => refused(t.api, () => t.api.post('/api/v1/consultations', body));

      it('fields the schema refuses, named', async () => {
        expectInvalid(await open({ ...consultationBody(net), summary: '咨询劳动合同' }), ['summary']);
        expectInvalid(await open(consultationBody(net, { personsServed: 0 })), ['personsServed']);
        expectInvalid(await open(consultationBody(net, { personsServed: 1.5 })), ['personsServed']);
        expectInvalid(await open(consultationBody(net, { channel: 'email', category: '16' })), ['channel', 'category']);
        expectInvalid(await open(consultationBody(net, { receivedAt: '2021-03-01 10:00' })), ['receivedAt']);
      });

      it('unknown references (422) and a closed unit (409)', async () => {
        expectInvalid(await open(consultationBody(net, { orgUnitId: uuid() })), ['orgUnitId'], 'REFERENCE.NOT_FOUND');
        expectInvalid(await open(consultationBody(net, { personId: uuid() })), ['personId'], 'REFERENCE.NOT_FOUND');
        expectProblem(await open(consultationBody(net, { orgUnitId: await closedVillage(t.api, net) })), 409, 'ORG.UNIT_CLOSED');
      });

      it('referrals that cannot be made', async () => {
        const { api } = t;
        const { id } = await create(api, 'consultations', consultationBody(net));
        const refer = (body: Record<string, unknown>) => refused(api, () => api.post(`/api/v1/consultations/${id}/refer`, body));
        const toMediation = { target: 'mediation', targetOrgUnitId: net.villageId, kind: 'people', parties: parties() };

        expectInvalid(await refer({ ...toMediation, parties: undefined }), ['parties'], 'CONSULTATION.REQUIRED_FOR_MEDIATION');
        expectInvalid(await refer({ ...toMediation, parties: [parties()[0]] }), ['parties']);
        expectInvalid(
          await refer({ ...toMediation, parties: [parties()[0], { personId: uuid(), role: 'respondent' }] }),
          ['parties[1].personId'],
          'REFERENCE.NOT_FOUND',
        );
        expectInvalid(await refer({ ...toMediation, kind: 'family' }), ['kind']);
        expectInvalid(await refer({ target: 'notary', kind: 'people' }), ['kind'], 'CONSULTATION.ONLY_FOR_MEDIATION');
        expectInvalid(await refer({ target: 'court' }), ['target']);
        expectInvalid(
          await refer({ ...toMediation, referredAt: '2021-03-01T09:00:00+08:00' }),
          ['referredAt'],
          'CONSULTATION.BEFORE_RECEIVED',
        );
        expectProblem(await refer({ ...toMediation, targetOrgUnitId: await closedVillage(api, net) }), 409, 'ORG.UNIT_CLOSED');
        expectInvalid(await refer({ ...toMediation, targetOrgUnitId: uuid() }), ['targetOrgUnitId'], 'REFERENCE.NOT_FOUND');

        await act(api, 'consultations', id, 'answer', {});
        expectProblem(await refused(api, () => api.post(`/api/v1/consultations/${id}/answer`, {})), 409, 'CONSULTATION.ALREADY_ANSWERED');
        expectProblem(await refer(toMediation), 409, 'CONSULTATION.ALREADY_ANSWERED');
        expectProblem(await refused(api, () => api.post(`/api/v1/consultations/${uuid()}/answer`, {})), 404, 'CONSULTATION.NOT_FOUND');
      });
    });
  });
});
