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
  Res,
} from '@nestjs/common';
import type { SimResponse } from '../../common/types/sim-response.type';
import { SalesforceDmlService } from '../services/salesforce-dml.service';
import { SalesforceGetDeletedService } from '../services/salesforce-get-deleted.service';
import { SalesforceReadService } from '../services/salesforce-read.service';
import { SalesforceSchemaRegistry } from '../services/salesforce-schema.registry';
import type { SalesforceGetDeletedResult } from '../types/salesforce-get-deleted-result.type';
import type { SalesforceSaveResult } from '../types/salesforce-save-result.type';
import { describeSObjectSummary } from '../utils/describe-sobject-summary.util';
import { describeSObject } from '../utils/describe-sobject.util';

/**
 * sObject Basic Information, Describe, Get Deleted, and the single-record Rows /
 * upsert-by-external-ID calls.
 */
@Controller('services/data/:version/sobjects')
export class SalesforceSObjectsController {
  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly dml: SalesforceDmlService,
    private readonly reads: SalesforceReadService,
    private readonly deleted: SalesforceGetDeletedService,
  ) {}

  @Get()
  describeGlobal(@Param('version') version: string): Record<string, unknown> {
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: this.schemas.list().map((s) => describeSObjectSummary(s, version)),
    };
  }

  @Get(':sobject/describe')
  describe(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
  ): Record<string, unknown> {
    return describeSObject(this.dml.requireSchema(sobject), version);
  }

  @Get(':sobject')
  basicInfo(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
  ): Record<string, unknown> {
    return {
      objectDescribe: describeSObjectSummary(this.dml.requireSchema(sobject), version),
      recentItems: [],
    };
  }

  @Post(':sobject')
  create(
    @Param('sobject') sobject: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult {
    res.locals.simItems = 1;
    return this.dml.createOne(sobject, body);
  }

  /** sObject Get Deleted; declared before `:sobject/:id`, which would take 'deleted' as an id. */
  @Get(':sobject/deleted')
  getDeleted(
    @Param('sobject') sobject: string,
    @Query('start') start: unknown,
    @Query('end') end: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceGetDeletedResult {
    const result = this.deleted.getDeleted(sobject, start, end);
    res.locals.simItems = result.deletedRecords.length;
    return result;
  }

  @Get(':sobject/:id')
  get(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Query('fields') fields: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): Record<string, unknown> {
    res.locals.simItems = 1;
    return this.reads.getOne(sobject, id, fields, version);
  }

  @Patch(':sobject/:id')
  @HttpCode(204)
  update(
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): void {
    res.locals.simItems = 1;
    this.dml.updateOne(sobject, id, body);
  }

  @Delete(':sobject/:id')
  @HttpCode(204)
  remove(
    @Param('sobject') sobject: string,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: SimResponse,
  ): void {
    res.locals.simItems = 1;
    this.dml.deleteOne(sobject, id);
  }

  @Get(':sobject/:field/:value')
  getByExternalId(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Param('field') field: string,
    @Param('value') value: string,
    @Query('fields') fields: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): Record<string, unknown> {
    res.locals.simItems = 1;
    return this.reads.getByExternalId(sobject, field, value, fields, version);
  }

  /** 201 when the record was created, 200 when updated (API 46.0+ answers with a body). */
  @Patch(':sobject/:field/:value')
  upsert(
    @Param('sobject') sobject: string,
    @Param('field') field: string,
    @Param('value') value: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult {
    res.locals.simItems = 1;
    const result = this.dml.upsertOne(sobject, field, value, body);
    res.status(result.created ? 201 : 200);
    return result;
  }
}
