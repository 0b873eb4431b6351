/** The reconciler's name in logs, metrics and client connections. */
export const RECONCILER_APP = 'reconciler';

/** Exit codes: drift found is still success; only systemic failures and bad flags are not. */
export const EXIT_CODES = {
  ok: 0,
  /** Postgres or Redis unreachable, or the run could not start. */
  systemic: 1,
  /** Bad flags: unknown tenant, entity or destination, unexpected arguments. */
  usage: 2,
} as const;

/** Injection token of `ReconcilerConfig`. */
export const RECONCILER_CONFIG = Symbol('RECONCILER_CONFIG');
