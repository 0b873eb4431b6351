import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import type { SimResponse } from '../../common/types/sim-response.type';
import { SalesforceQueryService } from '../services/salesforce-query.service';
import type { SalesforceQueryPage } from '../types/salesforce-query-page.type';

/** SOQL: `query?q=`, `queryAll?q=` (deleted records too) and `query/{locator}` for the next pages. */
@Controller('services/data/:version')
export class SalesforceQueryController {
  constructor(private readonly queries: SalesforceQueryService) {}

  @Get('query')
  query(
    @Param('version') version: string,
    @Query('q') q: unknown,
    @Headers('sforce-query-options') options: string | undefined,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceQueryPage {
    return this.count(
      res,
      this.queries.query(typeof q === 'string' ? q : '', version, false, options),
    );
  }

  @Get('queryAll')
  queryAll(
    @Param('version') version: string,
    @Query('q') q: unknown,
    @Headers('sforce-query-options') options: string | undefined,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceQueryPage {
    return this.count(
      res,
      this.queries.query(typeof q === 'string' ? q : '', version, true, options),
    );
  }

  @Get('query/:locator')
  more(
    @Param('version') version: string,
    @Param('locator') locator: string,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceQueryPage {
    return this.count(res, this.queries.more(locator, version));
  }

  @Get('queryAll/:locator')
  moreAll(
    @Param('version') version: string,
    @Param('locator') locator: string,
    @Res({ passthrough: true }) res: SimResponse,
  ): SalesforceQueryPage {
    return this.count(res, this.queries.more(locator, version));
  }

  private count(res: SimResponse, page: SalesforceQueryPage): SalesforceQueryPage {
    res.locals.simItems = page.records.length;
    return page;
  }
}
