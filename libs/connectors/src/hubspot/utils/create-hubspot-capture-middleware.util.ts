import type { HubSpotResponseCapture } from '../types/hubspot-response-capture.type';

/**
 * A per-call middleware that records the raw status and headers of the response. It must be
 * passed per call (`{ middleware: [...], middlewareMergeStrategy: 'append' }`): in
 * @hubspot/api-client 13.5 the generated APIs run configuration-level middleware only when a
 * call passes its own, so `new Client({ middleware })` alone never sees a response.
 * The methods are generic because every API group has its own (nominal) context classes.
 */
export function createHubSpotCaptureMiddleware(capture: HubSpotResponseCapture): {
  pre<C>(context: C): Promise<C>;
  post<C extends { httpStatusCode: number; headers: Record<string, string> }>(
    context: C,
  ): Promise<C>;
} {
  return {
    pre: (context) => Promise.resolve(context),
    post: (context) => {
      capture.status = context.httpStatusCode;
      capture.headers = context.headers;
      return Promise.resolve(context);
    },
  };
}
