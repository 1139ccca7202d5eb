import { Module } from '@nestjs/common';
import { EmbeddedDeadlineJobs } from './embedded-deadline-jobs';
import { NotificationsModule } from '../notifications/notifications.module';
import { EmbeddedReactions } from './embedded-reactions';

/** Deadline jobs and reactions in the API process (embedded mode only; see `EmbeddedDeadlineJobs`, `EmbeddedReactions`). */
@Module({
  // The notifications the deadlines, supervisions and assignments raise.
  imports: [NotificationsModule],
  providers: [EmbeddedDeadlineJobs, EmbeddedReactions],
  exports: [EmbeddedDeadlineJobs, EmbeddedReactions],
})
export class JobsModule {}
