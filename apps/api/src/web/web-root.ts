import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the built web UI is: `PLS_WEB_DIR` if set, else `apps/web/dist` of
 * the checkout this code runs from (found by walking up from this file, so
 * it works from `dist/apps/api/…` and from the sources under test alike).
 */
export function findWebRoot(start: string = __dirname, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env['PLS_WEB_DIR']) return resolve(env['PLS_WEB_DIR']);
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(dir, 'apps', 'web')) && existsSync(join(dir, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
