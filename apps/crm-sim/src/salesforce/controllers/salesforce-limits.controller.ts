import { Controller, Get } from '@nestjs/common';
import { SalesforceApiUsageService } from '../services/salesforce-api-usage.service';

/** `GET /services/data/vXX.X/limits` (`conn.limits()`); only DailyApiRequests is live. */
@Controller('services/data/:version/limits')
export class SalesforceLimitsController {
  constructor(private readonly usage: SalesforceApiUsageService) {}

  @Get()
  limits(): Record<string, { Max: number; Remaining: number }> {
    const { dailyApiRequests, apiUsage } = this.usage.getLimits();
    return {
      DailyApiRequests: {
        Max: dailyApiRequests,
        Remaining: Math.max(0, dailyApiRequests - apiUsage),
      },
      DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      DataStorageMB: { Max: 1024, Remaining: 1024 },
      FileStorageMB: { Max: 1024, Remaining: 1024 },
      HourlyODataCallout: { Max: 20000, Remaining: 20000 },
    };
  }
}
