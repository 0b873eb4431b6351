import { LoggerService } from '@nestjs/common';

let current: LoggerService | undefined;
let installed = false;

/**
 * The last line of defence, not a fix: Node ends the process on an unhandled rejection, and a
 * worker crash loop on every broker blip is worse than a logged defect. Every promise is meant to
 * be handled (lint: no-floating-promises, ignoreVoid off); one that escapes is logged at error
 * level with its stack (alert on it) and the process keeps running. Offsets are committed only
 * after effects are durable, so work the lost promise belonged to is redone, not lost. Uncaught
 * synchronous exceptions still end the process: their state is unknown.
 */
export function logUnhandledRejections(logger: LoggerService): void {
  current = logger;
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason: unknown) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    current?.error(
      `unhandled promise rejection (a defect: this promise must be handled): ${detail}`,
    );
  });
}
