import { requireAgreement, requireNotBefore } from '../mediation.guards';
import { MediationErrorCode } from '../mediation.errors';
import type { MediationEvent } from '../mediation.events';
import type { MediationState } from '../mediation.state';
import type { RecordMediationPerformance } from './record-performance.command';

/** Follow-ups can be repeated: each records how the agreement stood on that day. */
export function decideRecordMediationPerformance(command: RecordMediationPerformance, state: MediationState): MediationEvent[] {
  const { record, agreement } = requireAgreement(state);
  const { performance, recordedOn } = command.data;
  requireNotBefore('recordedOn', recordedOn, { name: 'effectiveOn', date: agreement.effectiveOn }, MediationErrorCode.PERFORMANCE_BEFORE_EFFECTIVE);
  return [{ type: 'MediationPerformanceRecorded', data: { mediationId: record.id, performance, recordedOn } }];
}
