import { VaultPersons1764400000000 } from './1764400000000-vault-persons';

export { VaultPersons1764400000000 };

/** Add to `ReadModelOptions.migrations` in the composition root. */
export const PRIVACY_MIGRATIONS = [VaultPersons1764400000000] as const;
