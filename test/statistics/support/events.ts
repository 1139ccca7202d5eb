/* Hand-written events for the scenario specs, with the real event shapes. */
import type { EventStore, RecordedEvent } from '@pls/event-store';
import type { MediationEvent } from '@pls/mediation';
import type { OrgUnitEvent } from '@pls/org';
import type { WorkOrderEvent } from '@pls/hotline';
import { addDays } from '@pls/reference';
import { randomUUID } from 'node:crypto';

export class Log {
  constructor(private readonly store: EventStore) {}

  async append(stream: string, type: string, data: object): Promise<RecordedEvent> {
    const id = randomUUID();
    const result = await this.store.append(stream, [{ id, type, data }], 'any');
    const [event] = await this.store.readAll(result.position - 1, 1);
    return event!;
  }

  async register(orgUnitId: string, level: 'city' | 'township' | 'village', parentId: string | null): Promise<RecordedEvent> {
    const event: OrgUnitEvent = {
      type: 'OrgUnitRegistered',
      data: { orgUnitId, name: `unit ${orgUnitId.slice(0, 4)}`, level, parentId, code: null },
    };
    return this.append(`orgunit-${orgUnitId}`, event.type, event.data);
  }

  async move(orgUnitId: string, fromParentId: string, toParentId: string, effectiveOn: string): Promise<RecordedEvent> {
    const event: OrgUnitEvent = { type: 'OrgUnitMoved', data: { orgUnitId, fromParentId, toParentId, effectiveOn } };
    return this.append(`orgunit-${orgUnitId}`, event.type, event.data);
  }

  /** Registered and accepted on `acceptedOn` (due 30 days later); answers the mediation id. */
  async accepted(
    orgUnitId: string,
    acceptedOn: string,
    more: { category?: string; claimedAmountFen?: number | null } = {},
  ): Promise<string> {
    const mediationId = randomUUID();
    const facts = { orgUnitId, kind: 'people' as const, source: 'application' as const, category: more.category ?? '02' };
    const parties = [
      { personId: randomUUID(), role: 'applicant' as const },
      { personId: randomUUID(), role: 'respondent' as const },
    ];
    const claimedAmountFen = more.claimedAmountFen ?? null;
    const events: MediationEvent[] = [
      {
        type: 'MediationRegistered',
        data: { mediationId, ...facts, parties, partyCount: 2, claimedAmountFen, registeredOn: acceptedOn, referredFrom: null },
      },
      {
        type: 'MediationAccepted',
        data: {
          mediationId,
          ...facts,
          acceptedOn,
          dueOn: addDays(acceptedOn, 30),
          mediatorIds: [randomUUID()],
          partyCount: 2,
          claimedAmountFen,
        },
      },
    ];
    for (const e of events) await this.append(`mediation-${mediationId}`, e.type, e.data);
    return mediationId;
  }

  async agreed(
    mediationId: string,
    orgUnitId: string,
    acceptedOn: string,
    effectiveOn: string,
    agreedAmountFen = 100_00,
  ): Promise<RecordedEvent> {
    const dueOn = addDays(acceptedOn, 30);
    const event: MediationEvent = {
      type: 'MediationAgreementReached',
      data: {
        mediationId,
        orgUnitId,
        kind: 'people',
        source: 'application',
        category: '02',
        acceptedOn,
        dueOn,
        onTime: effectiveOn <= dueOn,
        form: 'written',
        effectiveOn,
        agreedAmountFen,
      },
    };
    return this.append(`mediation-${mediationId}`, event.type, event.data);
  }

  async terminated(mediationId: string, orgUnitId: string, acceptedOn: string, terminatedOn: string): Promise<RecordedEvent> {
    const dueOn = addDays(acceptedOn, 30);
    const event: MediationEvent = {
      type: 'MediationTerminated',
      data: {
        mediationId,
        orgUnitId,
        kind: 'people',
        source: 'application',
        category: '02',
        acceptedOn,
        dueOn,
        onTime: terminatedOn <= dueOn,
        reason: 'withdrawn',
        terminatedOn,
      },
    };
    return this.append(`mediation-${mediationId}`, event.type, event.data);
  }

  async workOrderEvent(workOrderId: string, event: WorkOrderEvent): Promise<RecordedEvent> {
    return this.append(`workorder-${workOrderId}`, event.type, event.data);
  }
}

/** The instant just before an event was recorded. */
export function justBefore(event: RecordedEvent): string {
  return new Date(Date.parse(event.recordedAt) - 1).toISOString();
}

export function at(event: RecordedEvent): string {
  return new Date(Date.parse(event.recordedAt)).toISOString();
}

/** Lets the clock move on, so the next append has a later recordedAt. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
