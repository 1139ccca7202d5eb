/** Signing in for specs that build the API themselves (outside the harness). */

/** The admin those specs create through `PLS_BOOTSTRAP_ADMIN`. */
export const SPEC_ADMIN = { username: 'spec.admin', password: 'spec-admin-password' } as const;
export const SPEC_ADMIN_ENV = `${SPEC_ADMIN.username}:${SPEC_ADMIN.password}`;

interface Injector {
  inject(options: { method: 'POST'; url: string; payload: object }): Promise<{ statusCode: number; json(): any; body: string }>;
}

/** `Bearer <accessToken>` for the user, signing in through Fastify's inject. */
export async function signInByInject(fastify: Injector, user: { username: string; password: string } = SPEC_ADMIN): Promise<string> {
  const res = await fastify.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${user.username} failed: ${res.statusCode} ${res.body}`);
  return `Bearer ${res.json().accessToken as string}`;
}

/** `Bearer <accessToken>` for the user, signing in over HTTP at `base`. */
export async function signInByHttp(base: string, user: { username: string; password: string } = SPEC_ADMIN): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${user.username} failed: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}
