import { Controller, Get, Param } from '@nestjs/common';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import { parseApiVersion } from '../utils/parse-api-version.util';

/** `GET /services/data` (versions, no auth) and `GET /services/data/vXX.X` (resources). */
@Controller('services/data')
export class SalesforceVersionsController {
  @Get()
  versions(): { label: string; url: string; version: string }[] {
    const latest = Number(SALESFORCE_DEFAULTS.latestApiVersion);
    const versions = [];
    for (let v = 42; v <= latest; v += 1) {
      versions.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
    }
    return versions;
  }

  @Get(':version')
  resources(@Param('version') version: string): Record<string, string> {
    if (parseApiVersion(version) === undefined) throw SalesforceApiException.notFound();
    const base = `/services/data/${version}`;
    return {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      composite: `${base}/composite`,
      limits: `${base}/limits`,
    };
  }
}
