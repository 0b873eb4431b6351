import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { EntityDefinition, EntityRegistry } from '@syncline/records';
import { Response } from 'express';
import { TenantApiKeyGuard } from '../auth/tenant-api-key.guard';
import { ApiErrorException } from '../errors/api-error.exception';
import { RecordView } from './types/record-view.type';
import { ReadRecordsUseCase } from './usecases/read-records.usecase';
import { WriteRecordUseCase } from './usecases/write-record.usecase';
import { parseIfMatch } from './utils/parse-if-match.util';
import { requireUuid } from './utils/require-uuid.util';

const MAX_BATCH_READ = 500;

/**
 * Records of a tenant: `/v1/tenants/:tenant/:collection[/:id]` where collection is the table name
 * (`contacts`, `companies`, `deals`). Responses carry the version as an ETag; writes accept
 * `If-Match` for optimistic concurrency.
 */
@Controller('v1/tenants/:tenant/:collection')
@UseGuards(TenantApiKeyGuard)
export class RecordsController {
  constructor(
    @Inject(EntityRegistry) private readonly entities: EntityRegistry,
    private readonly reads: ReadRecordsUseCase,
    private readonly writes: WriteRecordUseCase,
  ) {}

  @Get(':id')
  async get(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') rawId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordView> {
    const entity = this.entity(collection);
    const id = requireUuid(rawId, 'params/id');
    const record = (await this.reads.execute(entity, tenant, [id])).get(id);
    if (!record) throw notFound(entity, id);
    response.setHeader('ETag', etag(record.version));
    return record;
  }

  @Post('batch-read')
  @HttpCode(200)
  async batchRead(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
  ): Promise<{ records: RecordView[]; missing: string[] }> {
    const entity = this.entity(collection);
    const ids = (body as { ids?: unknown })?.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH_READ) {
      throw new ApiErrorException(400, {
        error: 'validation_failed',
        message: `ids must be an array of 1 to ${MAX_BATCH_READ} UUIDs`,
        fields: [{ path: '/ids', message: `must be an array of 1 to ${MAX_BATCH_READ} UUIDs` }],
      });
    }
    const unique = [...new Set(ids.map((id, index) => requireUuid(id, `/ids/${index}`)))];
    const found = await this.reads.execute(entity, tenant, unique);
    return {
      records: unique.flatMap((id) => found.get(id) ?? []),
      missing: unique.filter((id) => !found.has(id)),
    };
  }

  @Post()
  async create(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordView> {
    const entity = this.entity(collection);
    if (body && typeof body === 'object' && 'id' in body) requireUuid(body.id, '/id');
    const record = await this.writes.create(entity, tenant, body);
    response
      .status(201)
      .setHeader('ETag', etag(record.version))
      .setHeader('Location', `/v1/tenants/${tenant}/${collection}/${record.id}`);
    return record;
  }

  @Patch(':id')
  async update(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') rawId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RecordView> {
    const entity = this.entity(collection);
    const id = requireUuid(rawId, 'params/id');
    const record = await this.writes.update(entity, tenant, id, body, parseIfMatch(ifMatch));
    if (!record) throw notFound(entity, id);
    response.setHeader('ETag', etag(record.version));
    return record;
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') rawId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    const entity = this.entity(collection);
    const id = requireUuid(rawId, 'params/id');
    if (!(await this.writes.delete(entity, tenant, id, parseIfMatch(ifMatch))))
      throw notFound(entity, id);
  }

  private entity(collection: string): EntityDefinition {
    return this.entities.byTableName(collection);
  }
}

function etag(version: number): string {
  return `"${version}"`;
}

function notFound(entity: EntityDefinition, id: string): ApiErrorException {
  return new ApiErrorException(404, {
    error: 'not_found',
    message: `no ${entity.name} with id ${id}`,
  });
}
