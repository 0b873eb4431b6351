import { Controller, Get, Res } from '@nestjs/common';
import { METRICS_PATH } from '../constants/metrics-path.constant';
import { SimMetricsService } from '../services/sim-metrics.service';
import type { SimResponse } from '../types/sim-response.type';

@Controller(METRICS_PATH)
export class SimMetricsController {
  constructor(private readonly metrics: SimMetricsService) {}

  @Get()
  async render(@Res() res: SimResponse): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.status(200).send(body);
  }
}
