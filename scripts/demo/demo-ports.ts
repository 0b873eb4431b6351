/** The ports the demo's apps listen on. */
export interface DemoPorts {
  cacheApi: number;
  hubspotSim: number;
  salesforceSim: number;
  /** Ops endpoints (/metrics, /health) of the two sync-worker replicas. */
  syncWorkerOps: readonly [number, number];
  deliveryWorkerOps: number;
}

/**
 * The apps' ports inside the stack's block of 100 (the stack itself takes +32, +79, +83, +92 and
 * +93; its optional Prometheus and Alertmanager +90, +91, their webhook +94), so two stacks on one
 * machine never collide.
 */
export function demoPorts(portBase: number): DemoPorts {
  return {
    cacheApi: portBase + 1,
    hubspotSim: portBase + 10,
    salesforceSim: portBase + 20,
    syncWorkerOps: [portBase + 61, portBase + 62],
    deliveryWorkerOps: portBase + 63,
  };
}

/**
 * The stack's port base: `SYNCLINE_PORT_BASE` when set, else derived from the Postgres port the
 * stack exported (base + 32), else the stack's default.
 */
export function stackPortBase(env: Readonly<Record<string, string | undefined>>): number {
  const explicit = Number(env.SYNCLINE_PORT_BASE);
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  const postgres = Number(env.SYNCLINE_PG_PORT);
  if (Number.isInteger(postgres) && postgres > 32) return postgres - 32;
  return 25400;
}
