import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { IncomingHttpHeaders } from 'node:http';
import { TenantApiKeyGuard } from '../auth/tenant-api-key.guard';
import { RecordRoutes } from './services/record-routes.service';
import { RecordView } from './types/record-view.type';

/**
 * Records of a collection with a tenant column: `/v1/tenants/:tenant/:collection[/:id]`, where
 * collection is the collection's name and id its record id (recordIdOf; URL-encoded, composite
 * keys as `a,b`). Responses carry the version as an ETag; writes accept `If-Match` on collections
 * with a version column. Single-tenant collections: SingleTenantRecordsController.
 */
@Controller('v1/tenants/:tenant/:collection')
@UseGuards(TenantApiKeyGuard)
export class RecordsController {
  constructor(private readonly routes: RecordRoutes) {}

  @Get(':id')
  async get(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Headers() headers: IncomingHttpHeaders,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string | undefined> {
    return this.routes.get(this.routes.tenantScope(tenant, collection), id, headers, response);
  }

  @Post('batch-read')
  @HttpCode(200)
  async batchRead(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
    return this.routes.batchRead(this.routes.tenantScope(tenant, collection), body, response);
  }

  @Post()
  async create(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    return this.routes.create(this.routes.tenantScope(tenant, collection), body, response);
  }

  @Patch(':id')
  async update(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    const scope = this.routes.tenantScope(tenant, collection);
    return this.routes.update(scope, id, body, ifMatch, response);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @Param('tenant') tenant: string,
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.routes.delete(this.routes.tenantScope(tenant, collection), id, ifMatch);
  }
}
