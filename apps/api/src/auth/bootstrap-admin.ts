import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@pls/config';
import { UserDirectory } from '@pls/identity';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AuthClock } from './auth-clock';

/**
 * The first admin, from `PLS_BOOTSTRAP_ADMIN=name:password`, created at start
 * when no account holds that username (network-wide; idempotent, and safe
 * when several API processes start at once). A later change of the variable
 * changes nothing: passwords are changed through the API.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('auth');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserDirectory,
    private readonly clock: AuthClock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin) return;
    const { created } = await this.users.ensureBootstrapAdmin(admin.username, admin.password, this.clock.now()).catch((error: Error) => {
      throw new Error(`PLS_BOOTSTRAP_ADMIN: cannot create the admin (${error.message})`);
    });
    if (created) this.logger.log(`created the bootstrap admin "${admin.username}" (network-wide)`);
  }
}
