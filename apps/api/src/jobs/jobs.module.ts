import { Module } from '@nestjs/common';
import { EmbeddedDeadlineJobs } from './embedded-deadline-jobs';

/** Deadline jobs in the API process (embedded mode only; see `EmbeddedDeadlineJobs`). */
@Module({
  providers: [EmbeddedDeadlineJobs],
  exports: [EmbeddedDeadlineJobs],
})
export class JobsModule {}
