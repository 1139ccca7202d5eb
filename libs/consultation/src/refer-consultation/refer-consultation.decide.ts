import { deterministicId } from '@pls/event-sourcing';
import { shanghaiDate } from '@pls/reference';
import type { ConsultationEvent } from '../consultation.events';
import { refusals } from '../consultation.errors';
import { requireNotBeforeReceived, requireOpened } from '../consultation.guards';
import type { ConsultationState } from '../consultation.state';
import type { ReferConsultation } from './refer-consultation.command';

export function decideReferConsultation({ data, metadata }: ReferConsultation, state: ConsultationState): ConsultationEvent[] {
  const consultation = requireOpened(state);
  const referredAt = data.referredAt ?? metadata.now;
  requireNotBeforeReceived(consultation, referredAt, 'referredAt');
  const mediationId = data.target === 'mediation' ? mediationToRegister(data, metadata.commandId) : refuseMediationFields(data);
  const { id: consultationId, orgUnitId, category, receivedOn } = consultation;
  return [
    {
      type: 'ConsultationReferred',
      data: {
        consultationId,
        orgUnitId,
        category,
        receivedOn,
        target: data.target,
        targetOrgUnitId: data.targetOrgUnitId ?? null,
        mediationId,
        referredAt,
        referredOn: shanghaiDate(referredAt),
        kind: mediationId === null ? null : data.kind!,
        parties: mediationId === null ? null : (data.parties ?? []).map(({ personId, role }) => ({ personId, role })),
      },
    },
  ];
}

/**
 * Everything the mediation's registration will need is checked here, before
 * the referral is recorded: the reaction that registers it (from the event's
 * `kind` and `parties`) must not fail.
 */
function mediationToRegister(data: ReferConsultation['data'], commandId: string): string {
  if (data.targetOrgUnitId === undefined) throw refusals.requiredForMediation('targetOrgUnitId');
  if (data.kind === undefined) throw refusals.requiredForMediation('kind');
  if (data.parties === undefined) throw refusals.requiredForMediation('parties');
  const personIds = new Set(data.parties.map((party) => party.personId));
  if (personIds.size !== data.parties.length) throw refusals.duplicateParty();
  if (data.mediationIdTaken) throw refusals.mediationExists();
  // Derived from the command id, a re-sent referral names the same mediation and registers it once.
  return data.mediationId ?? deterministicId('mediation-referral', commandId);
}

function refuseMediationFields(data: ReferConsultation['data']): null {
  for (const field of ['kind', 'parties', 'mediationId'] as const) {
    if (data[field] !== undefined) throw refusals.onlyForMediation(field);
  }
  return null;
}
