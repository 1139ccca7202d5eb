import 'reflect-metadata';
import { loadConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure } from '@pls/runtime';

/**
 * Server-mode worker process: opens the same infrastructure as the API (and
 * fails the same way, in one line) and hosts what runs off the request path.
 * In embedded mode the API process runs these itself.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const infra = await openInfrastructure(config);
  process.stdout.write(`pls-desk worker started (${config.mode} mode, store ${config.eventStoreKind})\n`);
  const stop = async () => {
    await closeInfrastructure(infra);
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`pls-desk worker: cannot start: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
  process.exit(1);
});
