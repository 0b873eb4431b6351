import { FastifyAdapter } from '@nestjs/platform-fastify';
import { parse as parseQueryString } from 'node:querystring';
import { BODY_LIMIT_BYTES } from '../constants/body-limit.constant';
import { keepRawBody } from './raw-body.util';

/**
 * The cache-api's HTTP server: Fastify, tuned to answer like the Express server it replaced.
 * Paths match case-insensitively and with a trailing slash; a JSON body must be an object or an
 * array (an empty one is no body); a urlencoded body is parsed; any other body is ignored rather
 * than refused with 415. Webhook routes also keep the raw bytes (`rawBodyOf`). Create the app with `bodyParser: false` so Nest keeps these parsers.
 */
export function createHttpAdapter(): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    keepRawBody(request, body as Buffer);
    const text = (body as Buffer).toString('utf8').trimStart();
    if (text === '') return done(null, undefined);
    if (text[0] !== '{' && text[0] !== '[')
      return done(badRequest('a JSON body must be an object or an array'), undefined);
    // Fastify's default parser answers through `done`; should it ever return a promise instead,
    // its rejection still reaches `done`.
    const parsing = parseJson(request, text, done);
    if (parsing) parsing.then(undefined, (error: Error) => done(error, undefined));
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, { ...parseQueryString(body as string) }),
  );
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    keepRawBody(request, body as Buffer);
    done(null, undefined);
  });
  return adapter;
}

/** Nest turns a SyntaxError with status 400 into a BadRequestException, as for Express. */
function badRequest(message: string): SyntaxError {
  return Object.assign(new SyntaxError(message), { status: 400 });
}
