import { Controller, Get, Res } from '@nestjs/common';
import { HealthService, MetricsRegistry } from '@syncline/observability';
import { Response } from 'express';

/** Prometheus and Kubernetes endpoints; no API key (keep them off the public ingress). */
@Controller()
export class OpsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly health: HealthService,
  ) {}

  @Get('metrics')
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    response.type(contentType).send(body);
  }

  @Get(['health', 'health/live'])
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() response: Response): Promise<void> {
    const report = await this.health.readiness();
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  }
}
