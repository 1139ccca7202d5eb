/* Personal data under PIPL over HTTP, on SQLite and PostgreSQL: who sees a
 * person masked or in clear (role × scope × own worker), the access log of
 * every clear read, export (Art 45), restriction while retention runs and
 * erasure by crypto-shredding (Art 47) — statistics unchanged, no clear value
 * left in any table or event — and master-key rotation by rewrapping. */
import type { Principal } from '@pls/identity';
import type { AppConfig } from '@pls/config';
import { generateMasterKeyText, MasterKeyring, PersonalDataAccessLog, PersonVault, VAULT_KEYRING } from '@pls/privacy';
import { residentId } from '@pls/privacy/testing/fixtures';
import {
  act,
  create,
  createNetwork,
  describeOn,
  expectProblem,
  mediationBody,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
  type TestApi,
} from '@test/e2e/fixtures';
import { startTestApi } from '@test/support/api-harness';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../apps/api/src/infrastructure/tokens';

const principal = (role: Principal['role'], orgUnitId: string | null, id = uuid()): Principal => ({
  id,
  username: `${role}-${id.slice(0, 4)}`,
  role,
  orgUnitId,
  sessionId: uuid(),
});

/** Every row of every table of the read model, as one string (vault, projections, access log, idempotency…). */
async function dumpReadModel(db: DataSource): Promise<string> {
  const tables: Array<{ name: string }> =
    db.options.type === 'postgres'
      ? await db.query(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await db.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const parts: string[] = [];
  for (const { name } of tables) parts.push(name, JSON.stringify(await db.query(`SELECT * FROM "${name}"`)));
  return parts.join('\n');
}

describe.each(STORE_KINDS)('personal data on %s', (kind) => {
  describeOn(kind)(kind, () => {
    const h = useApi(kind);
    let net: Network;
    let log: PersonalDataAccessLog;
    // Users: a mediator and a colleague in the village, a worker of the other township, the township's supervisor and the other's.
    let mediator: Principal, villageWorker: Principal, otherWorker: Principal, supervisor: Principal, otherSupervisor: Principal;
    let operator: Principal, handler: Principal;
    const as = (p: Principal) => ({ authorization: `Bearer ${h.api.tokenFor(p)}` });
    const getPerson = (id: string, p?: Principal, minPosition?: number) =>
      h.api.get(`/api/v1/persons/${id}${minPosition ? `?minPosition=${minPosition}` : ''}`, p ? as(p) : undefined);
    const reveal = (id: string, p: Principal, body: object = { reason: 'case-handling' }, minPosition?: number) =>
      h.api.post(`/api/v1/persons/${id}/reveal${minPosition ? `?minPosition=${minPosition}` : ''}`, body, as(p));
    const accessOf = async (personId: string) => (await log.listAccess({ personId, limit: 100 })).items;
    const register = async (body: object, p?: Principal) => {
      const reply = await h.api.post('/api/v1/persons', body, p ? as(p) : undefined);
      expect(reply.status).toBe(201);
      return reply.body as { id: string; position: number };
    };

    /** A consultation by `personId` in the township, answered on `day`: answers its log position. */
    const answeredConsultation = async (personId: string, day: string) => {
      const opened = await create(h.api, 'consultations', {
        orgUnitId: net.townshipId,
        channel: 'visit',
        receivedAt: `${day}T10:00:00+08:00`,
        personsServed: 1,
        category: '10',
        personId,
      });
      return (await act(h.api, 'consultations', opened.id, 'answer', { answeredAt: `${day}T11:00:00+08:00` })).position;
    };

    const ZHAO = { name: '赵敏', phone: '13900001111', idNumber: residentId('44030419851111004') };

    beforeAll(async () => {
      net = await createNetwork(h.api, '隐私');
      log = h.api.app.get(PersonalDataAccessLog);
      mediator = principal('worker', net.villageId);
      villageWorker = principal('worker', net.villageId);
      otherWorker = principal('worker', net.township2Id);
      supervisor = principal('supervisor', net.townshipId);
      otherSupervisor = principal('supervisor', net.township2Id);
      operator = principal('operator', net.cityId);
      handler = principal('worker', net.townshipId);
    });

    it('shows an operator the caller she registers, masked, at once; nobody else without a record in scope', async () => {
      const caller = principal('operator', net.township2Id);
      const { id } = await register({ name: '钱多多', phone: '13700002222' }, caller);
      const shown = await getPerson(id, caller);
      expect([shown.status, shown.body]).toEqual([200, { id, name: '钱**', phone: '137****2222', idNumber: null, version: 1 }]);
      expectProblem(await getPerson(id, otherWorker), 403, 'AUTH.OUT_OF_SCOPE');
      expectProblem(await getPerson(id, supervisor), 403, 'AUTH.OUT_OF_SCOPE');
      // Registering is not a record: nothing in clear yet, and nothing logged.
      const revealed = await reveal(id, caller);
      expect([revealed.status, revealed.body.revealed, revealed.body.phone]).toEqual([200, [], '137****2222']);
      expect(await accessOf(id)).toEqual([]);
      // The network-wide admin sees every person.
      expect((await getPerson(id)).status).toBe(200);
    });

    it('answers masked or clear by role and scope, the ID number only to the record’s own worker, and logs every clear read', async () => {
      const { id } = await register(ZHAO);
      const mediation = await create(
        h.api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId: id, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      const accepted = await act(h.api, 'mediations', mediation.id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [mediator.id] });
      const at = accepted.position;

      const own = await reveal(id, mediator, { reason: 'case-handling' }, at);
      expect([own.status, own.body]).toEqual([200, { id, ...ZHAO, revealed: ['name', 'phone', 'idNumber'], version: 1 }]);
      expect(own.headers['cache-control']).toBe('no-store');

      const colleague = await reveal(id, villageWorker, { reason: 'callback', fields: ['phone', 'idNumber'] }, at);
      expect([colleague.status, colleague.body]).toEqual([
        200,
        {
          id,
          name: '赵*',
          phone: ZHAO.phone,
          idNumber: `${ZHAO.idNumber.slice(0, 4)}**********${ZHAO.idNumber.slice(-4)}`,
          revealed: ['phone'],
          version: 1,
        },
      ]);

      const boss = await reveal(id, supervisor, { reason: 'supervision' }, at);
      expect([boss.status, boss.body.revealed, boss.body.name]).toEqual([200, [], '赵*']);
      expect((await getPerson(id, supervisor, at)).body).toMatchObject({ name: '赵*', phone: '139****1111' });

      expectProblem(await reveal(id, otherWorker, { reason: 'case-handling' }, at), 403, 'AUTH.OUT_OF_SCOPE');
      expectProblem(await getPerson(id, otherSupervisor, at), 403, 'AUTH.OUT_OF_SCOPE');
      expectProblem(await reveal(id, mediator, { reason: 'curiosity' }), 422, 'VALIDATION.FAILED');
      expectProblem(await reveal(id, mediator, { reason: 'callback', fields: ['address'] }), 422, 'VALIDATION.FAILED');
      expectProblem(await reveal(id, mediator, {}), 422, 'VALIDATION.FAILED');

      const entries = await accessOf(id);
      expect(entries.map((e) => [e.actorId, e.action, e.fields, e.reason]).reverse()).toEqual([
        [mediator.id, 'reveal', ['name', 'phone', 'idNumber'], 'case-handling'],
        [villageWorker.id, 'reveal', ['phone'], 'callback'],
      ]);
      expect(entries[0]).toMatchObject({ personId: id, actorRole: 'worker', actorOrgUnitId: net.villageId, requestId: expect.any(String) });
      // The log holds no personal data either.
      expect(JSON.stringify(entries)).not.toContain(ZHAO.phone);
    });

    it('shows the ID number to the worker who signed for a work order handed over from the person’s call', async () => {
      const { id } = await register({ name: '孙悟', phone: '13600003333', idNumber: residentId('11010519900307123') });
      const call = await create(
        h.api,
        'hotline-calls',
        {
          orgUnitId: net.cityId,
          offeredAt: '2021-03-01T09:00:00+08:00',
          answeredAt: '2021-03-01T09:00:08+08:00',
          endedAt: '2021-03-01T09:06:00+08:00',
          outcome: 'answered',
          callerPersonId: id,
          class: 'complaint',
          category: '11',
        },
        as(operator),
      );
      const handOver = await act(h.api, 'hotline-calls', call.id, 'work-order', { assignToOrgUnitId: net.townshipId, urgent: false });
      const workOrderId = handOver.body['workOrderId'] as string;
      const signed = await h.api.post(`/api/v1/work-orders/${workOrderId}/acknowledge`, {}, as(handler));
      expect(signed.status).toBe(200);
      const at = signed.body.position as number;

      expect((await reveal(id, handler, { reason: 'case-handling' }, at)).body.revealed).toEqual(['name', 'phone', 'idNumber']);
      // The hotline operator whose unit took the call: name and phone, not the ID number.
      expect((await reveal(id, operator, { reason: 'callback' }, at)).body.revealed).toEqual(['name', 'phone']);
      // A worker of the township who did not sign for it: name and phone.
      expect((await reveal(id, principal('worker', net.townshipId), { reason: 'case-handling' }, at)).body.revealed).toEqual([
        'name',
        'phone',
      ]);
    });

    it('finds a caller by phone for the operator console: masked matches by blind index, each logged', async () => {
      const { id } = await register({ name: '黄蓉', phone: '13100008888' });
      const expected = { items: [{ id, name: '黄*', phone: '131****8888', idNumber: null, version: 1 }] };
      const byQuery = await h.api.get(`/api/v1/persons?phone=${encodeURIComponent('131 0000 8888')}`, as(operator));
      expect([byQuery.status, byQuery.body]).toEqual([200, expected]);
      expect(byQuery.headers['cache-control']).toBe('no-store');
      const byBody = await h.api.post('/api/v1/persons/lookup', { phone: '+86 131-0000-8888', reason: 'callback' }, as(operator));
      expect([byBody.status, byBody.body]).toEqual([200, expected]);
      expect((await h.api.get('/api/v1/persons?phone=13100009999', as(operator))).body).toEqual({ items: [] });
      expectProblem(await h.api.get('/api/v1/persons?phone=abc', as(operator)), 422, 'VALIDATION.FAILED');
      expectProblem(await h.api.get('/api/v1/persons', as(operator)), 422, 'VALIDATION.FAILED');
      expectProblem(await h.api.get('/api/v1/persons?phone=13100008888', as(supervisor)), 403, 'AUTH.ROLE_FORBIDDEN');
      expect((await accessOf(id)).map((e) => [e.actorId, e.action, e.fields, e.reason])).toEqual([
        [operator.id, 'lookup', ['phone'], 'callback'],
        [operator.id, 'lookup', ['phone'], 'case-handling'],
      ]);
    });

    it('reads its own writes: a mediator designated a moment ago reveals without minPosition', async () => {
      const { id } = await register({ name: '韦小宝', phone: '13000004321', idNumber: residentId('11010519900307123') });
      const newMediator = principal('worker', net.villageId);
      const mediation = await create(
        h.api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId: id, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      await act(h.api, 'mediations', mediation.id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [newMediator.id] });
      expect((await reveal(id, newMediator)).body.revealed).toEqual(['name', 'phone', 'idNumber']);
    });

    it('exports a person’s data and records to a supervisor in scope (PIPL Art 45), logged', async () => {
      const { id } = await register({ name: '周芷若', phone: '13500004444' });
      const mediation = await create(
        h.api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId: id, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      const url = `/api/v1/persons/${id}/export?minPosition=${mediation.position}`;
      const exported = await h.api.get(url, as(supervisor));
      expect(exported.status).toBe(200);
      expect(exported.body).toEqual({
        id,
        exportedAt: expect.any(String),
        person: { name: '周芷若', phone: '13500004444', idNumber: null },
        status: 'registered',
        records: [{ collection: 'mediations', id: mediation.id, orgUnitId: net.villageId, open: true, closedOn: null }],
      });
      expectProblem(await h.api.get(url, as(mediator)), 403, 'AUTH.ROLE_FORBIDDEN');
      expectProblem(await h.api.get(url, as(otherSupervisor)), 403, 'AUTH.OUT_OF_SCOPE');
      expectProblem(await h.api.get(`${url}&reason=whim`, as(supervisor)), 422, 'VALIDATION.FAILED');
      expect((await accessOf(id)).map((e) => [e.actorId, e.action, e.fields, e.reason])).toEqual([
        [supervisor.id, 'export', ['name', 'phone', 'idNumber'], 'data-subject-request'],
      ]);
    });

    it('restricts instead of erasing while a record naming the person is open (PIPL Art 47): stored, not shown, supervisor reads logged', async () => {
      const { id } = await register({ name: '张无忌', phone: '13400005555', idNumber: residentId('11010519491231002') });
      const mediation = await create(
        h.api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId: id, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      await act(h.api, 'mediations', mediation.id, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [mediator.id] });

      expectProblem(
        await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(mediator)),
        403,
        'AUTH.ROLE_FORBIDDEN',
      );
      expectProblem(
        await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(otherSupervisor)),
        403,
        'AUTH.OUT_OF_SCOPE',
      );
      const asked = await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(supervisor));
      expect([asked.status, asked.body]).toEqual([200, { id, version: 2, position: expect.any(Number), restricted: true, until: null }]);
      // Asked again: the same answer, nothing appended.
      const again = await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(supervisor));
      expect([again.status, again.body.version, again.body.restricted]).toEqual([200, 2, true]);

      expect((await getPerson(id, villageWorker)).body).toEqual({
        id,
        name: null,
        phone: null,
        idNumber: null,
        restricted: true,
        until: null,
        version: 2,
      });
      // Not even the mediator reads it now; a supervisor in scope may, for a reason, and it is logged.
      expectProblem(await reveal(id, mediator), 403, 'PERSON.RESTRICTED');
      const read = await reveal(id, supervisor, { reason: 'legal-obligation' });
      expect([read.status, read.body.name, read.body.phone, read.body.revealed, read.body.restricted]).toEqual([
        200,
        '张无忌',
        '13400005555',
        ['name', 'phone'],
        true,
      ]);
      expect(read.body.idNumber).not.toContain('1231');
      expect((await accessOf(id)).map((e) => [e.action, e.reason])).toEqual([
        ['reveal', 'legal-obligation'],
        ['restrict', 'data-subject-request'],
      ]);
      const events = await h.api.store.readStream(`person-${id}`);
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ['PersonRegistered', { personId: id }],
        ['PersonRestricted', { personId: id, until: null }],
      ]);
    });

    it('restricts until the retention period after the last closing ends (PLS_RETENTION_YEARS, default 3)', async () => {
      const { id } = await register({ name: '郭靖', phone: '13000001234' });
      const answered = await answeredConsultation(id, '2025-06-01');
      const asked = await h.api.post(
        `/api/v1/persons/${id}/erase?minPosition=${answered}`,
        { reason: 'data-subject-request' },
        as(supervisor),
      );
      expect([asked.status, asked.body]).toEqual([
        200,
        { id, version: 2, position: expect.any(Number), restricted: true, until: '2028-06-01' },
      ]);
      expect((await getPerson(id, supervisor)).body).toMatchObject({ restricted: true, until: '2028-06-01' });
    });

    it('erases by crypto-shredding once retention has ended: every statistic unchanged, no clear value anywhere', async () => {
      const GONE = { name: '殷素素', phone: '13300006666', idNumber: residentId('32010219800229002') };
      const { id } = await register(GONE);
      // A small history: a mediation rejected in 2021 (closed then: its retention ended in 2024) and an answered consultation.
      const mediation = await create(
        h.api,
        'mediations',
        mediationBody(net, {
          parties: [
            { personId: id, role: 'applicant' },
            { personId: net.personB, role: 'respondent' },
          ],
        }),
      );
      await act(h.api, 'mediations', mediation.id, 'reject', { reason: 'out-of-scope', rejectedOn: '2021-03-03' });
      const consultation = await create(h.api, 'consultations', {
        orgUnitId: net.townshipId,
        channel: 'visit',
        receivedAt: '2021-03-01T10:00:00+08:00',
        personsServed: 1,
        category: '10',
        personId: id,
      });
      const answered = await act(h.api, 'consultations', consultation.id, 'answer', { answeredAt: '2021-03-01T11:00:00+08:00' });
      const exported = await h.api.get(`/api/v1/persons/${id}/export?minPosition=${answered.position}`, as(supervisor));
      expect(exported.body.records.map((r: { closedOn: string }) => r.closedOn).sort()).toEqual(['2021-03-01', '2021-03-03']);

      const summary = async (minPosition: number) => {
        const reply = await h.api.get(
          `/api/v1/stats/summary?orgUnitId=${net.cityId}&from=2021-01-01&to=2022-01-01&minPosition=${minPosition}`,
        );
        expect(reply.status).toBe(200);
        const { position: _position, ...figures } = reply.body;
        return figures;
      };
      const before = await summary(answered.position);

      const erased = await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(supervisor));
      expect([erased.status, erased.body]).toEqual([200, { id, version: 2, position: expect.any(Number), erased: true }]);
      expect(await summary(erased.body.position)).toEqual(before);

      // The API: 已删除, nothing to reveal or export.
      expect((await getPerson(id, supervisor)).body).toEqual({ id, name: '已删除', phone: null, idNumber: null, erased: true, version: 2 });
      expectProblem(await reveal(id, supervisor), 410, 'PERSON.ERASED');
      expectProblem(await h.api.get(`/api/v1/persons/${id}/export`, as(supervisor)), 410, 'PERSON.ERASED');
      const history = await h.api.get(`/api/v1/mediations/${mediation.id}`);
      expect(history.status).toBe(200);
      expect((await h.api.get(`/api/v1/persons?phone=${GONE.phone}`, as(operator))).body).toEqual({ items: [] });
      // The vault: no key, no ciphertext; the vault itself refuses.
      const vault = h.api.app.get(PersonVault);
      expect(await vault.status(id)).toBe('erased');
      await expect(vault.reveal(id)).rejects.toMatchObject({ code: 'PERSON.NOT_FOUND' });
      const [row] = await h.api.db.query(`SELECT wrapped_key, ciphertext FROM vault_persons WHERE id = '${id}'`);
      expect(row).toEqual({ wrapped_key: null, ciphertext: '' });
      // Every table of the read model and every event: no name, phone or ID number.
      const dump = await dumpReadModel(h.api.db);
      const events = JSON.stringify(await h.api.store.readAll(0, 100_000));
      for (const clear of Object.values(GONE)) {
        expect(dump).not.toContain(clear);
        expect(events).not.toContain(clear);
      }
      expect((await h.api.store.readStream(`person-${id}`)).map((e) => [e.type, e.data])).toEqual([
        ['PersonRegistered', { personId: id }],
        ['PersonErased', { personId: id }],
      ]);
      // Erasing again changes nothing; the erasure is in the access log.
      const again = await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' }, as(supervisor));
      expect([again.status, again.body.version, again.body.erased]).toEqual([200, 2, true]);
      expect((await accessOf(id)).map((e) => e.action)).toEqual(['erase', 'export']);
    });

    it('serves a person the vault holds without a stream (the demo loader registers straight into the vault)', async () => {
      const { id } = await h.api.app.get(PersonVault).register({ name: '小龙女', phone: '13000009876' });
      expect((await getPerson(id)).body).toEqual({ id, name: '小**', phone: '130****9876', idNumber: null, version: 0 });
      expect((await h.api.get('/api/v1/persons?phone=13000009876', as(operator))).body.items.map((p: { id: string }) => p.id)).toEqual([
        id,
      ]);
      const erased = await h.api.post(`/api/v1/persons/${id}/erase`, { reason: 'data-subject-request' });
      expect([erased.status, erased.body.erased, erased.body.version]).toEqual([200, true, 2]);
      expect((await h.api.store.readStream(`person-${id}`)).map((e) => e.type)).toEqual(['PersonRegistered', 'PersonErased']);
      expect((await getPerson(id)).body).toMatchObject({ name: '已删除', erased: true });
    });

    it('rotates the master key by rewrapping the data keys; the old key then goes and everything still opens', async () => {
      const people = [
        { name: '陈一', phone: '13200007777' },
        { name: '陈二', idNumber: residentId('11010519900307123') },
      ];
      const ids = [];
      for (const p of people) ids.push((await register(p)).id);
      // The harness's key is unnamed: it answers to its fingerprint id, as the rows name it.
      const oldText = h.api.app.get<AppConfig>(APP_CONFIG).vaultMasterKey!;
      expect(h.api.app.get<MasterKeyring>(VAULT_KEYRING).activeKid).toMatch(/^fp-/);
      const newText = generateMasterKeyText('k2026');
      const rotating = new PersonVault(h.api.db, MasterKeyring.parse(`${newText},${oldText}`));
      const result = await rotating.rewrap({ batchSize: 1 });
      expect(result.activeKid).toBe('k2026');
      expect(result.rewrapped).toBeGreaterThanOrEqual(ids.length);
      expect(Object.keys(result.byKid)).toEqual(['k2026']);
      // The old key leaves the configuration.
      const after = new PersonVault(h.api.db, MasterKeyring.parse(newText));
      for (const [i, id] of ids.entries()) expect(await after.reveal(id)).toEqual({ id, phone: null, idNumber: null, ...people[i] });
      // The phone index moves with the key (the CLI's rewrap runs both).
      expect(await after.findByPhone('13200007777')).toEqual([]);
      await rotating.reindexPhones();
      expect(await after.findByPhone('13200007777')).toEqual([ids[0]]);
    });
  });

  describeOn(kind)(`${kind} with PLS_RETENTION_YEARS=0`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(kind, { PLS_RETENTION_YEARS: '0' });
    });
    afterAll(() => api?.close());

    it('erases at once when no record naming the person is open', async () => {
      const net = await createNetwork(api, '留存');
      const person = (await api.post('/api/v1/persons', { name: '杨过', phone: '13000005678' })).body.id as string;
      const opened = await create(api, 'consultations', {
        orgUnitId: net.townshipId,
        channel: 'visit',
        receivedAt: '2025-06-01T10:00:00+08:00',
        personsServed: 1,
        category: '10',
        personId: person,
      });
      const answered = await act(api, 'consultations', opened.id, 'answer', { answeredAt: '2025-06-01T11:00:00+08:00' });
      const erased = await api.post(`/api/v1/persons/${person}/erase?minPosition=${answered.position}`, { reason: 'data-subject-request' });
      expect([erased.status, erased.body.erased]).toEqual([200, true]);
    });
  });
});
