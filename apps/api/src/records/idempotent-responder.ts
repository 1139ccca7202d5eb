import { Inject, Injectable } from '@nestjs/common';
import { isUuid, newId } from '@pls/event-sourcing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError, problemBody } from '../http/problem';
import { toProblem } from '../http/problem.filter';
import { IdempotencyStore, PENDING, requestHash, type StoredResponse } from './idempotency';

export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

/** What a write handed back, before it becomes an HTTP answer. */
export interface WriteAnswer {
  readonly status: 200 | 201;
  readonly id: string;
  readonly version: number;
  readonly position: number;
  /** `/api/v1/<collection>` of the record, for `Location` on a create. */
  readonly collection: string;
  readonly extra: Record<string, unknown>;
}

export interface WriteContext {
  /** The Idempotency-Key, or a fresh id: event ids derive from it. */
  readonly commandId: string;
  readonly actorId: string | null;
  readonly now: string;
  /** Parsed `If-Match`. */
  readonly expectedVersion?: number;
}

/**
 * The answer side every POST shares: `Idempotency-Key` (claimed before the
 * write runs, answer — errors included — kept for a repeat), `If-Match`, and
 * `{ id, version, position }` with `Location` and `ETag`.
 */
@Injectable()
export class IdempotentResponder {
  constructor(
    private readonly idempotency: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async respond(
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    write: (context: WriteContext) => Promise<WriteAnswer>,
  ): Promise<void> {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const key = header('idempotency-key');
    if (key !== undefined && !isUuid(key)) throw new ProblemError(400, 'IDEMPOTENCY.KEY_INVALID', 'Idempotency-Key must be a UUID');
    const expectedVersion = parseIfMatch(header('if-match'));
    const actorId: string | null = (req as FastifyRequest & { user?: { id: string } }).user?.id ?? null;
    const scope = actorId ?? 'anonymous';
    const hash = requestHash(req.method, req.url.split('?')[0]!, body ?? null);

    if (key !== undefined) {
      const stored = await this.idempotency.claim(scope, key, hash, this.clock());
      if (stored.requestHash !== hash) {
        throw new ProblemError(422, 'IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used for a different request');
      }
      if (stored.status !== PENDING) return send(reply, stored);
    }

    let response: StoredResponse;
    try {
      const answer = await write({ commandId: key ?? newId(), actorId, now: this.clock().toISOString(), expectedVersion });
      response = answerResponse(answer, hash);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500 || key === undefined) throw error;
      response = {
        requestHash: hash,
        status: problem.status,
        body: problemBody(problem),
        headers: { ...problem.headers, 'content-type': 'application/problem+json' },
      };
    }
    if (key !== undefined) await this.idempotency.complete(scope, key, response);
    send(reply, response);
  }
}

function answerResponse(answer: WriteAnswer, requestHash: string): StoredResponse {
  const headers: Record<string, string> = { ETag: `"${answer.version}"` };
  if (answer.status === 201) headers['Location'] = `/api/v1/${answer.collection}/${answer.id}`;
  return {
    requestHash,
    status: answer.status,
    body: { id: answer.id, version: answer.version, position: answer.position, ...answer.extra },
    headers,
  };
}

function send(reply: FastifyReply, response: StoredResponse): void {
  reply.status(response.status).headers(response.headers).send(response.body);
}

/** `If-Match: "3"` (also `W/"3"` or `3`) → 3. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!m) throw new ProblemError(400, 'REQUEST.INVALID_IF_MATCH', 'If-Match must be a record version, e.g. "3"');
  return Number(m[1]);
}
