/* Generators of hostile and malformed HTTP requests for the fuzz test. Every
 * request that could reach a handler carries at least one flaw that the API
 * contract says must refuse it (API.md: 400 malformed JSON, 401, 404, 413,
 * 415, 422 for a field the endpoint does not define or a body that is not an
 * object), so "no event appended" is an oracle for every request. */
import fc from 'fast-check';
import type { TableRoute } from './route-table';

export interface HostileRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
  /** What makes it hostile, for the counterexample and the summary. */
  readonly flaws: readonly string[];
}

export interface FuzzWorld {
  readonly routes: readonly TableRoute[];
  /** Collections and actions of the command registry (the generic routes' `:collection` and `:action`). */
  readonly collections: readonly string[];
  readonly actions: readonly string[];
  /** Every body field name any command defines (to dress bodies plausibly). */
  readonly fields: readonly string[];
  /** Ids of records, units and persons that exist. */
  readonly ids: readonly string[];
  /** Valid create bodies per collection, to mutate. */
  readonly templates: Readonly<Record<string, Record<string, unknown>>>;
  /** Authorization header values by kind. `valid` signs a fresh session each time. */
  readonly auth: {
    readonly valid: () => string;
    readonly worker: () => string;
    readonly expired: string;
    readonly otherSecret: string;
    readonly algNone: string;
    readonly tampered: string;
  };
  /** A JSON body just over the body limit. */
  readonly oversized: string;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One line per request, cut short: counterexamples stay readable even for a megabyte body. */
export function describeRequest(r: HostileRequest): string {
  const payload = r.payload === undefined ? '' : ` body(${r.payload.length}): ${JSON.stringify(r.payload.slice(0, 200))}`;
  const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 80)}…` : v]));
  return `${r.method} ${r.url.slice(0, 300)} [${r.flaws.join(', ')}] ${JSON.stringify(headers)}${payload}`;
}

function described(r: HostileRequest): HostileRequest {
  return Object.defineProperty(r, fc.toStringMethod, { value: () => describeRequest(r), enumerable: false });
}

/** Path segments no record has: traversal, encodings, prototype names, injection, huge, unicode. */
const ODD_SEGMENTS = [
  '..',
  '.',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows%5cwin.ini',
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E4%B8',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'undefined',
  'true',
  '%20',
  encodeURIComponent("' OR '1'='1' --"),
  encodeURIComponent('1; DROP TABLE es_events'),
  encodeURIComponent('${jndi:ldap://x}'),
  encodeURIComponent('<script>alert(1)</script>'),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  encodeURIComponent('调解'),
  encodeURIComponent('\u202e\u200b\ufeff'),
  'a'.repeat(3000),
];

const FOREIGN_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/octet-stream',
  'application/javascript',
  'image/png',
  'application/jsonp',
  'json',
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '$where', '$gt', '', ' ', 'a.b', 'a[0]', '\u0000'];

/** A value of any JSON type that a field could be sent: the hostile kinds the issue lists. */
export function hostileValue(world: FuzzWorld): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.integer({ min: -1_000_000_000, max: -1 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0.5, -0.01, 1e15 + 1, 1e16, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, -0, 10 ** 21),
    fc.constantFrom('100', '1e3', '-1', '0x10', 'NaN', 'Infinity', '', ' ', '\t', 'null', 'true'),
    fc.constantFrom('2021-02-30', '2021-13-01', '0000-00-00', '20210101', '2021-03-01T25:00:00+08:00', '2021-03-01T09:00:00', '9999-12-31T23:59:59+14:00'),
    fc.constantFrom(...world.ids),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => '长'.repeat(n)),
    fc.boolean(),
    fc.constant(null),
  );
  const key = fc.oneof(fc.constantFrom(...PROTO_KEYS.filter((k) => k !== '__proto__')), fc.string({ maxLength: 12 }));
  // Two levels of arrays and objects around the leaves (deeper bodies come from `nested`): cheap to draw, still every shape.
  const shallow = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(key, leaf, { maxKeys: 3 }));
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(shallow, { maxLength: 3 }) },
    { weight: 2, arbitrary: fc.dictionary(key, shallow, { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map(nested) },
  );
}

/** `[[[…{"a":1}…]]]`, `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = { a: 1 };
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

/** A JSON object shaped like a command body: plausible field names, hostile values, sometimes a valid template underneath. */
function dressedBody(world: FuzzWorld, collection: string | null): fc.Arbitrary<Record<string, unknown>> {
  const template = collection && world.templates[collection] ? world.templates[collection]! : {};
  return fc
    .tuple(fc.boolean(), fc.dictionary(fc.constantFrom(...world.fields), hostileValue(world), { maxKeys: 3 }))
    .map(([useTemplate, fields]) => ({ ...(useTemplate ? template : {}), ...fields }));
}

