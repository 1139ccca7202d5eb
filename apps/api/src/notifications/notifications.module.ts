import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** `GET /api/v1/notifications`, `POST /api/v1/notifications/:id/read`, `GET /api/v1/notifications/live`. */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
