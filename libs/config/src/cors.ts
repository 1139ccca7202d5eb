import { ConfigError } from './config';

/**
 * `PLS_CORS_ORIGINS`: the browser origins, besides the API's own, allowed to
 * call it (`https://desk.example.gov.cn,https://m.example.gov.cn`). Empty by
 * default: same-origin only, no `Access-Control-Allow-Origin` for anyone else.
 * `*` is refused — the API answers with personal data and bearer tokens.
 */
export function loadCorsOrigins(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return [];
  const origins = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    if (parsed === null || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError('PLS_CORS_ORIGINS', `"${origin}" is not an origin (scheme://host[:port], no path; "*" is not allowed)`);
    }
  }
  return [...new Set(origins)];
}
