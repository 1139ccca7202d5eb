export * from './privacy.errors';
export { PrivacyModule, VAULT_DATA_SOURCE, VAULT_KEYRING, type PrivacyModuleOptions } from './privacy.module';
export { PersonVault, VAULT_PERSONS_TABLE, type PersonVaultOptions, type RevealedPerson } from './vault/person-vault';
export {
  MasterKeyring,
  VAULT_MASTER_KEY_VARIABLE,
  fingerprintKid,
  generateMasterKeyText,
  type MasterKey,
  type WrappedKey,
} from './keyring/master-keyring';
export { loadMasterKeyring, VAULT_KEY_FILE_NAME, type LoadMasterKeyringOptions } from './keyring/load-master-keyring';
export {
  validateRegisterPerson,
  NAME_MAX_LENGTH,
  PERSON_FIELDS,
  type PersonData,
  type RegisterPerson,
} from './person/person.fields';
export { maskIdNumber, maskName, maskPerson, maskPhone, type MaskedPerson } from './person/person.masking';
export { residentIdCheckChar, residentIdProblem } from './person/resident-id';
export { PRIVACY_MIGRATIONS, VaultPersons1764400000000 } from './migrations';
export { personDecider, PERSON_STREAM, type PersonEvent, type PersonRegistered, type PersonRecordState, type RegisterPersonRecord } from './person/person.record';
