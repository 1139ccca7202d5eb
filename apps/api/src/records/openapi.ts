import type { OpenAPIObject } from '@nestjs/swagger';
import type { RouteRegistry } from './route-registry';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const written = {
  type: 'object',
  required: ['id', 'version', 'position'],
  properties: { id: { type: 'string', format: 'uuid' }, version: { type: 'integer' }, position: { type: 'integer' } },
  additionalProperties: true,
};

/**
 * Adds every command route and record read of the registry to the OpenAPI
 * document: the body schemas the API validates with are the ones it documents.
 */
export function addRecordPaths(document: OpenAPIObject, registry: RouteRegistry): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', example: 'MEDIATION.NOT_ACCEPTED' },
        detail: { type: 'string' },
        errors: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  };
  const headers = [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', format: 'uuid' } }];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  for (const route of registry.allRoutes()) {
    const path = route.action === null ? `/api/v1/${route.collection}` : `/api/v1/${route.collection}/{id}/${route.action}`;
    const responses: Record<string, unknown> = {
      [route.action === null ? '201' : '200']: { description: 'Recorded', content: { 'application/json': { schema: written } } },
      '400': problem('Malformed JSON or header'),
      '409': problem('Refused by the lifecycle, or a stale If-Match version'),
      '422': problem('Invalid or unknown fields, unknown ids in the body'),
    };
    if (route.action !== null) responses['404'] = problem('No such record');
    document.paths[path] = {
      ...document.paths[path],
      post: {
        tags: [route.collection],
        operationId: route.name,
        summary: route.summary,
        parameters:
          route.action === null
            ? headers
            : [idParam, ...headers, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: route.body } } },
        responses,
      } as never,
    };
  }
  for (const view of registry.allViews()) {
    document.paths[`/api/v1/${view.collection}/{id}`] = {
      ...document.paths[`/api/v1/${view.collection}/{id}`],
      get: {
        tags: [view.collection],
        summary: `Current state of one ${view.collection} record`,
        parameters: [idParam],
        responses: { '200': { description: 'The record with id, status and version' }, '404': problem('No such record') },
      } as never,
    };
    document.paths[`/api/v1/${view.collection}/{id}/history`] = {
      get: {
        tags: [view.collection],
        summary: `Every event of one ${view.collection} record, in version order`,
        parameters: [idParam],
        responses: {
          '200': { description: '{ id, events: [{ type, version, position, recordedAt, data, metadata }] }' },
          '404': problem('No such record'),
        },
      } as never,
    };
  }
  return document;
}
