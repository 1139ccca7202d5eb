import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { READ_MODEL } from '@pls/read-model';
import type { DataSource } from 'typeorm';
import { openStatisticsReader, type StatisticsReader } from '../queries/statistics.reader';
import { StatisticsQueries } from '../queries/statistics.queries';
import { StatisticsController } from './statistics.controller';

export const STATISTICS_READER = Symbol.for('pls.STATISTICS_READER');

/**
 * The statistics endpoints. Needs the read model (`READ_MODEL`) and the
 * projection positions (`PROJECTION_POSITIONS`) from global modules; the
 * `statistics` projection itself runs wherever the app runs its projections.
 */
@Module({
  controllers: [StatisticsController],
  providers: [
    { provide: STATISTICS_READER, inject: [READ_MODEL], useFactory: (db: DataSource) => openStatisticsReader(db) },
    { provide: StatisticsQueries, inject: [STATISTICS_READER], useFactory: (reader: StatisticsReader) => new StatisticsQueries(reader) },
  ],
  exports: [StatisticsQueries],
})
export class StatisticsModule implements OnApplicationShutdown {
  constructor(@Inject(STATISTICS_READER) private readonly reader: StatisticsReader) {}

  async onApplicationShutdown(): Promise<void> {
    await this.reader.close();
  }
}
