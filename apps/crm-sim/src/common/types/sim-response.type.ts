import type { ServerResponse } from 'node:http';
import type { SimResponseLocals } from './sim-response-locals.type';

/** The part of an express 5 response the sims use. */
export interface SimResponse extends ServerResponse {
  locals: SimResponseLocals;
  status(code: number): this;
  json(body: unknown): this;
  send(body?: unknown): this;
}
