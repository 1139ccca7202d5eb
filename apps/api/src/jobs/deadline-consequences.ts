import { SYSTEM_ACTORS } from '@pls/event-sourcing';
import { ConsequenceRefusedError, type ConsequencePort, type ConsequenceRequest } from '@pls/jobs';
import { ProblemError } from '../http/problem';
import type { CommandExecutor } from '../records/command-executor';

/**
 * The deadline jobs append through the same routes as HTTP (schema, reference
 * checks, decider, follow-ups), as the system. A 4xx answer is the
 * request's fault, not the system's: the job must not retry it. The events
 * name `system:deadlines` as their actor (the audit trail has no blank who).
 */
export function deadlineConsequences(executor: Pick<CommandExecutor, 'execute'>): ConsequencePort {
  return {
    async execute(request: ConsequenceRequest) {
      try {
        const answer = await executor.execute({
          collection: request.collection,
          action: request.action,
          id: request.id,
          body: request.body,
          commandId: request.commandId,
          actorId: SYSTEM_ACTORS.deadlines,
          now: request.now,
          // Decided on the events the firing found the deadline due on, and appended only if the stream is still there.
          ...(request.history ? { history: request.history, expectedVersion: request.history.length } : {}),
        });
        return { position: answer.position };
      } catch (error) {
        if (error instanceof ProblemError && error.status >= 400 && error.status < 500) throw new ConsequenceRefusedError(error.code, error.title);
        throw error;
      }
    },
  };
}
