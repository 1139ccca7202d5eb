import { generateMasterKeyText, PersonVault, VAULT_MASTER_KEY_VARIABLE, type MasterKeyring, type RewrapResult } from '@pls/privacy';
import type { DataSource } from 'typeorm';
import { CliError } from './projections';

export const VAULT_USAGE = `       npm run cli -- vault status
       npm run cli -- vault rewrap [--batch <n>]
       npm run cli -- vault keygen [<kid>]`;

/** `vault …` arguments, checked before anything is opened. */
export type VaultCommand =
  | { readonly kind: 'status' }
  | { readonly kind: 'rewrap'; readonly batchSize: number }
  | { readonly kind: 'keygen'; readonly kid: string | undefined };

export function parseVaultCommand(args: readonly string[]): VaultCommand {
  const [command, ...rest] = args;
  switch (command) {
    case 'status':
      if (rest.length > 0) throw new CliError('"vault status" takes no argument', 2);
      return { kind: 'status' };
    case 'rewrap': {
      if (rest.length === 0) return { kind: 'rewrap', batchSize: 500 };
      const [flag, value, ...extra] = rest;
      const n = Number(value);
      if (flag !== '--batch' || extra.length > 0 || !/^\d{1,6}$/.test(value ?? '') || n < 1) {
        throw new CliError('"vault rewrap" takes only --batch <n> (1-999999)', 2);
      }
      return { kind: 'rewrap', batchSize: n };
    }
    case 'keygen':
      if (rest.length > 1 || (rest[0] !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(rest[0]))) {
        throw new CliError('"vault keygen" takes at most one key id (1-64 of A-Z a-z 0-9 . _ -)', 2);
      }
      return { kind: 'keygen', kid: rest[0] };
    default:
      throw new CliError(`unknown command "vault ${args.join(' ')}" (try: vault status | vault rewrap | vault keygen)`, 2);
  }
}

/** A new master key line to put first in `PLS_VAULT_MASTER_KEY`, and what to do next. */
export function keygen(kid: string | undefined): string {
  return [
    generateMasterKeyText(kid),
    `# put it first in ${VAULT_MASTER_KEY_VARIABLE} (new,old), restart, run \`npm run cli -- vault rewrap\`, then drop the old key`,
  ].join('\n');
}

/** The keyring and which master key wraps how many live data keys. */
export async function vaultStatus(db: DataSource, keyring: MasterKeyring): Promise<string> {
  const byKid = await new PersonVault(db, keyring).countByKid();
  return formatKids(keyring, byKid);
}

/**
 * Re-wraps every data key not under the active master key, a batch per
 * transaction; stop it at any time and run it again to go on.
 */
export async function rewrapVault(
  db: DataSource,
  keyring: MasterKeyring,
  batchSize: number,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<RewrapResult & { readonly indexed: number }> {
  const vault = new PersonVault(db, keyring);
  const result = await vault.rewrap({
    batchSize,
    signal,
    onBatch: ({ rewrapped }) => log(`rewrapped ${rewrapped.toLocaleString('en-US')} data keys under ${keyring.activeKid}`),
  });
  // The phone index is keyed by the master key too: it moves with it, before the old key may go.
  const { indexed } = await vault.reindexPhones({ batchSize, signal });
  return { ...result, indexed };
}

export function formatRewrap(result: RewrapResult & { readonly indexed: number }, keyring: MasterKeyring): string {
  const old = Object.entries(result.byKid).filter(([kid]) => kid !== result.activeKid);
  const lines = [
    `rewrapped ${result.rewrapped.toLocaleString('en-US')} data keys; active master key ${result.activeKid}`,
    `re-indexed ${result.indexed.toLocaleString('en-US')} phone numbers under ${result.activeKid}`,
    formatKids(keyring, result.byKid),
  ];
  lines.push(
    old.length === 0
      ? `every data key is wrapped by ${result.activeKid}: the other keys may now leave ${VAULT_MASTER_KEY_VARIABLE}`
      : `still under other keys: ${old.map(([kid, n]) => `${kid} (${n})`).join(', ')} — run it again`,
  );
  return lines.join('\n');
}

function formatKids(keyring: MasterKeyring, byKid: Record<string, number>): string {
  const kids = [...new Set([...keyring.kids, ...Object.keys(byKid)])];
  const width = Math.max(6, ...kids.map((k) => k.length));
  const rows = kids.map((kid) => {
    const role = kid === keyring.activeKid ? 'active' : keyring.has(kid) ? 'configured' : 'MISSING';
    return `${kid.padEnd(width)}  ${role.padEnd(10)}  ${byKid[kid] ?? 0}`;
  });
  return [`${'key id'.padEnd(width)}  ${'state'.padEnd(10)}  data keys`, ...rows].join('\n');
}
