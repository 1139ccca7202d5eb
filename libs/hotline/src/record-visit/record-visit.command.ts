import type { Command } from '@pls/event-sourcing';
import { keysOf, SATISFACTION, type Satisfaction } from '@pls/reference';
import { objectBody, oneOf, optionalAt } from '../hotline.schema';
import { workOrderRoute } from '../work-order.record';

export type RecordWorkOrderVisit = Command<'RecordWorkOrderVisit', { readonly satisfaction: Satisfaction; readonly at?: string }>;

export const recordVisitBody = objectBody({ satisfaction: oneOf(keysOf(SATISFACTION)), ...optionalAt }, ['satisfaction']);

export const recordVisitRoute = workOrderRoute<RecordWorkOrderVisit>({
  name: 'RecordWorkOrderVisit',
  action: 'visit',
  summary: 'Record the return visit (回访) to the caller and their satisfaction',
  body: recordVisitBody,
  toCommand: ({ body, metadata }) => ({ type: 'RecordWorkOrderVisit', data: { satisfaction: body.satisfaction, at: body.at }, metadata }),
});
