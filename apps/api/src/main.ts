import 'reflect-metadata';
import { loadConfig } from '@pls/config';
import { loadTokenSecret } from '@pls/identity';
import { createApi } from './bootstrap';
import { autoloadDemo } from './demo/demo-autoload';

/** One line on stderr and a non-zero exit: a start-up failure is never a stack trace. */
function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`pls-desk: cannot start: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Outside embedded mode a missing token secret is a configuration error: say so before opening anything.
  if (config.mode !== 'embedded') loadTokenSecret(config);
  const app = await createApi(config);
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`pls-desk api listening on http://localhost:${config.port} (${config.mode} mode, store ${config.eventStoreKind})\n`);
  // After listen, so /health answers while the demo loads (embedded mode, PLS_DEMO on, empty store only).
  void autoloadDemo(app, config);
}

main().catch(fail);
