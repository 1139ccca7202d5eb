import type { Command } from '@pls/event-sourcing';
import { PERFORMANCE, keysOf, type Performance } from '@pls/reference';
import { mediationRoute } from '../mediation.command-route';
import { body, businessDate, oneOf } from '../mediation.schemas';

export type RecordMediationPerformance = Command<
  'RecordMediationPerformance',
  { readonly mediationId: string; readonly performance: Performance; readonly recordedOn: string }
>;

export const recordMediationPerformanceRoute = mediationRoute<RecordMediationPerformance>({
  name: 'RecordMediationPerformance',
  action: 'performance',
  summary: 'Record a follow-up (回访) on how the agreement is performed: full, partial or none',
  body: body({ performance: oneOf(keysOf(PERFORMANCE)), recordedOn: businessDate }),
  toCommand: ({ id, body, metadata }) => ({
    type: 'RecordMediationPerformance',
    data: { mediationId: id, performance: body.performance, recordedOn: body.recordedOn },
    metadata,
  }),
});
