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
import { FastifyReply } from 'fastify';
import { IncomingHttpHeaders } from 'node:http';
import { TenantApiKeyGuard } from '../auth/tenant-api-key.guard';
import { ApiErrorException } from '../errors/api-error.exception';
import { RecordView } from './types/record-view.type';
import { ReadRecordsUseCase } from './usecases/read-records.usecase';
import { WriteRecordUseCase } from './usecases/write-record.usecase';
import { isNotModified } from './utils/is-not-modified.util';
import { parseIfMatch } from './utils/parse-if-match.util';
import { requireUuid } from './utils/require-uuid.util';

const MAX_BATCH_READ = 500;
// Reads answer with JSON they serialize themselves (cached records are passed through as stored).
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Records of a tenant: `/v1/tenants/:tenant/:collection[/:id]` where collection is the table name
 * (`contacts`, `companies`, `deals`). FastifyReplys carry the version as an ETag; writes accept
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

  /** Body: a RecordView. */
  @Get(':id')
  async get(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') rawId: string,
    @Headers() headers: IncomingHttpHeaders,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string | undefined> {
    const entity = this.entity(collection);
    const id = requireUuid(rawId, 'params/id');
    const record = (await this.reads.execute(entity, tenant, [id])).get(id);
    if (!record) throw notFound(entity, id);
    const tag = etag(record.version);
    response.header('ETag', tag);
    // A conditional GET for the version the client already holds: 304 without a body.
    if (isNotModified(headers, tag)) {
      response.status(304);
      return undefined;
    }
    response.type(JSON_CONTENT_TYPE);
    return record.body;
  }

  /** Body: `{ records: RecordView[], missing: string[] }`, records in the order asked for. */
  @Post('batch-read')
  @HttpCode(200)
  async batchRead(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
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
    const records: string[] = [];
    const missing: string[] = [];
    for (const id of unique) {
      const record = found.get(id);
      if (record) records.push(record.body);
      else missing.push(id);
    }
    response.type(JSON_CONTENT_TYPE);
    return `{"records":[${records.join(',')}],"missing":${JSON.stringify(missing)}}`;
  }

  @Post()
  async create(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    const entity = this.entity(collection);
    if (body && typeof body === 'object' && 'id' in body) requireUuid(body.id, '/id');
    const record = await this.writes.create(entity, tenant, body);
    response
      .status(201)
      .header('ETag', etag(record.version))
      .header('Location', `/v1/tenants/${tenant}/${collection}/${record.id}`);
    return record;
  }

  @Patch(':id')
  async update(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') rawId: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    const entity = this.entity(collection);
    const id = requireUuid(rawId, 'params/id');
    const record = await this.writes.update(entity, tenant, id, body, parseIfMatch(ifMatch));
    if (!record) throw notFound(entity, id);
    response.header('ETag', etag(record.version));
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
