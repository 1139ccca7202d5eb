import 'reflect-metadata';
import { loadConfig } from '@pls/config';
import { closeInfrastructure, openInfrastructure, PROJECTIONS, READ_MODEL_MIGRATIONS } from '@pls/runtime';
import { CliError, findProjection, formatRebuild, formatStatus, projectionStatus, rebuild } from './projections';
import { formatRewrap, keygen, parseVaultCommand, rewrapVault, VAULT_USAGE, vaultStatus } from './vault';
import { createUser, parseCreateUser } from './users';

const USAGE = `usage: npm run cli -- projections list
       npm run cli -- projections rebuild <name>
${VAULT_USAGE}
       npm run cli -- users create --username <name> --role <operator|worker|supervisor|admin> --org-unit <id|none> --password <password>

Opens the event store and the read model from the environment, like the API
(EVENT_STORE_URL, DATABASE_URL, PLS_VAULT_MASTER_KEY outside embedded mode).`;

/**
 * Operator commands.
 *   projections list           each projection's checkpoint, the log's head and the lag
 *   projections rebuild <name> rebuilds it from the whole log beside the live read model,
 *                              then swaps it in; queries keep answering throughout
 *   users create …             a user (the first admin, too: --org-unit none), as POST /api/v1/users does
 */
async function main(argv: readonly string[]): Promise<number> {
  const [group, command, name, ...extra] = argv;
  if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return group === undefined ? 2 : 0;
  }
  if (group === 'users') {
    if (command !== 'create') throw new CliError(`unknown command "${argv.join(' ')}" (try: users create --username … --role … --org-unit … --password …)`, 2);
    const options = parseCreateUser(argv.slice(2));
    const infra = await openInfrastructure(loadConfig());
    try {
      process.stdout.write(`${await createUser(infra, options)}\n`);
      return 0;
    } finally {
      await closeInfrastructure(infra);
    }
  }
  if (group === 'vault') return vault(argv.slice(1));
  if (group !== 'projections' || (command !== 'list' && command !== 'rebuild'))
    throw new CliError(`unknown command "${argv.join(' ')}" (try: projections list | projections rebuild <name>)`, 2);
  if (command === 'list' && name !== undefined) throw new CliError(`"projections list" takes no argument`, 2);
  if (command === 'rebuild' && (name === undefined || extra.length > 0))
    throw new CliError('"projections rebuild" takes one projection name', 2);
  const projection = command === 'rebuild' ? findProjection(PROJECTIONS, name!) : null;

  const infra = await openInfrastructure(loadConfig());
  try {
    if (projection === null) {
      process.stdout.write(`${formatStatus(await projectionStatus(infra.store, infra.readModel, PROJECTIONS))}\n`);
    } else {
      // Ctrl-C during the build drops the beside database and leaves the live read model as it was.
      const interrupt = new AbortController();
      const stop = () => interrupt.abort(new CliError('interrupted: the rebuild was dropped, the live read model is unchanged', 130));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const result = await rebuild({
        store: infra.store,
        db: infra.readModel,
        projection,
        migrations: READ_MODEL_MIGRATIONS,
        progress: process.stdout,
        log: (line) => process.stderr.write(`${line}\n`),
        signal: interrupt.signal,
      });
      process.stdout.write(`${formatRebuild(result)}\n`);
    }
    return 0;
  } finally {
    await closeInfrastructure(infra);
  }
}

async function vault(args: readonly string[]): Promise<number> {
  const command = parseVaultCommand(args);
  if (command.kind === 'keygen') {
    process.stdout.write(`${keygen(command.kid)}\n`);
    return 0;
  }
  const infra = await openInfrastructure(loadConfig());
  try {
    if (command.kind === 'status') {
      process.stdout.write(`${await vaultStatus(infra.readModel, infra.keyring)}\n`);
      return 0;
    }
    const interrupt = new AbortController();
    const stop = () => interrupt.abort(new CliError('interrupted: the batches done so far stay rewrapped; run it again to go on', 130));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const result = await rewrapVault(infra.readModel, infra.keyring, command.batchSize, (line) => process.stdout.write(`${line}\n`), interrupt.signal);
    process.stdout.write(`${formatRewrap(result, infra.keyring)}\n`);
    return 0;
  } finally {
    await closeInfrastructure(infra);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // One line, never a stack trace.
    process.stderr.write(`pls-desk cli: ${message.split('\n')[0]}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
