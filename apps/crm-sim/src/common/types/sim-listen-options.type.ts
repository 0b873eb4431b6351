import type { LoggerService, LogLevel } from '@nestjs/common';

export interface SimListenOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  /** Default 127.0.0.1; 0.0.0.0 to serve other hosts. */
  host?: string;
  /** Nest logger; default false (silent), as tests want. */
  logger?: LoggerService | LogLevel[] | false;
  /** JSON body limit (default 50mb). */
  bodyLimit?: string;
  /** Calls kept in the call log (default 100000); older ones are dropped. */
  callLogLimit?: number;
}
