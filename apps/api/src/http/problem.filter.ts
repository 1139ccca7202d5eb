import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@pls/event-sourcing';
import { ConcurrencyError, InvalidAppendError, StoreUnavailableError } from '@pls/event-store';
import type { FastifyReply } from 'fastify';
import { ProblemError, problemBody } from './problem';

const KIND_STATUS = { conflict: 409, invalid: 422, 'not-found': 404, forbidden: 403 } as const;

/** Any thrown value → the problem it is for the client. Never a stack trace, never SQL. */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  // Nest's Fastify adapter wraps Fastify's own errors (body parsing, media type) in an HttpException.
  const cause = (error as { cause?: unknown })?.cause;
  if (error instanceof HttpException && cause && (cause as { code?: string }).code?.startsWith('FST_')) return toProblem(cause);
  if (error instanceof DomainError) {
    const status = KIND_STATUS[error.kind];
    const extra: Record<string, unknown> = { detail: error.message };
    const many = (error as { errors?: unknown }).errors;
    if (Array.isArray(many)) extra['errors'] = many;
    else if (error.field) extra['errors'] = [{ field: error.field, message: error.message }];
    return new ProblemError(status, error.code, error.message, extra);
  }
  if (error instanceof ConcurrencyError) {
    return new ProblemError(
      409,
      'CONCURRENCY.STALE_VERSION',
      'The record was changed by someone else',
      {
        detail: `the record is at version ${error.actual}`,
        currentVersion: error.actual,
      },
      { ETag: `"${error.actual}"` },
    );
  }
  // The store's own wording names the database (e.g. "PostgreSQL cannot store \u0000"): not for clients.
  if (error instanceof InvalidAppendError) return new ProblemError(422, 'REQUEST.INVALID', 'The request holds a value the event log cannot store');
  if (error instanceof StoreUnavailableError) {
    return new ProblemError(503, 'STORE.UNAVAILABLE', 'The event store is unavailable; try again shortly', {}, { 'Retry-After': '2' });
  }
  const fastifyCode = (error as { code?: string })?.code;
  if (fastifyCode === 'FST_ERR_BAD_URL') return new ProblemError(400, 'REQUEST.BAD_URL', 'The address is not validly percent-encoded');
  if (fastifyCode === 'FST_ERR_MAX_PARAM_LENGTH') return new ProblemError(414, 'REQUEST.URI_TOO_LONG', 'A part of the address is too long');
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ProblemError(413, 'REQUEST.TOO_LARGE', 'The request body is too large');
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ProblemError(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');
  }
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new ProblemError(400, 'REQUEST.MALFORMED_JSON', 'The request body is not valid JSON');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return new ProblemError(404, 'ROUTE.NOT_FOUND', 'No such resource');
    if (status === 413) return new ProblemError(413, 'REQUEST.TOO_LARGE', 'The request body is too large');
    if (status === 400) return new ProblemError(400, 'REQUEST.MALFORMED', 'The request is malformed');
    // A server-side exception's message may quote SQL or a driver: 5xx answers say nothing of it.
    if (status >= 500) return new ProblemError(status, `HTTP.${status}`, 'Something went wrong on our side');
    return new ProblemError(status, `HTTP.${status}`, error.message);
  }
  const statusCode = (error as { statusCode?: number })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ProblemError(statusCode, `HTTP.${statusCode}`, 'The request was refused');
  }
  return new ProblemError(500, 'INTERNAL', 'Something went wrong on our side');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const problem = toProblem(error);
    if (problem.status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    reply
      .status(problem.status)
      .headers({ ...problem.headers, 'content-type': 'application/problem+json' })
      .send(problemBody(problem));
  }
}
