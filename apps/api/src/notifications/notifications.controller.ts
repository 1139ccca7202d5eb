import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '@pls/identity';
import { NOTIFICATIONS_PROJECTION, notificationsQuery, type NotificationReader } from '@pls/jobs';
import { LiveStreams, PROJECTION_POSITIONS, READ_MODEL, type ProjectionPositions } from '@pls/read-model';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { principalOf } from '../auth/auth.guard';
import { ProblemError } from '../http/problem';
import { liveNotifications } from './live-notifications';

type RawQuery = Record<string, unknown>;

function readerOf(req: FastifyRequest): NotificationReader {
  const principal = principalOf(req);
  return { userId: principal.id, orgUnitId: principal.orgUnitId };
}

function text(raw: RawQuery, name: string): string | undefined {
  const value = raw[name];
  return value === undefined ? undefined : String(value);
}

function parseList(raw: RawQuery): { unread?: boolean; limit: number } {
  const errors: Array<{ field: string; message: string }> = [];
  for (const name of Object.keys(raw)) {
    if (!['unread', 'limit', 'minPosition'].includes(name)) errors.push({ field: name, message: 'is not a parameter of this endpoint' });
  }
  const unreadText = text(raw, 'unread');
  let unread: boolean | undefined;
  if (unreadText !== undefined && unreadText !== '') {
    if (/^(true|1)$/i.test(unreadText)) unread = true;
    else if (/^(false|0)$/i.test(unreadText)) unread = false;
    else errors.push({ field: 'unread', message: 'must be true or false' });
  }
  const limitText = text(raw, 'limit') ?? '50';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 200) errors.push({ field: 'limit', message: 'must be a whole number from 1 to 200' });
  if (errors.length > 0) throw ProblemError.validation(errors);
  return { unread, limit };
}

/**
 * The in-app notifications (overdue, assigned to you or your unit,
 * supervised 督办, visit due 回访) of the signed-in user: their own and their
 * unit's. `read` is per user.
 */
@ApiTags('notifications')
@SignedIn()
@Controller('api/v1/notifications')
export class NotificationsController implements BeforeApplicationShutdown {
  private readonly live = new LiveStreams();

  constructor(
    @Inject(READ_MODEL) private readonly db: DataSource,
    @Inject(PROJECTION_POSITIONS) private readonly positions: ProjectionPositions,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications and their unit's, newest first, with the unread count" })
  @ApiQuery({ name: 'unread', required: false, description: 'true: only unread; false: only read' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1 … 200, default 50' })
  @ApiQuery({ name: 'minPosition', required: false, type: Number, description: 'Answer once the notifications include this log position' })
  async list(@Query() raw: RawQuery, @Req() req: FastifyRequest) {
    const reader = readerOf(req);
    const { unread, limit } = parseList(raw);
    await this.positions.ensure(NOTIFICATIONS_PROJECTION, text(raw, 'minPosition'));
    const [items, unreadCount] = await Promise.all([
      notificationsQuery.list(this.db, reader, { unread, limit }),
      notificationsQuery.unreadCount(this.db, reader),
    ]);
    return { items, unread: unreadCount, position: this.positions.watch(NOTIFICATIONS_PROJECTION).position };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read (for the caller)' })
  async read(@Param('id') id: string, @Req() req: FastifyRequest) {
    const reader = readerOf(req);
    if (!(await notificationsQuery.markRead(this.db, reader, id, new Date().toISOString()))) {
      throw new ProblemError(404, 'NOTIFICATION.NOT_FOUND', 'You have no notification with this id');
    }
    return { id, read: true, unread: await notificationsQuery.unreadCount(this.db, reader) };
  }

  @Get('live')
  @ApiOperation({ summary: 'Server-Sent Events: the unread count now, then every new notification of the caller as the events arrive' })
  @ApiProduces('text/event-stream')
  async stream(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const reader = readerOf(req);
    const watch = this.positions.watch(NOTIFICATIONS_PROJECTION);
    const from = watch.position;
    const unread = await notificationsQuery.unreadCount(this.db, reader);
    reply.hijack();
    this.live.open(req.raw, reply.raw, (sink) => liveNotifications(this.db, watch, reader, from, sink, unread));
  }

  /** Open streams would keep the HTTP server from closing. */
  beforeApplicationShutdown(): void {
    this.live.stopAll();
  }
}
