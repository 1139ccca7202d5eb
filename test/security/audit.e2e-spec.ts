/* GET /api/v1/audit: who did what and when, for admins and supervisors,
 * clipped to their subtree; 422 for a bad query. On SQLite and PostgreSQL. */
import type { Principal } from '@pls/identity';
import { PersonalDataAccessLog } from '@pls/privacy';
import {
  act,
  create,
  createNetwork,
  describeOn,
  expectInvalid,
  expectProblem,
  mediationBody,
  STORE_KINDS,
  useApi,
  uuid,
  type Network,
} from '@test/e2e/fixtures';
import { TEST_ADMIN_ID } from '@test/support/api-harness';

const principal = (role: Principal['role'], orgUnitId: string | null, id = uuid()): Principal => ({
  id,
  username: `${role}-${id.slice(0, 4)}`,
  role,
  orgUnitId,
  sessionId: uuid(),
});

describe.each(STORE_KINDS)('audit trail on %s', (kind) => {
  describeOn(kind)(kind, () => {
    const h = useApi(kind);
    let net: Network;
    let clerk: Principal;
    let mediationId: string;
    let lastPosition: number;
    const as = (p: Principal) => ({ authorization: `Bearer ${h.api.tokenFor(p)}` });
    const audit = (query: string, p?: Principal) => h.api.get(`/api/v1/audit?${query}`, p ? as(p) : undefined);

    beforeAll(async () => {
      net = await createNetwork(h.api, '审计');
      clerk = principal('admin', null);
      mediationId = (await create(h.api, 'mediations', mediationBody(net), as(clerk))).id;
      const accepted = await act(h.api, 'mediations', mediationId, 'accept', { acceptedOn: '2021-03-02', mediatorIds: [uuid()] });
      lastPosition = accepted.position;
    });

    it("answers a record's events in order: who, what, where, when", async () => {
      const reply = await audit(`recordId=${mediationId}&minPosition=${lastPosition}`);
      expect(reply.status).toBe(200);
      expect(reply.body.nextCursor).toBeNull();
      expect(reply.body.position).toBeGreaterThanOrEqual(lastPosition);
      expect(reply.body.items).toEqual([
        expect.objectContaining({
          kind: 'event',
          collection: 'mediations',
          recordId: mediationId,
          eventType: 'MediationRegistered',
          actorId: clerk.id,
          orgUnitId: net.villageId,
          version: 1,
        }),
        expect.objectContaining({ eventType: 'MediationAccepted', actorId: TEST_ADMIN_ID, version: 2, position: lastPosition }),
      ]);
      for (const item of reply.body.items) expect(new Date(item.at).toISOString()).toBe(item.at);
    });

    it("answers an actor's events, and the time window clips them", async () => {
      const mine = await audit(`actorId=${clerk.id}&minPosition=${lastPosition}`);
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((i: { eventType: string }) => i.eventType)).toEqual(['MediationRegistered']);
      const at = mine.body.items[0].at as string;
      const later = new Date(Date.parse(at) + 1).toISOString();
      expect((await audit(`actorId=${clerk.id}&from=${encodeURIComponent(at)}&to=${encodeURIComponent(later)}`)).body.items).toHaveLength(1);
      expect((await audit(`actorId=${clerk.id}&from=${encodeURIComponent(later)}`)).body.items).toHaveLength(0);
      expect((await audit(`actorId=${clerk.id}&to=${encodeURIComponent(at)}`)).body.items).toHaveLength(0);
    });

    it('pages with a cursor: every entry once, in the same order as one page', async () => {
      const all = await audit(`limit=500&minPosition=${lastPosition}`);
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThanOrEqual(8);
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page = await audit(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(3);
        walked.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all.body.items);
    });

    it("clips a supervisor to their subtree: the township's own village, not the other township's", async () => {
      const east = principal('supervisor', net.townshipId);
      const west = principal('supervisor', net.township2Id);
      const inside = await audit(`recordId=${mediationId}`, east);
      expect(inside.status).toBe(200);
      expect(inside.body.items).toHaveLength(2);
      const outside = await audit(`recordId=${mediationId}`, west);
      expect(outside.status).toBe(200);
      expect(outside.body.items).toEqual([]);
      // Everything a scoped caller sees lies in their subtree; persons (no org unit) only the network sees.
      const everything = await audit('limit=500', east);
      const units = new Set(everything.body.items.map((i: { orgUnitId: string | null }) => i.orgUnitId));
      expect([...units].every((u) => u === net.townshipId || u === net.villageId)).toBe(true);
      const cityAdmin = await audit('limit=500', principal('admin', net.cityId));
      expect(cityAdmin.body.items.some((i: { collection: string }) => i.collection === 'persons')).toBe(false);
      expect(cityAdmin.body.items.some((i: { recordId: string }) => i.recordId === mediationId)).toBe(true);
    });

    it('merges the reads of clear personal data in time order: who read whose data, why, and when — clipped by the reader\'s unit', async () => {
      const log = new PersonalDataAccessLog(h.api.db);
      const reader = principal('worker', net.villageId);
      const networkRead = await log.record({
        actorId: clerk.id,
        actorRole: 'admin',
        actorOrgUnitId: null,
        personId: net.personC,
        action: 'reveal',
        fields: ['name', 'phone'],
        reason: 'case-handling',
        requestId: null,
      });
      const villageRead = await log.record({
        actorId: reader.id,
        actorRole: 'worker',
        actorOrgUnitId: net.villageId,
        personId: net.personC,
        action: 'export',
        fields: ['name'],
        reason: 'data-subject-request',
        requestId: null,
      });
      const trail = await audit(`recordId=${net.personC}`);
      expect(trail.status).toBe(200);
      expect(trail.body.items).toEqual([
        expect.objectContaining({ kind: 'event', collection: 'persons', recordId: net.personC, eventType: 'PersonRegistered', actorId: TEST_ADMIN_ID }),
        { kind: 'personal-data-access', at: networkRead.at, actorId: clerk.id, personId: net.personC, action: 'reveal', fields: ['name', 'phone'], reason: 'case-handling' },
        { kind: 'personal-data-access', at: villageRead.at, actorId: reader.id, personId: net.personC, action: 'export', fields: ['name'], reason: 'data-subject-request' },
      ]);
      // Page by page, one entry at a time, across both kinds: the same trail.
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page = await audit(`recordId=${net.personC}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        walked.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(trail.body.items);
      // By actor: the clerk's reads beside the clerk's events.
      const clerks = await audit(`actorId=${clerk.id}`);
      expect(clerks.body.items.map((i: { kind: string; eventType?: string; action?: string }) => i.eventType ?? i.action)).toEqual(['MediationRegistered', 'reveal']);
      // The east township's supervisor sees the village worker's read, not the network admin's, nor the person's registration (no unit).
      const east = await audit(`recordId=${net.personC}`, principal('supervisor', net.townshipId));
      expect(east.body.items).toEqual([expect.objectContaining({ kind: 'personal-data-access', actorId: reader.id })]);
      expect((await audit(`recordId=${net.personC}`, principal('supervisor', net.township2Id))).body.items).toEqual([]);
    });

    it('refuses operators and workers (403) and an unsigned caller (401)', async () => {
      expectProblem(await audit(`recordId=${mediationId}`, principal('worker', net.villageId)), 403, 'AUTH.ROLE_FORBIDDEN');
      expectProblem(await audit(`recordId=${mediationId}`, principal('operator', net.cityId)), 403, 'AUTH.ROLE_FORBIDDEN');
      expectProblem(await h.api.get(`/api/v1/audit?recordId=${mediationId}`, { authorization: '' }), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('answers 422 naming every bad parameter', async () => {
      const check = async (query: string, fields: string[]) => expectInvalid(await audit(query), fields, 'AUDIT.INVALID_QUERY');
      await check('recordId=nope', ['recordId']);
      await check('actorId=robert%27%20OR%201%3D1', ['actorId']);
      await check('from=yesterday&to=2021-13-01T00:00:00Z', ['from', 'to']);
      await check('from=2021-02-01T00:00:00%2B08:00&to=2021-01-01T00:00:00%2B08:00', ['to']);
      await check('limit=0', ['limit']);
      await check('limit=501', ['limit']);
      await check('limit=1.5', ['limit']);
      await check('cursor=eyJub3QiOiJhIGN1cnNvciJ9', ['cursor']);
      await check('cursor=%00%01', ['cursor']);
      await check('sort=asc&recordId=a&recordId=b', ['sort', 'recordId']);
      await check('minPosition=-1', ['minPosition']);
    });
  });
});
