export * from './privacy.errors';
export { PrivacyModule, RETENTION_YEARS, VAULT_DATA_SOURCE, VAULT_KEYRING, type PrivacyModuleOptions } from './privacy.module';
export {
  PersonVault,
  VAULT_PERSONS_TABLE,
  type PersonVaultOptions,
  type RevealedPerson,
  type RewrapOptions,
  type RewrapResult,
} from './vault/person-vault';
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
export {
  PRIVACY_MIGRATIONS,
  PersonalDataAccessLog1764400200000,
  PersonLinks1764400100000,
  VaultPersons1764400000000,
  VaultPhoneIndex1764400300000,
} from './migrations';
export { normalisePhone, PHONE_INDEX_TABLE, phoneDigest } from './vault/phone-index';
export {
  personDecider,
  PERSON_STREAM,
  type ErasePersonRecord,
  type PersonCommand,
  type PersonErased,
  type PersonEvent,
  type PersonRegistered,
  type PersonRestricted,
  type PersonRecordState,
  type RegisterPersonRecord,
} from './person/person.record';
export {
  addYears,
  DEFAULT_RETENTION_YEARS,
  loadRetentionYears,
  RETENTION_YEARS_VARIABLE,
  retentionOf,
  type RetainedRecord,
  type Retention,
} from './person/retention';
export { personIdsIn, workerIdsIn } from './person-links/person-refs';
export {
  PERSON_LINK_RECORDS_TABLE,
  PERSON_LINKS_PROJECTION,
  PERSON_LINKS_TABLE,
  personLinksProjection,
} from './person-links/person-links.projection';
export { linksOfPerson, type PersonLink } from './person-links/person-links.query';
export {
  ACCESS_LOG_TABLE,
  ACCESS_REASONS,
  InvalidAccessCursorError,
  isAccessReason,
  PERSON_DATA_FIELDS,
  PersonalDataAccessLog,
  type AccessAction,
  type AccessListFilter,
  type AccessEntry,
  type AccessPage,
  type AccessReason,
  type AccessRecord,
  type ListAccessQuery,
  type PersonDataField,
} from './access/access-log';
export { personAccess, type Caller, type PersonAccess, type PersonAccessInput } from './access/person-access';
