import 'reflect-metadata';
import { loadConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure, ProjectionSet, publishPositions } from '@pls/runtime';
import { reactionSet, standaloneExecutor } from '../../api/src/jobs/reactions';
import { startDeadlineJobs, type DeadlineJobs } from './deadline-jobs';

/**
 * Server-mode worker: runs the projections and the reactions (one active
 * runner each across all processes, elected by a database lock) off the request path,
 * and, with REDIS_URL, the deadline jobs on BullMQ. In embedded mode the API
 * process runs both itself.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const infra = await openInfrastructure(config);
  const projections = new ProjectionSet(infra.store, infra.readModel);
  await projections.start();
  // The reactions (process managers): checkpointed like the projections, one active runner each.
  const reactions = reactionSet(infra.store, infra.readModel, standaloneExecutor(infra));
  await reactions.start();
  // The API processes follow these positions for read-your-writes and live dashboards.
  const unpublish = infra.redis ? publishPositions(projections, infra.redis, infra.readModel) : () => undefined;
  let jobs: DeadlineJobs | null = null;
  if (infra.redis) jobs = await startDeadlineJobs(infra, projections);
  else process.stdout.write('pls-desk worker: no REDIS_URL, so deadlines are fired by the API process (in-process scheduler)\n');
  process.stdout.write(`pls-desk worker started (${config.mode} mode, store ${config.eventStoreKind})\n`);
  const stop = async () => {
    await jobs?.stop();
    unpublish();
    await reactions.stop();
    await projections.stop();
    await closeInfrastructure(infra);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`pls-desk worker: cannot start: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
  process.exit(1);
});
