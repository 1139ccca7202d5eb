import { PersonalDataAccessLog1764400200000 } from '../access/access-log.migration';
import { PersonLinks1764400100000 } from '../person-links/person-links.migration';
import { VaultPersons1764400000000 } from './1764400000000-vault-persons';
import { VaultPhoneIndex1764400300000 } from './1764400300000-vault-phone-index';

export { PersonalDataAccessLog1764400200000, PersonLinks1764400100000, VaultPersons1764400000000, VaultPhoneIndex1764400300000 };

/** Add to `ReadModelOptions.migrations` in the composition root. */
export const PRIVACY_MIGRATIONS = [VaultPersons1764400000000, PersonLinks1764400100000, PersonalDataAccessLog1764400200000, VaultPhoneIndex1764400300000] as const;
