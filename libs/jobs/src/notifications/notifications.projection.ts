import { deterministicId } from '@pls/event-sourcing';
import type { RecordedEvent } from '@pls/event-store';
import { isUnsatisfied, type WorkOrderEvent } from '@pls/hotline';
import type { HotlineCallEvent } from '@pls/hotline';
import type { MediationEvent } from '@pls/mediation';
import type { Projection } from '@pls/read-model';
import type { EntityManager } from 'typeorm';
import { drawnForVisit } from '../deadlines/visit-sample';
import type { NotificationKind, RecipientType } from './notification';

export const NOTIFICATIONS_PROJECTION = 'notifications';

const TYPES = new Set<string>([
  'WorkOrderCreated',
  'WorkOrderAssigned',
  'WorkOrderReplied',
  'WorkOrderVisited',
  'WorkOrderSupervised',
  'MediationRegistered',
  'MediationAccepted',
  'MediationMediatorsReassigned',
  'MediationOverdue',
  'HotlineCallbackOverdue',
] satisfies Array<WorkOrderEvent['type'] | MediationEvent['type'] | HotlineCallEvent['type']>);

interface Row {
  id: string;
  kind: NotificationKind;
  recipient_type: RecipientType;
  recipient_id: string;
  record_type: 'work-order' | 'mediation' | 'hotline-call';
  record_id: string;
  reason: string | null;
  at: string;
  position: number;
}

interface WorkOrderFacts {
  hotlineUnitId: string;
  unsatisfied: boolean;
}

/** Rows per multi-row INSERT: 9 columns × 100 stays under SQLite's 999 bound parameters. */
const INSERT_CHUNK = 100;

function instantOf(event: RecordedEvent, at?: string): string {
  const issued = event.metadata['issuedAt'];
  return new Date(Date.parse(at ?? (typeof issued === 'string' ? issued : event.recordedAt))).toISOString();
}

/**
 * `notifications`: the in-app list, derived from the same events as every
 * projection.
 * - a work order assigned to a unit → the unit (`assigned`);
 * - a work order supervised (督办) → the unit responsible (`supervised`; for
 *   an overdue visit, the hotline unit that owes it);
 * - a reply owed a satisfaction visit (drawn by `visitSampleRate`, or after an
 *   unsatisfied rating, as the `work-order-visit` deadline) → the hotline unit
 *   (`visit-due`);
 * - a mediation referred to a unit → the unit (`assigned`); its mediators on
 *   acceptance or reassignment → each of them (`assigned`);
 * - a mediation or a callback overdue → the unit (`overdue`).
 * Ids derive from the event id and the recipient: a rebuild makes the same.
 */
