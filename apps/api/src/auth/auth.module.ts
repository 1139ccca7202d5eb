import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DEFAULT_AUTH_SETTINGS, type AppConfig, type AuthSettings } from '@pls/config';
import type { EventStore } from '@pls/event-store';
import { AccessTokens, loadTokenSecret, PasswordHasher, SessionStore, UserDirectory } from '@pls/identity';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, EVENT_STORE, READ_MODEL } from '../infrastructure/tokens';
import { IdempotencyStore } from '../records/idempotency';
import { CLOCK, IdempotentResponder } from '../records/idempotent-responder';
import { AuthClock } from './auth-clock';
import { AUTH_SETTINGS, AuthController } from './auth.controller';
import { AuthGuard, SESSION_REVOCATIONS } from './auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { AccessPolicies } from './policy-access';
import { OrgScopes } from './scope';
import { RevocationCache } from './session-revocations';
import { UsersController } from './users.controller';

/**
 * Authentication for every route: the access-token codec (secret from
 * `PLS_TOKEN_SECRET`, or `token.secret` beside the SQLite file in embedded
 * mode), the global guard with its revocation cache, sign-in and sessions,
 * users, and the bootstrap admin.
 */
@Global()
@Module({
  controllers: [AuthController, UsersController],
  providers: [
    AuthClock,
    { provide: AUTH_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig): AuthSettings => config.auth ?? DEFAULT_AUTH_SETTINGS },
    {
      provide: AccessTokens,
      inject: [APP_CONFIG, AUTH_SETTINGS],
      useFactory: (config: AppConfig, settings: AuthSettings) => new AccessTokens(loadTokenSecret(config), settings.accessTokenTtlSeconds),
    },
    { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
    {
      provide: SessionStore,
      inject: [READ_MODEL, AUTH_SETTINGS],
      useFactory: (db: DataSource, settings: AuthSettings) => new SessionStore(db, settings.refreshTokenTtlSeconds),
    },
    {
      provide: UserDirectory,
      inject: [EVENT_STORE, READ_MODEL, PasswordHasher, SessionStore, AUTH_SETTINGS],
      useFactory: (store: EventStore, db: DataSource, hasher: PasswordHasher, sessions: SessionStore, settings: AuthSettings) =>
        new UserDirectory(store, db, hasher, sessions, settings),
    },
    RevocationCache,
    { provide: SESSION_REVOCATIONS, useExisting: RevocationCache },
    { provide: APP_GUARD, useClass: AuthGuard },
    // Authorisation: the policy table, named request policies and the cached subtree lookups.
    { provide: OrgScopes, inject: [EVENT_STORE], useFactory: (store: EventStore) => new OrgScopes(store) },
    AccessPolicies,
    BootstrapAdmin,
    // The users API answers like the record collections (Idempotency-Key, { id, version, position }).
    { provide: IdempotencyStore, inject: [READ_MODEL], useFactory: (db: DataSource) => new IdempotencyStore(db) },
    { provide: CLOCK, inject: [AuthClock], useFactory: (clock: AuthClock) => () => clock.now() },
    IdempotentResponder,
  ],
  exports: [AccessPolicies, OrgScopes, AccessTokens, AuthClock, UserDirectory, SessionStore, PasswordHasher],
})
export class AuthModule {}
