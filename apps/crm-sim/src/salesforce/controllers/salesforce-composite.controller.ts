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
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import { SalesforceDmlService } from '../services/salesforce-dml.service';
import { SalesforceReadService } from '../services/salesforce-read.service';
import type { SalesforceSaveResult } from '../types/salesforce-save-result.type';
import { parseApiVersion } from '../utils/parse-api-version.util';

/** sObject Collections: up to 200 records per call, one API request each. */
@Controller('services/data/:version/composite/sobjects')
export class SalesforceCompositeController {
  constructor(
    private readonly dml: SalesforceDmlService,
    private readonly reads: SalesforceReadService,
  ) {}

  @Post()
  @HttpCode(200)
  create(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult[] {
    return count(res, this.dml.createCollection(body));
  }

  @Patch()
  update(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult[] {
    return count(res, this.dml.updateCollection(body));
  }

  @Delete()
  remove(
    @Query('ids') ids: unknown,
    @Query('allOrNone') allOrNone: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult[] {
    const list = typeof ids === 'string' ? ids.split(',').filter((id) => id !== '') : [];
    if (list.length === 0)
      throw new SalesforceApiException(400, 'MISSING_ARGUMENT', 'ids parameter is required');
    return count(res, this.dml.deleteCollection(list, allOrNone === 'true'));
  }

  @Post(':sobject')
  @HttpCode(200)
  retrieve(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): (Record<string, unknown> | null)[] {
    const records = this.reads.retrieveMany(sobject, body, version);
    res.locals.simItems = records.length;
    return records;
  }

  @Get(':sobject')
  retrieveByQuery(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Query('ids') ids: unknown,
    @Query('fields') fields: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): (Record<string, unknown> | null)[] {
    const split = (v: unknown): string[] => (typeof v === 'string' ? v.split(',') : []);
    const records = this.reads.retrieveMany(
      sobject,
      { ids: split(ids), fields: split(fields) },
      version,
    );
    res.locals.simItems = records.length;
    return records;
  }

  /** Upsert by external ID; needs API 46.0+, like Salesforce. */
  @Patch(':sobject/:externalIdField')
  upsert(
    @Param('version') version: string,
    @Param('sobject') sobject: string,
    @Param('externalIdField') externalIdField: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceSaveResult[] {
    if ((parseApiVersion(version) ?? 0) < 46) throw SalesforceApiException.notFound();
    return count(res, this.dml.upsertCollection(sobject, externalIdField, body));
  }
}

function count(res: SimResponse, results: SalesforceSaveResult[]): SalesforceSaveResult[] {
  res.locals.simItems = results.length;
  res.locals.simItemErrors = results.filter((r) => !r.success).length;
  return results;
}