export function notificationsProjection(visitSampleRate: () => number): Projection {
  return {
    name: NOTIFICATIONS_PROJECTION,
    tables: ['notifications', 'notification_work_orders'],
    eventTypes: TYPES,
    async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const orders = await loadOrders(tx, events);
      const changed = new Set<string>();
      const rows: Row[] = [];
      const add = (event: RecordedEvent, kind: NotificationKind, recipientType: RecipientType, recipientId: string, record: Pick<Row, 'record_type' | 'record_id'>, reason: string | null, at: string) =>
        rows.push({
          id: deterministicId('notification', event.id, recipientType, recipientId),
          kind,
          recipient_type: recipientType,
          recipient_id: recipientId,
          ...record,
          reason,
          at,
          position: event.position,
        });

      for (const event of events) {
        if (event.type.startsWith('WorkOrder')) {
          const e = event as unknown as WorkOrderEvent;
          const record = { record_type: 'work-order' as const, record_id: workOrderIdOf(event) };
          const order = orders.get(record.record_id);
          switch (e.type) {
            case 'WorkOrderCreated':
              orders.set(record.record_id, { hotlineUnitId: e.data.orgUnitId, unsatisfied: false });
              changed.add(record.record_id);
              break;
            case 'WorkOrderAssigned':
              add(event, 'assigned', 'unit', e.data.orgUnitId, record, null, instantOf(event, e.data.at));
              break;
            case 'WorkOrderSupervised': {
              const unit = e.data.reason === 'visit-overdue' ? (order?.hotlineUnitId ?? e.data.orgUnitId) : e.data.orgUnitId;
              add(event, 'supervised', 'unit', unit, record, e.data.reason, instantOf(event, e.data.at));
              break;
            }
            case 'WorkOrderReplied':
              if (drawnForVisit(record.record_id, visitSampleRate()) || order?.unsatisfied) {
                add(event, 'visit-due', 'unit', order?.hotlineUnitId ?? e.data.orgUnitId, record, null, instantOf(event, e.data.at));
              }
              break;
            case 'WorkOrderVisited':
              if (order && isUnsatisfied(e.data.satisfaction) && !order.unsatisfied) {
                order.unsatisfied = true;
                changed.add(record.record_id);
              }
              break;
            default:
              break;
          }
          continue;
        }
        if (event.type.startsWith('Mediation')) {
          const e = event as unknown as MediationEvent;
          const record = { record_type: 'mediation' as const, record_id: (e.data as { mediationId: string }).mediationId };
          const at = instantOf(event);
          if (e.type === 'MediationRegistered' && e.data.referredFrom !== null) add(event, 'assigned', 'unit', e.data.orgUnitId, record, 'referral', at);
          if (e.type === 'MediationAccepted') for (const user of e.data.mediatorIds) add(event, 'assigned', 'user', user, record, null, at);
          if (e.type === 'MediationMediatorsReassigned') {
            for (const user of e.data.mediatorIds) if (!e.data.previousMediatorIds.includes(user)) add(event, 'assigned', 'user', user, record, null, at);
          }
          if (e.type === 'MediationOverdue') add(event, 'overdue', 'unit', e.data.orgUnitId, record, 'mediation-due', at);
          continue;
        }
        if (event.type === 'HotlineCallbackOverdue') {
          const e = event as unknown as Extract<HotlineCallEvent, { type: 'HotlineCallbackOverdue' }>;
          const callId = event.stream.slice(event.stream.indexOf('-') + 1);
          add(event, 'overdue', 'unit', e.data.orgUnitId, { record_type: 'hotline-call', record_id: callId }, 'callback', instantOf(event, e.data.at));
        }
      }

      for (const id of changed) {
        const order = orders.get(id)!;
        await tx
          .createQueryBuilder()
          .insert()
          .into('notification_work_orders')
          .values({ work_order_id: id, hotline_unit_id: order.hotlineUnitId, unsatisfied: order.unsatisfied ? 1 : 0 })
          .orUpdate(['hotline_unit_id', 'unsatisfied'], ['work_order_id'])
          .execute();
      }
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx.createQueryBuilder().insert().into('notifications').values(rows.slice(i, i + INSERT_CHUNK)).orIgnore().execute();
      }
    },
  };
}

function workOrderIdOf(event: RecordedEvent): string {
  return event.stream.slice(event.stream.indexOf('-') + 1);
}

async function loadOrders(tx: EntityManager, events: readonly RecordedEvent[]): Promise<Map<string, WorkOrderFacts>> {
  const ids = [...new Set(events.filter((e) => e.type.startsWith('WorkOrder') && e.type !== 'WorkOrderCreated').map(workOrderIdOf))];
  const orders = new Map<string, WorkOrderFacts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx
      .createQueryBuilder()
      .select(['o.work_order_id AS id', 'o.hotline_unit_id AS unit', 'o.unsatisfied AS unsatisfied'])
      .from('notification_work_orders', 'o')
      .where('o.work_order_id IN (:...ids)', { ids: ids.slice(i, i + 500) })
      .getRawMany<{ id: string; unit: string; unsatisfied: number | string | boolean }>();
    for (const row of rows) orders.set(row.id, { hotlineUnitId: row.unit, unsatisfied: Number(row.unsatisfied) === 1 || row.unsatisfied === true });
  }
  return orders;
}
