import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  NotificationChannel,
  NotificationChannelRepository,
  NotificationOutboxRepository,
  NotificationPage,
} from '@syncline/notifications';
import { AdminApiKeyGuard } from '../auth/admin-api-key.guard';
import { ApiErrorException } from '../errors/api-error.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A tenant's notification channels (a signed webhook, or email) and the notifications sent to
 * them (docs/notifications.md). A webhook's secret is returned once, by the request that set it.
 */
@Controller('v1/admin/tenants/:tenant')
@UseGuards(AdminApiKeyGuard)
export class NotificationsController {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  @Post('notification-channels')
  createChannel(
    @Param('tenant') tenant: string,
    @Body() body: unknown,
  ): Promise<NotificationChannel & { secret?: string }> {
    return this.channels.create(tenant, body);
  }

  @Get('notification-channels')
  listChannels(@Param('tenant') tenant: string): Promise<NotificationChannel[]> {
    return this.channels.list(tenant);
  }

  @Get('notification-channels/:id')
  getChannel(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
  ): Promise<NotificationChannel> {
    return this.channels.get(tenant, id);
  }

  @Patch('notification-channels/:id')
  updateChannel(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<NotificationChannel> {
    return this.channels.update(tenant, id, body);
  }

  @Delete('notification-channels/:id')
  @HttpCode(204)
  async deleteChannel(@Param('tenant') tenant: string, @Param('id') id: string): Promise<void> {
    await this.channels.delete(tenant, id);
  }

  /** Newest first; `next` of a page is the `cursor` of the following one (null at the end). */
  @Get('notifications')
  listNotifications(
    @Param('tenant') tenant: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
    @Query('channelId') channelId?: string,
  ): Promise<NotificationPage> {
    const max = limit === undefined ? 50 : Number(limit);
    if (!Number.isSafeInteger(max) || max < 1 || max > 200)
      throw invalidQuery('limit', 'must be 1..200');
    if (cursor !== undefined && !UUID.test(cursor))
      throw invalidQuery('cursor', 'must be the `next` of a previous page');
    if (channelId !== undefined && !UUID.test(channelId))
      throw invalidQuery('channelId', 'must be a channel id');
    return this.outbox.list(tenant, { limit: max, cursor, channelId });
  }
}

function invalidQuery(field: string, message: string): ApiErrorException {
  return new ApiErrorException(400, {
    error: 'validation_failed',
    message: `${field} ${message}`,
    fields: [{ path: `query/${field}`, message }],
  });
}
