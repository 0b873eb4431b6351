import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SIM_BACKEND } from '../constants/sim-backend.token';
import { SIM_NAME } from '../constants/sim-name.token';
import type { SimBackend } from '../types/sim-backend.type';

/** Prometheus metrics of one sim, in its own registry (never prom-client's global one). */
@Injectable()
export class SimMetricsService {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly items: Counter<'route'>;
  private readonly itemErrors: Counter<'route'>;
  private readonly duration: Histogram<'route'>;

  constructor(@Inject(SIM_NAME) sim: string, @Inject(SIM_BACKEND) backend: SimBackend) {
    this.registry.setDefaultLabels({ sim });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'crm_sim_requests_total',
      help: 'API calls by method, route and HTTP status (0 = connection reset)',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.items = new Counter({
      name: 'crm_sim_items_total',
      help: 'Records carried or returned by API calls',
      labelNames: ['route'],
      registers,
    });
    this.itemErrors = new Counter({
      name: 'crm_sim_item_errors_total',
      help: 'Records that failed one by one inside API calls',
      labelNames: ['route'],
      registers,
    });
    this.duration = new Histogram({
      name: 'crm_sim_request_duration_seconds',
      help: 'API call duration, injected latency included',
      labelNames: ['route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    new Gauge({
      name: 'crm_sim_records',
      help: 'Records held in memory by object type (archived/deleted included)',
      labelNames: ['object'],
      registers,
      collect() {
        this.reset();
        for (const [object, count] of Object.entries(backend.recordCounts())) {
          this.set({ object }, count);
        }
      },
    });
  }

  observe(call: {
    method: string;
    route: string;
    status: number;
    items: number;
    itemErrors: number;
    durationMs: number;
  }): void {
    this.requests.inc({ method: call.method, route: call.route, status: String(call.status) });
    if (call.items > 0) this.items.inc({ route: call.route }, call.items);
    if (call.itemErrors > 0) this.itemErrors.inc({ route: call.route }, call.itemErrors);
    this.duration.observe({ route: call.route }, call.durationMs / 1000);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
