import { PersonVault } from '@pls/privacy';
import type { Infrastructure } from '@pls/runtime';
import { RECORD_VIEWS, COMMAND_ROUTES } from '../records/catalogue';
import { CommandExecutor } from '../records/command-executor';
import { RecordReader } from '../records/record-reader';
import { RouteRegistry } from '../records/route-registry';
import { withEagerReferrals } from '../jobs/reactions';
import type { DemoTarget } from './demo-loader';

/**
 * The API's command path without Nest or HTTP, on infrastructure opened by
 * the caller (the `npm run demo` CLI): the same registry, executor and vault
 * the API composes in RecordsModule.
 */
export function demoTargetOn(infra: Pick<Infrastructure, 'store' | 'readModel' | 'keyring'>): DemoTarget {
  const registry = new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS);
  const vault = new PersonVault(infra.readModel, infra.keyring);
  const executor = new CommandExecutor(infra.store, registry, new RecordReader(infra.store, registry), vault);
  // No reaction runner runs beside the CLI: the referral reaction runs right after each referral.
  return { executor: withEagerReferrals(executor, infra.store), persons: vault };
}
