import { LoggerService } from '@nestjs/common';

/**
 * On SIGTERM/SIGINT: close the app (a worker finishes and commits the batch in hand, providers
 * disconnect), then exit 0. Past `timeoutMs` (keep it under the pod's grace period) exit 1, so a
 * stuck shutdown is visible. Nest's own shutdown hooks would re-raise the signal instead.
 */
export function installGracefulShutdown(
  app: { close(): Promise<void> },
  logger: LoggerService,
  timeoutMs = 25_000,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeoutMs}ms; exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
