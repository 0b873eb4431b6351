import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { SynclineException } from '@syncline/errors';
import { SchemaViolationException } from '@syncline/records';
import { VersionConflictException } from '@syncline/source';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorBody } from './api-error.exception';

/**
 * Maps every error to a JSON body: known Syncline errors to 4xx/503 by code, Nest's HTTP errors as
 * they are, anything else to 500 without internals. The switch is exhaustive over error codes.
 */
@Catch()
export class SynclineExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SynclineExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<FastifyReply>();
    const [status, body] = this.toResponse(exception);
    if (status >= 500) {
      // No per-request logger is mounted (see loggerModuleFor): name the request here.
      const request = http.getRequest<FastifyRequest>();
      this.logger.error(
        `${request.method} ${request.url} -> ${status}: ` +
          (exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)),
      );
    }
    void response.status(status).send(body);
  }

  private toResponse(exception: unknown): [number, ApiErrorBody] {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      if (
        typeof body === 'object' &&
        body !== null &&
        'error' in body &&
        'message' in body &&
        typeof body.error === 'string'
      ) {
        return [status, body as ApiErrorBody];
      }
      return [
        status,
        { error: HttpStatus[status]?.toLowerCase() ?? 'error', message: exception.message },
      ];
    }
    if (!(exception instanceof SynclineException)) {
      return [500, { error: 'internal_error', message: 'internal error' }];
    }
    switch (exception.code) {
      case 'SCHEMA_VIOLATION':
        return [
          400,
          {
            error: 'validation_failed',
            message: exception.message,
            fields: [...(exception as SchemaViolationException).issues],
          },
        ];
      case 'UNKNOWN_TABLE':
      case 'UNKNOWN_COLLECTION':
        return [404, { error: 'unknown_collection', message: exception.message }];
      case 'INVALID_RECORD_ID':
        return [
          400,
          {
            error: 'invalid_record_id',
            message: exception.message,
            fields: [{ path: 'params/id', message: exception.message }],
          },
        ];
      case 'INVALID_CACHE_KEY':
        return [400, { error: 'invalid_key', message: exception.message }];
      case 'VERSION_CONFLICT': {
        const conflict = exception as VersionConflictException;
        return [
          412,
          {
            error: 'precondition_failed',
            message: `${conflict.message}; re-read the record and retry with its ETag`,
          },
        ];
      }
      case 'RECORD_EXISTS':
        return [409, { error: 'conflict', message: exception.message }];
      case 'RECORD_REJECTED':
        return [422, { error: 'rejected_by_database', message: exception.message }];
      case 'CACHE_UNAVAILABLE':
      case 'SOURCE_UNAVAILABLE':
        return [
          503,
          { error: 'unavailable', message: 'a backing store is unavailable; retry later' },
        ];
      case 'INVALID_MAPPING':
      case 'MAPPING_FAILED':
        return [
          400,
          { error: 'invalid_mapping', message: exception.message, fields: fieldsOf(exception) },
        ];
      case 'CONTROL_PLANE': {
        const kind = (exception as { kind?: string }).kind;
        if (kind === 'NOT_FOUND') return [404, { error: 'not_found', message: exception.message }];
        if (kind === 'INVALID_DESTINATION')
          return [
            400,
            { error: 'validation_failed', message: exception.message, fields: fieldsOf(exception) },
          ];
        return [500, { error: 'internal_error', message: exception.message }];
      }
      case 'BAD_COLLECTIONS_CONFIG':
        return [500, { error: 'internal_error', message: exception.message }];
      case 'RECONCILE_BAD_SCOPE':
        return [400, { error: 'validation_failed', message: exception.message }];
      case 'RECONCILE_SYSTEMIC_FAILURE':
      case 'RECONCILE_SOURCE_FAILED':
      case 'RECONCILE_RATE_LIMITED':
        return [503, { error: 'unavailable', message: exception.message }];
      case 'DELIVERY_FAILED':
        return [502, { error: 'destination_failed', message: exception.message }];
      case 'INVALID_NOTIFICATION_CHANNEL':
        return [
          400,
          { error: 'validation_failed', message: exception.message, fields: fieldsOf(exception) },
        ];
      case 'NOTIFICATION_FAILED':
        return [502, { error: 'notification_failed', message: exception.message }];
      case 'UNDECODABLE_EVENT':
      case 'OVERSIZED_PAYLOAD':
        return [400, { error: 'bad_request', message: exception.message }];
    }
  }
}

/** Errors that name fields carry them as `issues: {path, message}[]`. */
function fieldsOf(exception: SynclineException): ApiErrorBody['fields'] {
  const issues = (exception as { issues?: { path: string; message: string }[] }).issues;
  return issues ? [...issues] : undefined;
}
