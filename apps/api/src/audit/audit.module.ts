import { Module } from '@nestjs/common';
import type { CommandRoute } from '@pls/event-sourcing';
import { PersonalDataAccessLog } from '@pls/privacy';
import type { DataSource } from 'typeorm';
import { READ_MODEL } from '../infrastructure/tokens';
import { COMMAND_ROUTES } from '../records/catalogue';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail';

/** The audit trail over the read model: the `audit` projection's events and the personal-data access log (@pls/privacy). */
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditTrail,
      inject: [READ_MODEL],
      useFactory: (db: DataSource) => new AuditTrail(db, collectionsOf(COMMAND_ROUTES), new PersonalDataAccessLog(db)),
    },
  ],
})
export class AuditModule {}

/** Stream category → API collection (`workorder` → `work-orders`), from the command routes. */
export function collectionsOf(routes: readonly CommandRoute[]): Map<string, string> {
  const map = new Map<string, string>([['person', 'persons']]);
  for (const route of routes) map.set(route.streamCategory, route.collection);
  return map;
}
