/* HTTP helpers of the statistics specs: write records through the real API and
 * read the figures back. */
import type { TestApi } from '@test/support/api-harness';
import { randomUUID } from 'node:crypto';

export interface Written {
  id: string;
  version: number;
  position: number;
}

export async function create(api: TestApi, collection: string, body: Record<string, unknown>): Promise<Written> {
  const reply = await api.post(`/api/v1/${collection}`, body);
  if (reply.status !== 201) throw new Error(`POST ${collection} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Written;
}

export async function act(
  api: TestApi,
  collection: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
): Promise<Written> {
  const reply = await api.post(`/api/v1/${collection}/${id}/${action}`, body);
  if (reply.status !== 200) throw new Error(`POST ${collection}/${id}/${action} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as Written;
}

export async function person(api: TestApi): Promise<string> {
  const reply = await api.post('/api/v1/persons', { name: `当事人${randomUUID().slice(0, 4)}` });
  if (reply.status !== 201) throw new Error(`POST persons → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id as string;
}

export interface Tree {
  city: string;
  east: string;
  west: string;
  village: string;
}

export async function tree(api: TestApi): Promise<Tree> {
  const city = await create(api, 'org-units', { name: '云川市', level: 'city', parentId: null });
  const east = await create(api, 'org-units', { name: '东镇', level: 'township', parentId: city.id });
  const west = await create(api, 'org-units', { name: '西镇', level: 'township', parentId: city.id });
  const village = await create(api, 'org-units', { name: '东村', level: 'village', parentId: east.id });
  return { city: city.id, east: east.id, west: west.id, village: village.id };
}

/** Registers and accepts a mediation; answers the acceptance's write. */
export async function acceptedMediation(
  api: TestApi,
  orgUnitId: string,
  acceptedOn: string,
  extra: { claimedAmountFen?: number; category?: string } = {},
): Promise<Written> {
  const parties = [
    { personId: await person(api), role: 'applicant' },
    { personId: await person(api), role: 'respondent' },
  ];
  const registered = await create(api, 'mediations', {
    orgUnitId,
    kind: 'people',
    source: 'application',
    category: extra.category ?? '02',
    parties,
    ...(extra.claimedAmountFen === undefined ? {} : { claimedAmountFen: extra.claimedAmountFen }),
    registeredOn: acceptedOn,
  });
  return act(api, 'mediations', registered.id, 'accept', { acceptedOn, mediatorIds: [randomUUID()] });
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return search.toString();
}
