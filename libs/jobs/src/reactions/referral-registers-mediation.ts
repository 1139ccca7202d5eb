import type { ConsultationReferred } from '@pls/consultation';
import { deterministicId, isSystemActor, isUuid, streamName } from '@pls/event-sourcing';
import type { EventStore, RecordedEvent } from '@pls/event-store';
import { MEDIATION_STREAM, MEDIATIONS } from '@pls/mediation';
import type { Reaction } from '@pls/read-model';
import { isRefusal } from '../deadlines/deadline-firing';
import type { ReactionCommandPort } from './command-port';

export const REFERRAL_REACTION = 'referral-registers-mediation';

/** Actor of a reaction's command when the triggering event names none (events recorded before actors were required). */
export const REACTIONS_ACTOR = 'system:reactions';

/** The command id of the registration a referral event causes: the same on every redelivery. */
export function referralCommandId(event: Pick<RecordedEvent, 'id'>): string {
  return deterministicId('reaction', REFERRAL_REACTION, event.id);
}

/**
 * DOMAIN.md: a consultation referred to mediation registers the mediation at
 * the target unit (source `referral`, the consultation's category, on its
 * `receivedOn` date, linked back), exactly once. The mediation id is the one
 * the referral named (the refer answer's `mediationId`); the command id
 * derives from the referral event's id, so a redelivered event (a crash
 * between the append and the checkpoint, a replay from an earlier
 * checkpoint) finds the mediation already registered and appends nothing.
 */
export function referralRegistersMediation(
  store: Pick<EventStore, 'readStream'>,
  commands: ReactionCommandPort,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Reaction {
  return {
    name: REFERRAL_REACTION,
    eventTypes: new Set(['ConsultationReferred']),
    async react(event) {
      const data = (event as unknown as ConsultationReferred).data;
      if (data.target !== 'mediation' || data.mediationId === null) return;
      // Recorded before the registration became a reaction: the refer command registered it itself.
      if (!data.kind || !data.parties || data.targetOrgUnitId === null) return;
      const mediationId = data.mediationId;
      if ((await store.readStream(streamName(MEDIATION_STREAM, mediationId))).length > 0) return;
      const actor = event.metadata['actorId'];
      const issuedAt = event.metadata['issuedAt'];
      try {
        await commands.execute({
          collection: MEDIATIONS,
          action: null,
          id: mediationId,
          body: {
            id: mediationId,
            orgUnitId: data.targetOrgUnitId,
            kind: data.kind,
            source: 'referral',
            category: data.category,
            parties: data.parties.map(({ personId, role }) => ({ personId, role })),
            registeredOn: data.receivedOn,
            referredFrom: { collection: 'consultations', id: data.consultationId },
          },
          commandId: referralCommandId(event),
          actorId: typeof actor === 'string' && (isUuid(actor) || isSystemActor(actor)) ? actor : REACTIONS_ACTOR,
          now: typeof issuedAt === 'string' ? issuedAt : event.recordedAt,
        });
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // Registered meanwhile (another runner, an earlier attempt): done.
        if ((await store.readStream(streamName(MEDIATION_STREAM, mediationId))).length > 0) return;
        // The decider checked everything the registration needs; only a change since (the target unit
        // closed, a party erased) refuses it now, and no retry changes that: say so and go on.
        log(`[reaction ${REFERRAL_REACTION}] the mediation ${mediationId} of consultation ${data.consultationId} was refused: ${(error as Error).message}`);
      }
    },
  };
}
