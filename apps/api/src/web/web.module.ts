import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { findWebRoot } from './web-root';

/** Paths the API owns: an unknown one there is the API's 404, never the web page. */
const API_PATHS = /^\/(api|health)(\/|$)/;
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>pls-desk</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.6">
<h1>公共法律服务工作台</h1><p>网页界面尚未构建。请在仓库根目录运行 <code>npm run build:web</code>（<code>npm ci</code> 会自动构建）。</p>
<p>The web UI is not built yet: run <code>npm run build:web</code> (<code>npm ci</code> builds it).</p>
<p>API: <a href="/api/docs">/api/docs</a> · <a href="/health">/health</a></p></body></html>`;

/**
 * Serves the built web UI (apps/web/dist) at `/`: files as they are (hashed
 * assets cached for a year, index.html never), and index.html for any other
 * GET outside /api and /health, so the browser app's own routes
 * (/operator, /records/…) survive a reload.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('web');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.route !== 'function') return;
    const root = findWebRoot();
    const built = root !== null && existsSync(join(root, 'index.html'));
    if (!built) this.logger.warn('the web UI is not built (npm run build:web); / answers a short notice');
    // Not awaited: loading the plugin now would boot Fastify before Nest has set its error handler,
    // and body-parsing errors (400 malformed JSON, 413, 415) would skip the problem+json filter.
    if (built) void fastify.register(fastifyStatic, { root: root!, serve: false });

    fastify.route({
      method: ['GET', 'HEAD'],
      url: '/*',
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const path = decodePath(request.url.split('?')[0] ?? '/');
        if (path === null) return reply.callNotFound();
        if (API_PATHS.test(path)) return reply.callNotFound();
        if (!built) return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(NOT_BUILT);
        const file = path.replace(/^\/+/, '');
        if (file && isFileInside(root!, file)) {
          const hashed = file.startsWith('assets/');
          return reply.sendFile(file, { maxAge: hashed ? ONE_YEAR_MS : 0, immutable: hashed, cacheControl: true });
        }
        // A missing hashed file is a 404 (an old page asking for an asset a newer build replaced), not the app.
        if (file.startsWith('assets/')) return reply.callNotFound();
        // A page of the browser app: the app itself decides what to show.
        reply.header('Cache-Control', 'no-cache');
        return reply.sendFile('index.html', { cacheControl: false });
      },
    });
  }
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** A regular file under root, the path never leaving it (no `..`, no absolute paths). */
function isFileInside(root: string, relative: string): boolean {
  const target = normalize(join(root, relative));
  if (!target.startsWith(normalize(root) + sep)) return false;
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}
