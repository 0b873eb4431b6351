import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  DeliveryLogEntry,
  DeliveryLogRepository,
  Destination,
  DestinationRepository,
  InboundLogEntry,
  InboundLogRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { EntityMapping } from '@syncline/mapping';
import { AdminApiKeyGuard } from '../auth/admin-api-key.guard';
import { ApiErrorException } from '../errors/api-error.exception';
import { DeleteDestinationUseCase } from './usecases/delete-destination.usecase';
import { ReplayDeadLettersUseCase, ReplayResult } from './usecases/replay-dead-letters.usecase';

const STATUSES = ['delivered', 'skipped', 'failed', 'dead_lettered'];
const INBOUND_OUTCOMES: readonly InboundLogEntry['outcome'][] = [
  'applied',
  'created',
  'unchanged',
  'conflict',
  'ignored',
  'failed',
];

/**
 * The control plane, for operators (admin key): tenants, destinations (credentials go in, never
 * come out), entity mappings (validated; running workers pick them up within seconds), the
 * delivery log, the inbound log (two-way sync) and the dead-letter replay.
 */
@Controller('v1/admin/tenants/:tenant')
@UseGuards(AdminApiKeyGuard)
export class AdminController {
  constructor(
    private readonly destinations: DestinationRepository,
    private readonly mappings: MappingRepository,
    private readonly deliveryLog: DeliveryLogRepository,
    private readonly inboundLog: InboundLogRepository,
    private readonly replay: ReplayDeadLettersUseCase,
    private readonly deleteDestinationUseCase: DeleteDestinationUseCase,
  ) {}

  @Put()
  async putTenant(
    @Param('tenant') tenant: string,
    @Body() body: { name?: unknown },
  ): Promise<{ id: string; name: string }> {
    if (!/^[A-Za-z0-9._@-]{1,128}$/.test(tenant)) {
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: 'invalid tenant id',
        fields: [{ path: 'params/tenant', message: 'letters, digits, . _ @ - only' }],
      });
    }
    const name = typeof body?.name === 'string' && body.name ? body.name : tenant;
    await this.destinations.putTenant(tenant, name);
    return { id: tenant, name };
  }

  @Post('destinations')
  createDestination(@Param('tenant') tenant: string, @Body() body: unknown): Promise<Destination> {
    return this.destinations.create(tenant, body);
  }

  @Get('destinations')
  listDestinations(@Param('tenant') tenant: string): Promise<Destination[]> {
    return this.destinations.list(tenant);
  }

  @Get('destinations/:id')
  getDestination(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Destination> {
    return this.destinations.get(tenant, id);
  }

  @Patch('destinations/:id')
  updateDestination(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<Destination> {
    return this.destinations.update(tenant, id, body);
  }

  @Delete('destinations/:id')
  @HttpCode(204)
  async deleteDestination(@Param('tenant') tenant: string, @Param('id') id: string): Promise<void> {
    await this.deleteDestinationUseCase.execute(tenant, id);
  }

  @Post('destinations/:id/pause')
  @HttpCode(200)
  pause(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Destination> {
    return this.destinations.setPaused(tenant, id, true);
  }

  @Post('destinations/:id/resume')
  @HttpCode(200)
  resume(@Param('tenant') tenant: string, @Param('id') id: string): Promise<Destination> {
    return this.destinations.setPaused(tenant, id, false);
  }

  @Put('mappings/:entity/:destinationId')
  putMapping(
    @Param('tenant') tenant: string,
    @Param('entity') entity: string,
    @Param('destinationId') destinationId: string,
    @Body() body: unknown,
  ): Promise<EntityMapping> {
    return this.mappings.put(tenant, entity, destinationId, body);
  }

  @Get('mappings')
  listMappings(@Param('tenant') tenant: string): Promise<EntityMapping[]> {
    return this.mappings.list(tenant);
  }

  @Delete('mappings/:entity/:destinationId')
  @HttpCode(204)
  async deleteMapping(
    @Param('tenant') tenant: string,
    @Param('entity') entity: string,
    @Param('destinationId') destinationId: string,
  ): Promise<void> {
    if (!(await this.mappings.delete(tenant, entity, destinationId)))
      throw new ApiErrorException(404, { error: 'not_found', message: 'no such mapping' });
  }

  @Get('destinations/:id/deliveries')
  async deliveries(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Query('status') status?: string,
    @Query('recordId') recordId?: string,
    @Query('limit') limit?: string,
  ): Promise<DeliveryLogEntry[]> {
    await this.destinations.get(tenant, id);
    if (status !== undefined && !STATUSES.includes(status)) {
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: `status must be one of ${STATUSES.join(', ')}`,
        fields: [{ path: 'query/status', message: 'unknown status' }],
      });
    }
    const max = limitOf(limit);
    return this.deliveryLog.query({
      destinationId: id,
      tenant,
      status: status as DeliveryLogEntry['status'] | undefined,
      recordId,
      limit: max,
    });
  }

  @Get('destinations/:id/inbound-log')
  async inboundLogOf(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Query('outcome') outcome?: string,
    @Query('limit') limit?: string,
  ): Promise<(InboundLogEntry & { updatedAt: string })[]> {
    await this.destinations.get(tenant, id);
    if (
      outcome !== undefined &&
      !INBOUND_OUTCOMES.includes(outcome as InboundLogEntry['outcome'])
    ) {
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: `outcome must be one of ${INBOUND_OUTCOMES.join(', ')}`,
        fields: [{ path: 'query/outcome', message: 'unknown outcome' }],
      });
    }
    return this.inboundLog.query(id, {
      outcome: outcome as InboundLogEntry['outcome'] | undefined,
      limit: limitOf(limit),
    });
  }

  @Post('destinations/:id/dlq/replay')
  @HttpCode(200)
  async replayDeadLetters(
    @Param('tenant') tenant: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ReplayResult> {
    return this.replay.execute(await this.destinations.get(tenant, id), body);
  }
}

/** A log query's `limit`: 1..1000, default 100. */
function limitOf(limit: string | undefined): number {
  const max = limit === undefined ? 100 : Number(limit);
  if (!Number.isSafeInteger(max) || max < 1 || max > 1000) {
    throw new ApiErrorException(400, {
      error: 'validation_failed',
      message: 'limit must be 1..1000',
      fields: [{ path: 'query/limit', message: 'must be 1..1000' }],
    });
  }
  return max;
}
