export { HealthService } from './services/health.service';
export type { HealthReport } from './services/health.service';
export { MetricsRegistry } from './services/metrics.registry';
export { OpsHttpServer } from './services/ops-http.server';
export type { HealthCheck } from './types/health-check.type';
export { loggerModuleFor } from './utils/logger-module.util';
export { installGracefulShutdown } from './utils/install-graceful-shutdown.util';
export { logUnhandledRejections } from './utils/log-unhandled-rejections.util';
