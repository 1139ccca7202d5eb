import type { EventStore } from '@pls/event-store';
import { CONSULTATION_STREAM } from '@pls/consultation';
import { streamName } from '@pls/event-sourcing';
import { ConsequenceRefusedError, reactions, referralRegistersMediation, type ReactionCommandPort } from '@pls/jobs';
import { PersonVault, type MasterKeyring } from '@pls/privacy';
import { reactionProjection, type RunnerOptions } from '@pls/read-model';
import { ProjectionSet } from '@pls/runtime';
import type { DataSource } from 'typeorm';
import { ProblemError } from '../http/problem';
import { COMMAND_ROUTES, RECORD_VIEWS } from '../records/catalogue';
import { CommandExecutor } from '../records/command-executor';
import { RecordReader } from '../records/record-reader';
import { RouteRegistry } from '../records/route-registry';

/** Reactions append through the same routes as HTTP; a 4xx answer is a refusal no retry changes. */
export function reactionCommands(executor: Pick<CommandExecutor, 'execute'>): ReactionCommandPort {
  return {
    async execute(command) {
      try {
        const answer = await executor.execute({
          collection: command.collection,
          action: command.action,
          id: command.id,
          body: command.body,
          commandId: command.commandId,
          actorId: command.actorId,
          now: command.now,
        });
        return { position: answer.position };
      } catch (error) {
        if (error instanceof ProblemError && error.status >= 400 && error.status < 500) throw new ConsequenceRefusedError(error.code, error.title);
        throw error;
      }
    },
  };
}

/** A command executor outside Nest (the worker, test harnesses). */
export function standaloneExecutor(infra: { store: EventStore; readModel: DataSource; keyring: MasterKeyring }): CommandExecutor {
  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  return new CommandExecutor(infra.store, registry, new RecordReader(infra.store, registry), new PersonVault(infra.readModel, infra.keyring));
}

/**
 * The reactions (process managers) of one process, each on a checkpointed
 * runner like a projection (the database lock elects one active runner per
 * reaction across processes): the worker runs them in server mode, the API
 * process in embedded mode.
 */
export function reactionSet(
  store: EventStore,
  db: DataSource,
  executor: Pick<CommandExecutor, 'execute'>,
  options: RunnerOptions = {},
): ProjectionSet {
  return new ProjectionSet(store, db, reactions(store, reactionCommands(executor), options.log).map(reactionProjection), options);
}

/**
 * A command path that runs the referral reaction at once, right after a
 * referral to mediation, on the events that referral appended: for bulk
 * loaders (the demo) whose next step acts on the mediation. The reaction is
 * idempotent, so the runners, reaching the same event later, find the
 * mediation registered and append nothing.
 */
export function withEagerReferrals(executor: Pick<CommandExecutor, 'execute'>, store: EventStore): Pick<CommandExecutor, 'execute'> {
  const referral = referralRegistersMediation(store, reactionCommands(executor));
  return {
    async execute(request) {
      const answer = await executor.execute(request);
      if (request.collection === 'consultations' && request.action === 'refer' && typeof answer.extra['mediationId'] === 'string') {
        for (const event of await store.readStream(streamName(CONSULTATION_STREAM, answer.id))) {
          if (event.metadata['commandId'] === request.commandId && referral.eventTypes.has(event.type)) await referral.react(event);
        }
      }
      return answer;
    },
  };
}
