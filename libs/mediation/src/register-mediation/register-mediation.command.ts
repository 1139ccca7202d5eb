import type { Command } from '@pls/event-sourcing';
import { CATEGORY_CODES, MEDIATION_KINDS, MEDIATION_SOURCES, PARTY_ROLES, keysOf, type CategoryCode, type MediationKind, type MediationSource } from '@pls/reference';
import { invalidValue, MediationErrorCode } from '../mediation.errors';
import { REFERRAL_COLLECTIONS, type Party, type ReferredFrom } from '../mediation.events';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, fen, oneOf, uuid } from '../mediation.schemas';

export type RegisterMediation = Command<
  'RegisterMediation',
  {
    readonly mediationId: string;
    readonly orgUnitId: string;
    readonly kind: MediationKind;
    readonly source: MediationSource;
    readonly category: CategoryCode;
    readonly parties: readonly Party[];
    readonly claimedAmountFen: number | null;
    readonly registeredOn: string;
    readonly referredFrom: ReferredFrom | null;
  }
>;

export const registerMediationBody = body(
  {
    id: uuid,
    orgUnitId: uuid,
    kind: oneOf(keysOf(MEDIATION_KINDS)),
    source: oneOf(keysOf(MEDIATION_SOURCES)),
    category: oneOf(CATEGORY_CODES),
    parties: {
      type: 'array',
      minItems: 2,
      maxItems: 1000,
      items: body({ personId: uuid, role: oneOf(keysOf(PARTY_ROLES)) }),
    },
    claimedAmountFen: fen,
    registeredOn: businessDate,
    referredFrom: body({ collection: oneOf(REFERRAL_COLLECTIONS), id: uuid }),
  },
  ['id', 'claimedAmountFen', 'referredFrom'],
);

export const registerMediationRoute = mediationRoute<RegisterMediation>({
  name: 'RegisterMediation',
  action: null,
  summary: 'Register a mediation (登记): application, own initiative or referral',
  body: registerMediationBody,
  references: [
    { field: 'orgUnitId', kind: 'org-unit' },
    { field: 'parties[].personId', kind: 'person' },
  ],
  // The referral's record lives in one of two collections, which a static reference check cannot name.
  async load({ body }, deps) {
    const from: ReferredFrom | undefined = body.referredFrom;
    if (from !== undefined && (await deps.readRecord(from.collection, from.id)) === null) {
      throw invalidValue(MediationErrorCode.UNKNOWN_REFERRAL, 'referredFrom.id', `There is no record ${from.id} in ${from.collection}`);
    }
    return {};
  },
  toCommand: ({ id, body, metadata }) => ({
    type: 'RegisterMediation',
    data: {
      mediationId: id,
      orgUnitId: body.orgUnitId,
      kind: body.kind,
      source: body.source,
      category: body.category,
      parties: body.parties.map(({ personId, role }: Party) => ({ personId, role })),
      claimedAmountFen: body.claimedAmountFen ?? null,
      registeredOn: body.registeredOn,
      referredFrom: body.referredFrom ? { collection: body.referredFrom.collection, id: body.referredFrom.id } : null,
    },
    metadata,
  }),
});
