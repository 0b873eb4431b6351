import { classifyDeliveryError } from './classify-delivery-error.util';

/**
 * Runs `work` with a deadline: past `timeoutMs` the returned promise rejects with a `transient`
 * DeliveryException and `signal` aborts (connectors whose client takes a signal stop the request;
 * the others let it finish in the background, its outcome ignored).
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        classifyDeliveryError({ timeout: true, message: `no answer within ${timeoutMs} ms` }, what),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
