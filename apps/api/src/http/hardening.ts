import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@pls/config';

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
