/** A readiness probe: resolves when the dependency answers, rejects (or returns false) when not. */
export type HealthCheck = () => Promise<boolean>;
