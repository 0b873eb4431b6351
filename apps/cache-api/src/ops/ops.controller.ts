import { Controller, Get, Res } from '@nestjs/common';
import { HealthService, MetricsRegistry } from '@syncline/observability';
import { FastifyReply } from 'fastify';

/** Prometheus and Kubernetes endpoints; no API key (keep them off the public ingress). */
@Controller()
export class OpsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly health: HealthService,
  ) {}

  @Get('metrics')
  async scrape(@Res() response: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    void response.type(contentType).send(body);
  }

  @Get(['health', 'health/live'])
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() response: FastifyReply): Promise<void> {
    const report = await this.health.readiness();
    void response.status(report.status === 'ok' ? 200 : 503).send(report);
  }
}
