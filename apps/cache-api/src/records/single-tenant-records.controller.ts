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
 * Records of a single-tenant collection (no tenant column): `/v1/collections/:collection[/:id]`.
 * Every row belongs to the collection's fixed tenant: its API key or the admin key opens them.
 * Otherwise the same as RecordsController.
 */
@Controller('v1/collections/:collection')
@UseGuards(TenantApiKeyGuard)
export class SingleTenantRecordsController {
  constructor(private readonly routes: RecordRoutes) {}

  @Get(':id')
  async get(
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Headers() headers: IncomingHttpHeaders,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string | undefined> {
    return this.routes.get(this.routes.singleTenantScope(collection), id, headers, response);
  }

  @Post('batch-read')
  @HttpCode(200)
  async batchRead(
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<string> {
    return this.routes.batchRead(this.routes.singleTenantScope(collection), body, response);
  }

  @Post()
  async create(
    @Param('collection') collection: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    return this.routes.create(this.routes.singleTenantScope(collection), body, response);
  }

  @Patch(':id')
  async update(
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<RecordView> {
    const scope = this.routes.singleTenantScope(collection);
    return this.routes.update(scope, id, body, ifMatch, response);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(
    @Param('collection') collection: string,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.routes.delete(this.routes.singleTenantScope(collection), id, ifMatch);
  }
}
