import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { SimResponse } from '../../common/types/sim-response.type';
import { adminErrorBody } from '../../common/utils/admin-error-body.util';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import { SalesforceOAuthException } from '../exceptions/salesforce-oauth.exception';
import { salesforceErrorBody } from '../utils/salesforce-error-body.util';

/** Every error leaves the Salesforce sim in Salesforce's shape (admin errors excepted). */
@Catch()
export class SalesforceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SalesforceSim');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<SimResponse>();
    if (res.headersSent) return;
    const admin = adminErrorBody(error);
    if (admin) {
      res.status(admin.status).json(admin.body);
      return;
    }
    if (error instanceof SalesforceApiException) {
      res.status(error.status).json(error.errors);
      return;
    }
    if (error instanceof SalesforceOAuthException) {
      res.status(error.status).json({ error: error.error, error_description: error.message });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 404) {
        res
          .status(404)
          .json(salesforceErrorBody('NOT_FOUND', 'The requested resource does not exist'));
      } else if (status === 400) {
        res.status(400).json(salesforceErrorBody('JSON_PARSER_ERROR', error.message));
      } else {
        res
          .status(status)
          .json(
            salesforceErrorBody(
              status === 413 ? 'REQUEST_ENTITY_TOO_LARGE' : 'UNKNOWN_EXCEPTION',
              error.message,
            ),
          );
      }
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(500).json(salesforceErrorBody('UNKNOWN_EXCEPTION', 'An unexpected error occurred.'));
  }
}
