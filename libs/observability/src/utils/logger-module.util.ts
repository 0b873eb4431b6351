import { DynamicModule } from '@nestjs/common';
import { LogLevel } from '@syncline/config';
import { LoggerModule } from 'nestjs-pino';

/**
 * Structured JSON logs (pino) for an app. Request logging only where there are requests; headers
 * that carry credentials are redacted.
 */
export function loggerModuleFor(
  app: string,
  level: LogLevel,
  { httpRequests = false } = {},
): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { app },
      autoLogging: httpRequests,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      quietReqLogger: true,
    },
  });
}
