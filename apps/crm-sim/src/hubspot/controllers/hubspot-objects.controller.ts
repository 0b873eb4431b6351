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
import { HubSpotBatchService } from '../services/hubspot-batch.service';
import { HubSpotObjectService } from '../services/hubspot-object.service';
import { HubSpotSearchService } from '../services/hubspot-search.service';
import type { HubSpotBatchResponse } from '../types/hubspot-batch-response.type';
import type { HubSpotPublicObject } from '../types/hubspot-public-object.type';
import type { HubSpotSearchResponse } from '../types/hubspot-search-response.type';
import { normalizeHubSpotObjectType as typeOf } from '../utils/normalize-hubspot-object-type.util';

/** CRM v3 objects API for any object type (contacts, companies, deals, custom names, 0-1 ids). */
@Controller('crm/v3/objects/:objectType')
export class HubSpotObjectsController {
  constructor(
    private readonly batch: HubSpotBatchService,
    private readonly objects: HubSpotObjectService,
    private readonly searchService: HubSpotSearchService,
  ) {}

  @Post('batch/upsert')
  upsert(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotBatchResponse {
    const outcome = this.batch.upsert(typeOf(objectType), body);
    return this.answer(res, outcome, outcome.body.results.length + outcome.itemErrors);
  }

  @Post('batch/create')
  batchCreate(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotBatchResponse {
    const outcome = this.batch.create(typeOf(objectType), body);
    return this.answer(res, outcome, outcome.body.results.length + outcome.itemErrors);
  }

  @Post('batch/update')
  batchUpdate(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotBatchResponse {
    const outcome = this.batch.update(typeOf(objectType), body);
    return this.answer(res, outcome, outcome.body.results.length + outcome.itemErrors);
  }

  @Post('batch/read')
  batchRead(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Query('archived') archived: string | undefined,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotBatchResponse {
    const outcome = this.batch.read(typeOf(objectType), body, archived === 'true');
    return this.answer(res, outcome, outcome.body.results.length + outcome.itemErrors);
  }

  @Post('batch/archive')
  @HttpCode(204)
  batchArchive(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): void {
    res.locals.simItems = this.batch.archive(typeOf(objectType), body);
  }

  @Post('search')
  @HttpCode(200)
  search(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotSearchResponse {
    const response = this.searchService.search(typeOf(objectType), body);
    res.locals.simItems = response.results.length;
    return response;
  }

  @Get()
  list(
    @Param('objectType') objectType: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: SimResponse,
  ): { results: HubSpotPublicObject[] } {
    const response = this.objects.list(typeOf(objectType), query);
    res.locals.simItems = response.results.length;
    return response;
  }

  @Post()
  create(
    @Param('objectType') objectType: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotPublicObject {
    res.locals.simItems = 1;
    return this.objects.create(typeOf(objectType), body);
  }

  @Get(':objectId')
  get(
    @Param('objectType') objectType: string,
    @Param('objectId') objectId: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotPublicObject {
    res.locals.simItems = 1;
    return this.objects.get(typeOf(objectType), objectId, query);
  }

  @Patch(':objectId')
  update(
    @Param('objectType') objectType: string,
    @Param('objectId') objectId: string,
    @Query('idProperty') idProperty: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: SimResponse,
  ): HubSpotPublicObject {
    res.locals.simItems = 1;
    return this.objects.update(typeOf(objectType), objectId, idProperty, body);
  }

  @Delete(':objectId')
  @HttpCode(204)
  archive(
    @Param('objectType') objectType: string,
    @Param('objectId') objectId: string,
    @Res({ passthrough: true }) res: SimResponse,
  ): void {
    res.locals.simItems = 1;
    this.objects.archive(typeOf(objectType), objectId);
  }

  private answer(
    res: SimResponse,
    outcome: { status: number; body: HubSpotBatchResponse; itemErrors: number },
    items: number,
  ): HubSpotBatchResponse {
    res.status(outcome.status);
    res.locals.simItems = items;
    res.locals.simItemErrors = outcome.itemErrors;
    return outcome.body;
  }
}
