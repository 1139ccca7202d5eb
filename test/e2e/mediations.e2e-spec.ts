import {
  act,
  acceptedMediation,
  closedVillage,
  create,
  createNetwork,
  describeOn,
  expectHistory,
  expectInvalid,
  expectProblem,
  mediationBody,
  read,
  refused,
  registerMediation,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
} from './fixtures';

describe.each(STORE_KINDS)('%s', (kind) => {
  describeOn(kind)('mediations over HTTP', () => {
    const t = useApi(kind);
    let net: Network;
    beforeAll(async () => {
      net = await createNetwork(t.api);
    });

    describe('lifecycles', () => {
      it('register → accept → sessions → agreement → judicial confirmation → decision → performance → close', async () => {
        const { api } = t;
        const mediatorId = uuid();
        const registered = await create(api, 'mediations', mediationBody(net));
        const { id } = registered;
        expect(await read(api, 'mediations', id)).toMatchObject({
          status: 'registered',
          version: 1,
          orgUnitId: net.villageId,
          kind: 'people',
          source: 'application',
          category: '02',
          partyCount: 2,
          claimedAmountFen: 1_250_000,
          registeredOn: '2021-03-01',
          acceptedOn: null,
        });

        const steps: Array<[string, Record<string, unknown>, string]> = [
          ['accept', { acceptedOn: '2021-03-02', mediatorIds: [mediatorId] }, 'accepted'],
          ['sessions', { heldOn: '2021-03-05' }, 'in-session'],
          ['sessions', { heldOn: '2021-03-10' }, 'in-session'],
          ['agreement', { form: 'written', effectiveOn: '2021-03-15', agreedAmountFen: 1_000_000 }, 'agreed'],
          // 人民调解法 Art 33: within 30 days of the agreement taking effect — day 30 is still in time.
          ['judicial-confirmation', { appliedOn: '2021-04-14' }, 'agreed'],
          ['judicial-confirmation-decision', { result: 'confirmed', decidedOn: '2021-04-20' }, 'agreed'],
          ['performance', { performance: 'full', recordedOn: '2021-05-01' }, 'performing'],
          ['close', { closedOn: '2021-05-10' }, 'closed'],
        ];
        const positions = [registered.position];
        for (const [i, [action, body, status]] of steps.entries()) {
          const written = await act(api, 'mediations', id, action, body);
          expect(written.version).toBe(i + 2);
          expect(written.position).toBeGreaterThan(positions[positions.length - 1]!);
          positions.push(written.position);
          const state = await read(api, 'mediations', id);
          expect([action, state.status, state.version]).toEqual([action, status, i + 2]);
        }

        expect(await read(api, 'mediations', id)).toMatchObject({
          status: 'closed',
          acceptedOn: '2021-03-02',
          dueOn: '2021-04-01',
          mediatorIds: [mediatorId],
          sessions: { count: 2, dates: ['2021-03-05', '2021-03-10'] },
          agreementForm: 'written',
          agreedAmountFen: 1_000_000,
          outcome: 'agreed',
          concludedOn: '2021-03-15',
          judicialConfirmation: { appliedOn: '2021-04-14', result: 'confirmed', decidedOn: '2021-04-20' },
          performance: 'full',
          closedOn: '2021-05-10',
        });
        const events = await expectHistory(
          api,
          'mediations',
          id,
          [
            'MediationRegistered',
            'MediationAccepted',
            'MediationSessionRecorded',
            'MediationSessionRecorded',
            'MediationAgreementReached',
            'MediationJudicialConfirmationApplied',
            'MediationJudicialConfirmationDecided',
            'MediationPerformanceRecorded',
            'MediationClosed',
          ],
          net.villageId,
        );
        expect(events.map((e) => e.position)).toEqual(positions);
        expect(events[0]!.data).toMatchObject({ mediationId: id, claimedAmountFen: 1_250_000, partyCount: 2 });
        expect(events[4]!.data).toMatchObject({ effectiveOn: '2021-03-15', agreedAmountFen: 1_000_000, onTime: true });
        expect(new Set(events.map((e) => e.metadata['commandId'])).size).toBe(events.length);
      });

      it('register → reject; a rejected registration is final', async () => {
        const { api } = t;
        const id = await registerMediation(api, net);
        const rejected = await act(api, 'mediations', id, 'reject', { reason: 'out-of-scope', rejectedOn: '2021-03-03' });
        expect(rejected.version).toBe(2);
        expect(await read(api, 'mediations', id)).toMatchObject({
          status: 'rejected',
          version: 2,
          rejectionReason: 'out-of-scope',
          outcome: 'rejected',
          concludedOn: '2021-03-03',
        });
        await expectHistory(api, 'mediations', id, ['MediationRegistered', 'MediationRejected'], net.villageId);

        const accept = await refused(api, () =>
          api.post(`/api/v1/mediations/${id}/accept`, { acceptedOn: '2021-03-04', mediatorIds: [uuid()] }),
        );
        expectProblem(accept, 409, 'MEDIATION.REJECTED');
        expectProblem(
          await refused(api, () => api.post(`/api/v1/mediations/${id}/close`, { closedOn: '2021-03-05' })),
          409,
          'MEDIATION.REJECTED',
        );
      });

      it('accept → extend → reassign → terminate → close', async () => {
        const { api } = t;
        const first = uuid();
        const second = uuid();
        const id = await registerMediation(api, net, {
          kind: 'administrative',
          source: 'initiative',
          category: '07',
          claimedAmountFen: undefined,
        });
        await act(api, 'mediations', id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [first], dueOn: '2021-03-20' });
        expect(await read(api, 'mediations', id)).toMatchObject({ status: 'accepted', dueOn: '2021-03-20', claimedAmountFen: null });

        await act(api, 'mediations', id, 'extend', { newDueOn: '2021-04-20', partiesConsented: true });
        expect(await read(api, 'mediations', id)).toMatchObject({ status: 'accepted', version: 3, dueOn: '2021-04-20' });

        await act(api, 'mediations', id, 'reassign', { mediatorIds: [second] });
        expect(await read(api, 'mediations', id)).toMatchObject({ status: 'accepted', version: 4, mediatorIds: [second] });

        await act(api, 'mediations', id, 'terminate', { reason: 'no-agreement', terminatedOn: '2021-04-10' });
        expect(await read(api, 'mediations', id)).toMatchObject({
          status: 'terminated',
          version: 5,
          outcome: 'terminated',
          terminationReason: 'no-agreement',
          concludedOn: '2021-04-10',
        });

        await act(api, 'mediations', id, 'close', { closedOn: '2021-04-12' });
        expect(await read(api, 'mediations', id)).toMatchObject({
          status: 'closed',
          version: 6,
          outcome: 'terminated',
          closedOn: '2021-04-12',
        });
        const events = await expectHistory(
          api,
          'mediations',
          id,
          [
            'MediationRegistered',
            'MediationAccepted',
            'MediationDueDateExtended',
            'MediationMediatorsReassigned',
            'MediationTerminated',
            'MediationClosed',
          ],
          net.villageId,
        );
        expect(events[2]!.data).toMatchObject({ previousDueOn: '2021-03-20', newDueOn: '2021-04-20' });
        expect(events[4]!.data).toMatchObject({ dueOn: '2021-04-20', onTime: true });
      });

      // API.md lists the body of `extend` as { newDueOn } and says the listed forms keep working
      // ("change nothing listed here without keeping the old form working"). The route also
      // requires `partiesConsented: true` (libs/mediation/src/extend-due-date/extend-due-date.command.ts).
      it("extends with API.md's body { newDueOn }", async () => {
        const { api } = t;
        const id = await acceptedMediation(api, net);
        const reply = await api.post(`/api/v1/mediations/${id}/extend`, { newDueOn: '2021-05-01' });
        expect([reply.status, reply.body?.errors]).toEqual([200, undefined]);
        expect(await read(api, 'mediations', id)).toMatchObject({ version: 3, dueOn: '2021-05-01' });
      });

      it('takes an amount of exactly 10^15 fen', async () => {
        const { api } = t;
        const id = await registerMediation(api, net, { claimedAmountFen: 1_000_000_000_000_000 });
        expect((await read(api, 'mediations', id)).claimedAmountFen).toBe(1_000_000_000_000_000);
      });
    });

    describe('refusals append nothing', () => {
      const register = (body: Record<string, unknown>) => refused(t.api, () => t.api.post('/api/v1/mediations', body));

      it('a field the endpoint does not define', async () => {
        expectInvalid(await register({ ...mediationBody(net), colour: 'red' }), ['colour']);
        expectInvalid(
          await register(
            mediationBody(net, {
              parties: [
                { personId: net.personA, role: 'applicant', phone: '13812341234' },
                { personId: net.personB, role: 'respondent' },
              ],
            }),
          ),
          ['parties[0].phone'],
        );
      });

      it('money that is not whole fen in 0 … 10^15', async () => {
        for (const claimedAmountFen of [12.5, -1, 1_000_000_000_000_001, '100', 1e300]) {
          expectInvalid(await register(mediationBody(net, { claimedAmountFen })), ['claimedAmountFen']);
        }
        const id = await acceptedMediation(t.api, net);
        for (const agreedAmountFen of [0.01, -100, 1_000_000_000_000_001]) {
          const reply = await refused(t.api, () =>
            t.api.post(`/api/v1/mediations/${id}/agreement`, { form: 'oral', effectiveOn: '2021-03-15', agreedAmountFen }),
          );
          expectInvalid(reply, ['agreedAmountFen']);
        }
      });

      it('dates that are malformed, impossible or out of range', async () => {
        for (const registeredOn of [
          '2021-02-30',
          '2021-13-01',
          '2021-3-1',
          '20210301',
          '1989-12-31',
          '2101-01-01',
          '2021-03-01T00:00:00+08:00',
          20210301,
        ]) {
          expectInvalid(await register(mediationBody(net, { registeredOn })), ['registeredOn']);
        }
      });

      it('an unknown category, kind, source or role', async () => {
        expectInvalid(await register(mediationBody(net, { category: '15' })), ['category']);
        expectInvalid(await register(mediationBody(net, { category: 2 })), ['category']);
        expectInvalid(await register(mediationBody(net, { kind: 'civil', source: 'court' })), ['kind', 'source']);
        expectInvalid(
          await register(
            mediationBody(net, {
              parties: [
                { personId: net.personA, role: 'judge' },
                { personId: net.personB, role: 'respondent' },
              ],
            }),
          ),
          ['parties[0].role'],
        );
      });

      it('a party list with one party, or the same person twice', async () => {
        expectInvalid(await register(mediationBody(net, { parties: [{ personId: net.personA, role: 'applicant' }] })), ['parties']);
        expectInvalid(await register(mediationBody(net, { parties: [] })), ['parties']);
        expectInvalid(
          await register(
            mediationBody(net, {
              parties: [
                { personId: net.personA, role: 'applicant' },
                { personId: net.personA, role: 'respondent' },
              ],
            }),
          ),
          ['parties'],
          'MEDIATION.DUPLICATE_PARTY',
        );
      });

      it('missing required fields, named', async () => {
        expectInvalid(await register({}), ['orgUnitId', 'kind', 'source', 'category', 'parties', 'registeredOn']);
      });

      it('an unknown orgUnitId (422 naming the field)', async () => {
        expectInvalid(await register(mediationBody(net, { orgUnitId: uuid() })), ['orgUnitId'], 'REFERENCE.NOT_FOUND');
        expectInvalid(await register(mediationBody(net, { orgUnitId: 'village-1' })), ['orgUnitId']);
      });

      it('a closed org unit (409)', async () => {
        const closed = await closedVillage(t.api, net);
        const reply = await register(mediationBody(net, { orgUnitId: closed }));
        expectProblem(reply, 409, 'ORG.UNIT_CLOSED');
        expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'orgUnitId' })]);
      });

      it('an unknown personId in the parties', async () => {
        const reply = await register(
          mediationBody(net, {
            parties: [
              { personId: net.personA, role: 'applicant' },
              { personId: uuid(), role: 'respondent' },
            ],
          }),
        );
        expectInvalid(reply, ['parties[1].personId'], 'REFERENCE.NOT_FOUND');
      });

      it('a client id that is already taken', async () => {
        const id = await registerMediation(t.api, net);
        expectProblem(await register(mediationBody(net, { id })), 409, 'MEDIATION.ALREADY_REGISTERED');
      });

      it('lifecycle refusals: accept twice, agreement before acceptance, close before conclusion', async () => {
        const { api } = t;
        const registered = await registerMediation(api, net);
        expectProblem(
          await refused(api, () =>
            api.post(`/api/v1/mediations/${registered}/agreement`, { form: 'written', effectiveOn: '2021-03-15', agreedAmountFen: 0 }),
          ),
          409,
          'MEDIATION.NOT_ACCEPTED',
        );
        expectProblem(
          await refused(api, () => api.post(`/api/v1/mediations/${registered}/close`, { closedOn: '2021-03-15' })),
          409,
          'MEDIATION.NOT_CONCLUDED',
        );

        await act(api, 'mediations', registered, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [uuid()] });
        const twice = await refused(api, () =>
          api.post(`/api/v1/mediations/${registered}/accept`, { acceptedOn: '2021-03-03', mediatorIds: [uuid()] }),
        );
        expectProblem(twice, 409, 'MEDIATION.NOT_REGISTERED');
        expect((await read(api, 'mediations', registered)).version).toBe(2);

        // Values the schema cannot judge are 422 naming the field.
        const early = await refused(api, () => api.post(`/api/v1/mediations/${registered}/sessions`, { heldOn: '2021-03-01' }));
        expectInvalid(early, ['heldOn'], 'MEDIATION.SESSION_BEFORE_ACCEPTED');
        const notLater = await refused(api, () =>
          api.post(`/api/v1/mediations/${registered}/extend`, { newDueOn: '2021-03-10', partiesConsented: true }),
        );
        expectInvalid(notLater, ['newDueOn'], 'MEDIATION.DUE_DATE_NOT_LATER');
      });

      it('judicial confirmation on day 31 after the agreement took effect (409)', async () => {
        const { api } = t;
        const id = await acceptedMediation(api, net);
        await act(api, 'mediations', id, 'agreement', { form: 'written', effectiveOn: '2021-03-15', agreedAmountFen: 500_000 });
        const late = await refused(api, () => api.post(`/api/v1/mediations/${id}/judicial-confirmation`, { appliedOn: '2021-04-15' }));
        expectProblem(late, 409, 'MEDIATION.CONFIRMATION_WINDOW_CLOSED');
        const early = await refused(api, () => api.post(`/api/v1/mediations/${id}/judicial-confirmation`, { appliedOn: '2021-03-14' }));
        expectInvalid(early, ['appliedOn'], 'MEDIATION.APPLIED_BEFORE_EFFECTIVE');
        expectProblem(
          await refused(api, () =>
            api.post(`/api/v1/mediations/${id}/judicial-confirmation-decision`, { result: 'confirmed', decidedOn: '2021-04-20' }),
          ),
          409,
          'MEDIATION.CONFIRMATION_NOT_APPLIED',
        );
        expect(await read(api, 'mediations', id)).toMatchObject({ status: 'agreed', version: 3, judicialConfirmation: null });
      });

      it('an unknown id in the path (404)', async () => {
        const { api } = t;
        const missing = uuid();
        expectProblem(
          await refused(api, () => api.post(`/api/v1/mediations/${missing}/accept`, { acceptedOn: '2021-03-02', mediatorIds: [uuid()] })),
          404,
          'MEDIATION.NOT_FOUND',
        );
        expectProblem(
          await refused(api, () => api.post(`/api/v1/mediations/not-a-uuid/accept`, { acceptedOn: '2021-03-02', mediatorIds: [uuid()] })),
          404,
          'MEDIATION.NOT_FOUND',
        );
        expectProblem(await api.get(`/api/v1/mediations/${missing}`), 404, 'RECORD.NOT_FOUND');
        expectProblem(await api.get(`/api/v1/mediations/${missing}/history`), 404, 'RECORD.NOT_FOUND');
        expectProblem(await api.get('/api/v1/mediations/not-a-uuid'), 404, 'RECORD.NOT_FOUND');
        // An id of another collection is no mediation either.
        expectProblem(await api.get(`/api/v1/mediations/${net.villageId}`), 404, 'RECORD.NOT_FOUND');
      });

      it('an unknown action (404)', async () => {
        const id = await registerMediation(t.api, net);
        expectProblem(await refused(t.api, () => t.api.post(`/api/v1/mediations/${id}/approve`, {})), 404, 'ROUTE.NOT_FOUND');
      });
    });
  });
});
