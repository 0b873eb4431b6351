import type { IncomingMessage } from 'node:http';

/** The part of an express 5 request the sims use (express ships no types of its own here). */
export interface SimRequest extends IncomingMessage {
  body?: unknown;
  query: Record<string, unknown>;
  params: Record<string, string>;
  path: string;
  originalUrl: string;
  protocol: string;
  get(name: string): string | undefined;
  route?: { path: string };
}