/** JSON text that does not parse (never empty: that is a flaw of its own below). */
export const brokenJson: fc.Arbitrary<string> = fc
  .oneof(
    // A proper prefix of an object's text never parses: its closing brace is missing.
    fc
      .tuple(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }), fc.nat())
      .map(([value, at]) => {
        const text = JSON.stringify(value);
        return text.slice(0, 1 + (at % (text.length - 1)));
      }),
    fc.constantFrom('{', '[', '{"a":}', '{"a" 1}', "{'a':1}", '{"a":1,}', '[1,2', 'undefined', 'NaN', '{"a":NaN}', '\u0000', '{"a":"\\x"}', '{"a":"\\u12"}', '\ufeff{"a":1}}'),
    fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + '1'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((text) => {
      if (text.trim() === '') return false;
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    }),
  );

type BodyFlaw = { flaw: string; payload: string; contentType: string | null };

/** A body with a flaw that alone refuses the request on any route that reads one. */
export function flawedBody(world: FuzzWorld, collection: string | null): fc.Arbitrary<BodyFlaw> {
  const json = 'application/json';
  const dressed = dressedBody(world, collection);
  return fc.oneof(
    { weight: 4, arbitrary: brokenJson.map((payload) => ({ flaw: 'malformed JSON', payload, contentType: json })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(dressed, fc.constantFrom('__proto__', 'constructor'), hostileValue(world))
        .map(([body, key, value]) => {
          // Written by hand: JSON.stringify never emits an own "__proto__" key.
          const poison = key === '__proto__' ? `"__proto__":${JSON.stringify({ isAdmin: true, value })}` : `"constructor":{"prototype":{"isAdmin":true}}`;
          const rest = JSON.stringify(body).slice(1, -1);
          return { flaw: `${key} key`, payload: `{${poison}${rest ? `,${rest}` : ''}}`, contentType: json };
        }),
    },
    {
      weight: 8,
      arbitrary: fc
        .tuple(dressed, fc.oneof(fc.constantFrom(...PROTO_KEYS.filter((k) => k !== '__proto__')), fc.string({ minLength: 1, maxLength: 30 })), hostileValue(world))
        .filter(([, key]) => !world.fields.includes(key))
        .map(([body, key, value]) => ({ flaw: 'undefined field', payload: JSON.stringify({ ...body, [key]: value }) ?? '{}', contentType: json })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.array(hostileValue(world), { maxLength: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 20 }), fc.boolean())
        .map((value) => ({ flaw: 'body not an object', payload: JSON.stringify(value), contentType: json })),
    },
    { weight: 1, arbitrary: fc.constant({ flaw: 'empty JSON body', payload: '', contentType: json }) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(dressed, fc.constantFrom(...FOREIGN_TYPES, null))
        .map(([body, type]) => ({ flaw: `content type ${type ?? '(none)'}`, payload: JSON.stringify(body), contentType: type })),
    },
    { weight: 1, arbitrary: fc.constant({ flaw: 'oversized body', payload: world.oversized, contentType: json }) },
  );
}

/** `Authorization` values: missing, forged, expired, another secret, alg none, tampered claims, odd schemes — or valid. */
export function authorization(world: FuzzWorld): fc.Arbitrary<{ flaw: string | null; value: string | null }> {
  const bad = (flaw: string, value: string | null) => ({ flaw, value });
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(null).map(() => ({ flaw: null, value: world.auth.valid() })) },
    { weight: 2, arbitrary: fc.constant(null).map(() => ({ flaw: 'worker token', value: world.auth.worker() })) },
    { weight: 2, arbitrary: fc.constant(bad('no token', null)) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'binary-ascii', maxLength: 200 })
        .map((s) => bad('forged token', `Bearer ${Buffer.from(s).toString('base64url')}.${Buffer.from(s).toString('base64url')}.x`)),
    },
    { weight: 1, arbitrary: fc.constant(bad('expired token', world.auth.expired)) },
    { weight: 1, arbitrary: fc.constant(bad('token of another secret', world.auth.otherSecret)) },
    { weight: 1, arbitrary: fc.constant(bad('alg none token', world.auth.algNone)) },
    { weight: 1, arbitrary: fc.constant(bad('tampered token', world.auth.tampered)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer a b', 'Bearer ..', 'Token abc', 'bearer\tx.y.z', 'Bearer ' + 'A'.repeat(8000))
        .map((v) => bad('odd authorization', v)),
    },
  );
}

/** Extra headers: broken Idempotency-Key / If-Match, a foreign Origin, odd Accept. */
export const extraHeaders: fc.Arbitrary<{ flaws: string[]; headers: Record<string, string> }> = fc
  .record(
    {
      'idempotency-key': fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '', ' ', '1', '00000000-0000-0000-0000-00000000000g', 'x'.repeat(300))),
      'if-match': fc.oneof(fc.constantFrom('"1"', 'W/"1"', '*', '"-1"', '"1.5"', '"99999999999"', 'yesterday', '""', '"1", "2"', '"' + '9'.repeat(40) + '"')),
      origin: fc.constantFrom('https://evil.example', 'null', 'file://'),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*;q=x', ''),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
    },
    { requiredKeys: [] },
  )
  .map((headers) => ({ flaws: Object.keys(headers).map((k) => `${k} header`), headers: headers as Record<string, string> }));

