import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '@pls/config';
import { AccessTokens } from '@pls/identity';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthGuard } from './auth.guard';

/**
 * Authentication for every route: the access-token codec (secret from
 * `PLS_TOKEN_SECRET`) and the global guard.
 */
@Global()
@Module({
  providers: [
    {
      provide: AccessTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AccessTokens(config.tokenSecret ? Buffer.from(config.tokenSecret, 'utf8') : randomBytes(32)),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens],
})
export class AuthModule {}
