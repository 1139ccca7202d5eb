import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@pls/config';
import { DEFAULT_RETENTION_YEARS, PersonVault, PrivacyModule, RETENTION_YEARS, type MasterKeyring } from '@pls/privacy';
import type { EventStore } from '@pls/event-store';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../infrastructure/tokens';
import { RECORD_VIEWS, COMMAND_ROUTES } from './catalogue';
import { CommandExecutor, type PersonDirectory } from './command-executor';
import { IdempotencyStore } from './idempotency';
import { RecordReader } from './record-reader';
import { CLOCK, IdempotentResponder } from './idempotent-responder';
import { PersonsController } from './persons.controller';
import { PersonScope } from './person-scope';
import { RecordsController } from './records.controller';
import { RouteRegistry } from './route-registry';

export const PERSON_DIRECTORY = Symbol('PERSON_DIRECTORY');

@Module({})
export class RecordsModule {
  static forRoot(keyring: MasterKeyring): DynamicModule {
    return {
      module: RecordsModule,
      imports: [PrivacyModule.forRoot({ dataSource: READ_MODEL, keyring })],
      controllers: [PersonsController, RecordsController],
      providers: [
        { provide: RouteRegistry, useFactory: () => new RouteRegistry(COMMAND_ROUTES, RECORD_VIEWS) },
        {
          provide: RecordReader,
          inject: [EVENT_STORE, RouteRegistry],
          useFactory: (s: EventStore, r: RouteRegistry) => new RecordReader(s, r),
        },
        {
          provide: CommandExecutor,
          inject: [EVENT_STORE, RouteRegistry, RecordReader, PERSON_DIRECTORY],
          useFactory: (s: EventStore, r: RouteRegistry, rr: RecordReader, p: PersonDirectory) => new CommandExecutor(s, r, rr, p),
        },
        { provide: IdempotencyStore, inject: [READ_MODEL], useFactory: (db: DataSource) => new IdempotencyStore(db) },
        { provide: CLOCK, useValue: () => new Date() },
        IdempotentResponder,
        PersonScope,
        // PLS_RETENTION_YEARS as the validated configuration holds it (PrivacyModule's own default reads the environment).
        { provide: RETENTION_YEARS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.retentionYears ?? DEFAULT_RETENTION_YEARS },
        { provide: PERSON_DIRECTORY, useExisting: PersonVault },
      ],
      exports: [CommandExecutor, RecordReader, RouteRegistry, CLOCK],
    };
  }
}