const QUERY_NAMES = [
  'orgUnitId',
  'from',
  'to',
  'asOf',
  'by',
  'metric',
  'on',
  'successRate',
  'recordType',
  'status',
  'open',
  'assigneeId',
  'category',
  'overdueOn',
  'sort',
  'page',
  'pageSize',
  'recordId',
  'actorId',
  'limit',
  'cursor',
  'reason',
  'fields',
  '__proto__',
  'constructor[prototype][isAdmin]',
  '__proto__[isAdmin]',
  'a[b][c]',
  '',
];

/** A query string of hostile parameters (minPosition only as garbage: a valid one ahead of the log is a legitimate 503). */
export function queryString(world: FuzzWorld): fc.Arbitrary<string> {
  const value = fc.oneof(
    hostileValue(world).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')),
    fc.constantFrom(...world.ids),
    fc.constantFrom('2021-01-01', '2021-01-01T00:00:00+08:00', 'reported', 'category', 'mediation.succeeded'),
  );
  const pair = fc.oneof(
    fc.tuple(fc.constantFrom(...QUERY_NAMES), value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    fc.constantFrom('minPosition=-1', 'minPosition=1.5', 'minPosition=x', 'minPosition=' + '9'.repeat(30), '%', '%%', '=&=&', 'a=%ZZ', '&&&'),
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

function segment(world: FuzzWorld, name: string): fc.Arbitrary<string> {
  const odd = fc.oneof(
    fc.constantFrom(...ODD_SEGMENTS),
    fc.uuid(),
    fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  );
  if (name === 'collection') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.collections) }, { weight: 1, arbitrary: odd });
  if (name === 'action') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.actions) }, { weight: 1, arbitrary: odd });
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...world.ids) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: odd });
}

/** The route's path with its parameters filled (`*` with a random tail). */
function pathOf(world: FuzzWorld, route: TableRoute): fc.Arbitrary<{ url: string; collection: string | null }> {
  const parts = route.path.split('/');
  const fills = parts.map((part) => {
    if (part.startsWith(':')) return segment(world, part.slice(1));
    if (part === '*') return fc.oneof(fc.constantFrom(...ODD_SEGMENTS), fc.array(fc.string({ maxLength: 10 }).map(encodeURIComponent), { maxLength: 4 }).map((s) => s.join('/')));
    return fc.constant(part);
  });
  return fc.tuple(...fills).map((filled) => {
    const i = parts.indexOf(':collection');
    return { url: filled.join('/') || '/', collection: i >= 0 ? filled[i]! : null };
  });
}

/**
 * One hostile request against one route of the table: its own method (or a
 * wrong one), a flawed body for any method that carries one, a hostile query
 * for reads, and hostile or valid credentials and headers.
 */
export function hostileRequest(world: FuzzWorld): fc.Arbitrary<HostileRequest> {
  // Arbitraries are built once (per route, per collection), not per request: building them costs more than drawing.
  const query = queryString(world);
  const auth = authorization(world);
  const extraOrNot = fc.option(extraHeaders, { freq: 3 });
  const wrongMethod = fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'POST');
  const bodies = new Map<string | null, fc.Arbitrary<BodyFlaw>>();
  const bodyFor = (collection: string | null) => {
    const key = collection !== null && world.collections.includes(collection) ? collection : null;
    if (!bodies.has(key)) bodies.set(key, flawedBody(world, key));
    return bodies.get(key)!;
  };
  const perRoute = (route: TableRoute) =>
    fc
      .tuple(pathOf(world, route), fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: wrongMethod }), auth, extraOrNot)
      .chain(([path, method, auth, extra]) => {
        // A live stream (Server-Sent Events: `…/live`) answers forever when its request is right: only ever send it one refused at the guard.
        const live = /\/live$/.test(route.path);
        const credentials = live && (auth.flaw === null || auth.flaw === 'worker token') ? { flaw: 'no token', value: null } : auth;
        const headers: Record<string, string> = { ...(extra?.headers ?? {}), ...(credentials.value !== null ? { authorization: credentials.value } : {}) };
        const flaws = [...(credentials.flaw ? [credentials.flaw] : []), ...(extra?.flaws ?? [])];
        if (!BODY_METHODS.has(method)) {
          return query.map((q) => described({ method, url: `${path.url}${q}`, headers, flaws }));
        }
        return bodyFor(path.collection).map((body) =>
          described({
            method,
            url: path.url,
            headers: { ...headers, ...(body.contentType !== null ? { 'content-type': body.contentType } : {}) },
            payload: body.payload,
            flaws: [...flaws, body.flaw],
          }),
        );
      });
  // The docs pages are generated content (the YAML one is slow to build): aimed at, but less often than the API.
  return fc.oneof(...world.routes.map((r) => ({ weight: r.path.startsWith('/api/docs') ? 1 : 10, arbitrary: perRoute(r) })));
}
