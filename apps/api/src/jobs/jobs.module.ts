import { Module } from '@nestjs/common';
import { EmbeddedDeadlineJobs } from './embedded-deadline-jobs';
import { EmbeddedReactions } from './embedded-reactions';

/** Deadline jobs and reactions in the API process (embedded mode only; see `EmbeddedDeadlineJobs`, `EmbeddedReactions`). */
@Module({
  providers: [EmbeddedDeadlineJobs, EmbeddedReactions],
  exports: [EmbeddedDeadlineJobs, EmbeddedReactions],
})
export class JobsModule {}
