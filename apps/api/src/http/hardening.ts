import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@pls/config';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problemBody } from './problem';
import { toProblem } from './problem.filter';

/**
 * The Content-Security-Policy of every answer. The web UI (React + antd) is
 * served from this origin as module scripts; antd's CSS-in-JS and the API
 * docs page write `<style>` elements, hence `'unsafe-inline'` for styles
 * only; echarts draws on canvas (data:/blob: images). Nothing else loads.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers on every answer (what @fastify/helmet would set, written out: no extra dependency to keep in step with Fastify). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/** Deepest JSON body the API reads: its bodies are a few levels deep; thousands of levels would overflow recursive walks. */
export const MAX_BODY_DEPTH = 32;

/** Depth of a JSON value (a scalar is 0), walked without recursion; stops counting past `limit`. */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: inner });
    }
  }
  return deepest;
}

/** Request headers a foreign origin allowed by `PLS_CORS_ORIGINS` may send, and answer headers it may read. */
const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Last-Event-ID'];
const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'WWW-Authenticate'];

/**
 * Hardening of the HTTP surface, before the app initialises:
 * - security headers on every answer (errors and the web UI included), no `X-Powered-By`;
 * - CORS only for the configured origins: by default none, so a foreign
 *   origin gets no `Access-Control-Allow-Origin` and the browser keeps its
 *   answers from it;
 * - JSON is the only body the API reads: Fastify's built-in `text/plain`
 *   parser is removed, so any other media type is 415 (problem+json).
 * Body size (413), malformed JSON (400) and error bodies are the problem
 * filter's part.
 */
export function harden(app: NestFastifyApplication, config: Pick<AppConfig, 'corsOrigins'>): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']);
  // Before any handler walks the body (schema checks, the Idempotency-Key request hash recurse).
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object') return;
    if (nestingDepth(request.body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return;
    const problem = ProblemError.validation([{ field: '(body)', message: `is nested deeper than ${MAX_BODY_DEPTH} levels` }], 'REQUEST.TOO_DEEP');
    return reply.status(problem.status).headers({ 'content-type': 'application/problem+json' }).send(problemBody(problem));
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    reply.removeHeader('x-powered-by');
    return payload;
  });
  const origins = config.corsOrigins ?? [];
  if (origins.length > 0) {
    app.enableCors({
      origin: [...origins],
      methods: ['GET', 'HEAD', 'POST'],
      allowedHeaders: CORS_REQUEST_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
    });
  }
}

/**
 * Fastify's `frameworkErrors`: what it answers before any route runs (an
 * address that is not validly percent-encoded, a path part over the length
 * limit) as problem+json too, with the security headers — Fastify's own
 * answer would be plain JSON naming its internal error codes.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const problem = toProblem(error);
  void reply
    .status(problem.status)
    .headers({ ...SECURITY_HEADERS, ...problem.headers, 'content-type': 'application/problem+json' })
    .send(problemBody(problem));
}
