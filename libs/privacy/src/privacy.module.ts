import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@pls/config';
import { loadMasterKeyring } from './keyring/load-master-keyring';
import { MasterKeyring } from './keyring/master-keyring';
import { PersonVault } from './vault/person-vault';
import { PersonalDataAccessLog } from './access/access-log';
import { loadRetentionYears } from './person/retention';

/**
 * Token of the read-model DataSource the vault stores into, when the app
 * provides it under this name. Apps that already provide the DataSource under
 * their own token pass that token as {@link PrivacyModuleOptions.dataSource}.
 */
export const VAULT_DATA_SOURCE = Symbol('VAULT_DATA_SOURCE');
/** The vault's {@link MasterKeyring}, provided by {@link PrivacyModule.forRoot}. */
export const VAULT_KEYRING = Symbol('VAULT_KEYRING');
/** Years closed records are retained before an erasure may shred (number). */
export const RETENTION_YEARS = Symbol('RETENTION_YEARS');

export interface PrivacyModuleOptions {
  /**
   * Where the read-model DataSource (migrated with `PRIVACY_MIGRATIONS`) is
   * provided — e.g. the api's `READ_MODEL` from its global InfrastructureModule.
   * Default {@link VAULT_DATA_SOURCE}, which the app must then provide.
   */
  readonly dataSource?: InjectionToken;
  /** Master keys; best loaded before Nest starts, so a bad key fails in one line. */
  readonly keyring?: MasterKeyring;
  /** Without `keyring`: the configuration to load it from (default: the environment). */
  readonly config?: AppConfig;
  /** Years closed records are retained (PIPL Art 47); default `PLS_RETENTION_YEARS` from the environment, else 3. */
  readonly retentionYears?: number;
}

/**
 * The personal-data vault ({@link PersonVault}) and its access log
 * ({@link PersonalDataAccessLog}); the API serves them at `/api/v1/persons`.
 */
@Module({})
export class PrivacyModule {
  static forRoot(options: PrivacyModuleOptions = {}): DynamicModule {
    return {
      module: PrivacyModule,
      providers: [
        {
          provide: VAULT_KEYRING,
          useFactory: () => options.keyring ?? loadMasterKeyring(options.config ?? loadConfig()),
        },
        {
          provide: PersonVault,
          useFactory: (dataSource, keyring: MasterKeyring) => new PersonVault(dataSource, keyring),
          inject: [options.dataSource ?? VAULT_DATA_SOURCE, VAULT_KEYRING],
        },
        {
          provide: PersonalDataAccessLog,
          useFactory: (dataSource) => new PersonalDataAccessLog(dataSource),
          inject: [options.dataSource ?? VAULT_DATA_SOURCE],
        },
        { provide: RETENTION_YEARS, useFactory: () => options.retentionYears ?? loadRetentionYears() },
      ],
      exports: [PersonVault, PersonalDataAccessLog, VAULT_KEYRING, RETENTION_YEARS],
    };
  }
}
