import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { SimResponse } from '../../common/types/sim-response.type';
import { adminErrorBody } from '../../common/utils/admin-error-body.util';
import { HubSpotApiException } from '../exceptions/hubspot-api.exception';
import { hubSpotErrorBody } from '../utils/hubspot-error-body.util';

/** Every error leaves the HubSpot sim in HubSpot's JSON error shape (admin errors excepted). */
@Catch()
export class HubSpotExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HubSpotSim');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<SimResponse>();
    if (res.headersSent) return;
    const admin = adminErrorBody(error);
    if (admin) {
      res.status(admin.status).json(admin.body);
      return;
    }
    if (error instanceof HubSpotApiException) {
      res.status(error.status).json(hubSpotErrorBody(error.category, error.message, error.extra));
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const category =
        status === 404 ? 'OBJECT_NOT_FOUND' : status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR';
      const message =
        status === 400 ? `Invalid input JSON: ${error.message}` : error.message || 'Error';
      res.status(status).json(hubSpotErrorBody(category, message));
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(500).json(hubSpotErrorBody('INTERNAL_ERROR', 'internal error'));
  }
}
