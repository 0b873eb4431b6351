import { HealthCheck } from '../types/health-check.type';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** 'ok', or what went wrong. */
  checks: Record<string, string>;
}

/**
 * Liveness is "the process answers"; readiness asks every registered dependency. A worker that is
 * draining for shutdown reports not ready so Kubernetes stops routing to it.
 */
export class HealthService {
  private readonly checks = new Map<string, HealthCheck>();
  private draining = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  markDraining(): void {
    this.draining = true;
  }

  async readiness(timeoutMs = 2000): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]): Promise<[string, string]> => {
        try {
          const ok = await Promise.race([
            check(),
            new Promise<boolean>((_, reject) =>
              setTimeout(() => reject(new Error('timed out')), timeoutMs).unref(),
            ),
          ]);
          return [name, ok ? 'ok' : 'failed'];
        } catch (error) {
          return [name, (error as Error).message || 'failed'];
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    if (this.draining) checks.shutdown = 'draining';
    const status = Object.values(checks).every((value) => value === 'ok') ? 'ok' : 'unavailable';
    return { status, checks };
  }
}
