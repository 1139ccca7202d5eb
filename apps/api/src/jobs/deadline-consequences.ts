import { ConsequenceRefusedError, type ConsequencePort, type ConsequenceRequest } from '@pls/jobs';
import { ProblemError } from '../http/problem';
import type { CommandExecutor } from '../records/command-executor';

/**
 * The deadline jobs append through the same routes as HTTP (schema, reference
 * checks, decider, follow-ups), as the system (no actor). A 4xx answer is the
 * request's fault, not the system's: the job must not retry it.
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
          actorId: null,
          now: request.now,
        });
        return { position: answer.position };
      } catch (error) {
        if (error instanceof ProblemError && error.status >= 400 && error.status < 500) throw new ConsequenceRefusedError(error.code, error.title);
        throw error;
      }
    },
  };
}
