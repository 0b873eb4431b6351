import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception filter replaces any error a handler throws with
 * `{ status: 'error', message: 'Internal server error' }`: the SynclineException, its `code` and its
 * `retriable` flag would never reach KafkaBatchTransport, which decides retry vs. dead letter on
 * them. Registered globally by `startKafkaWorker`, this filter hands the error on untouched.
 */
@Catch()
export class PassThroughRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
