/*
 * Static checks of the deployment files: what the code expects from its
 * environment must be what the compose files give it. No Docker needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');

/** The variables the app reads (libs/config and the secret-holding modules). */
const APP_VARIABLES = new Set([
  'EVENT_STORE_URL',
  'DATABASE_URL',
  'REDIS_URL',
  'PORT',
  'PLS_DEMO',
  'PLS_BOOTSTRAP_ADMIN',
  'PLS_TOKEN_SECRET',
  'PLS_VAULT_MASTER_KEY',
  // Behind the scale-out nginx: the sign-in rate limit counts the X-Forwarded-For address.
  'PLS_TRUST_PROXY',
]);
const SECRETS = ['PLS_TOKEN_SECRET', 'PLS_VAULT_MASTER_KEY'];
const URL_VARIABLES = ['EVENT_STORE_URL', 'DATABASE_URL', 'REDIS_URL'];

interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: string | number }>;
  expose?: Array<string | number>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  volumes?: string[];
  deploy?: { replicas?: number };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

function load(file: string): ComposeFile {
  return parse(readFileSync(join(DEPLOY, file), 'utf8')) as ComposeFile;
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Compose interpolation, enough to read hosts out of URLs: defaults applied, required values filled in. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g, (_m, _name: string, op?: string, arg?: string) =>
    op === '-' ? (arg ?? '') : 'value',
  );
}

/** Host names in a URL, including KurrentDB's comma-separated gossip list. */
function hostsOf(url: string): string[] {
  const m = /^[a-z+]+:\/\/(?:[^@/]*@)?([^/?]+)/i.exec(interpolate(url));
  if (!m) throw new Error(`not a URL: ${url}`);
  return m[1]!.split(',').map((hostPort) => hostPort.split(':')[0]!);
}

function dependencies(service: Service): Record<string, string | undefined> {
  const d = service.depends_on ?? {};
  return Array.isArray(d) ? Object.fromEntries(d.map((name) => [name, undefined])) : Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.condition]));
}

function containerPorts(service: Service): number[] {
  const published = (service.ports ?? []).map((p) =>
    typeof p === 'string' ? Number(interpolate(p).split(':').pop()!.split('/')[0]) : p.target,
  );
  return [...published, ...(service.expose ?? []).map((p) => Number(String(p).split('/')[0]))];
}

function commandOf(service: Service): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

const kurrentNodes = (file: ComposeFile) =>
  Object.entries(file.services)
    .filter(([, s]) => /kurrentdb|eventstore/i.test(s.image ?? ''))
    .map(([name]) => name)
    .sort();

describe.each([
  ['compose.server.yml', false],
  ['compose.scale-out.yml', true],
])('deploy/%s', (fileName, scaleOut) => {
  const file = load(fileName);
  const services = file.services;
  const names = new Set(Object.keys(services));

  it('has every service the code expects', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker']) expect(names).toContain(name);
    if (scaleOut) expect(kurrentNodes(file)).toHaveLength(3);
    else expect(kurrentNodes(file)).toHaveLength(0);
  });

  it.each(['api', 'worker'])('gives %s its store, database and Redis URLs, naming services of this file', (app) => {
    const env = envOf(services[app]!);
    for (const variable of URL_VARIABLES) {
      expect(env[variable]).toBeTruthy();
      for (const host of hostsOf(env[variable]!)) expect(names).toContain(host);
    }
    expect(env['EVENT_STORE_URL']).toMatch(scaleOut ? /^kurrentdb:\/\// : /^postgres:\/\//);
    expect(hostsOf(env['DATABASE_URL']!)).toEqual(['postgres']);
    expect(new URL(interpolate(env['DATABASE_URL']!)).pathname).toBe('/pls');
    expect(env['REDIS_URL']).toBe('redis://redis:6379');
    expect(env['PLS_DEMO']).toBe('off');
  });

  it.each(['api', 'worker'])('sets only variables %s reads, and takes its secrets from the environment, required', (app) => {
    const env = envOf(services[app]!);
    for (const key of Object.keys(env)) expect(APP_VARIABLES).toContain(key);
    for (const secret of SECRETS) {
      expect(env[secret]).toMatch(new RegExp(`^\\$\\{${secret}:\\?[^}]+\\}$`));
    }
  });

  it('never writes a password into the file', () => {
    const text = readFileSync(join(DEPLOY, fileName), 'utf8');
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(envOf(service))) {
        if (/PASSWORD|SECRET|KEY/.test(key)) expect(`${name}.${key}=${value}`).toMatch(/\$\{[A-Z0-9_]+:\?[^}]+\}$/);
        // A password inside a URL must come from a required variable too.
        const userinfo = /^[a-z+]+:\/\/[^:@/]+:([^@]*)@/i.exec(value);
        if (userinfo) expect(userinfo[1]).toMatch(/^\$\{[A-Z0-9_]+:\?[^}]+\}$/);
      }
    }
    expect(text).not.toMatch(/changeit|password123/i);
  });

  it('runs the api on the port it is told, published or exposed', () => {
    const api = services['api']!;
    const port = Number(envOf(api)['PORT']);
    expect(port).toBeGreaterThan(0);
    expect(containerPorts(api)).toContain(port);
    const probe = JSON.stringify(api.healthcheck?.test ?? '');
    expect(probe).toContain(`:${port}/health`);
  });

  it('keeps Redis durable and never evicting (queues live there)', () => {
    const command = commandOf(services['redis']!);
    expect(command).toMatch(/--appendonly\s+yes/);
    expect(command).toMatch(/--maxmemory-policy\s+noeviction/);
  });

  it('keeps PostgreSQL data in a declared volume', () => {
    const volume = (services['postgres']!.volumes ?? []).find((v) => v.endsWith(':/var/lib/postgresql/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(file.volumes ?? {})).toContain(volume!.split(':')[0]);
    expect(services['postgres']!.image).toMatch(/^postgres:16/);
    expect(services['redis']!.image).toMatch(/^redis:7/);
  });

  it('depends only on services of this file, waiting for them to be healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependencies(service))) {
        expect(`${name} → ${target}: ${names.has(target)}`).toBe(`${name} → ${target}: true`);
        expect(`${name} → ${target}: ${condition}`).toBe(`${name} → ${target}: service_healthy`);
        expect(services[target]!.healthcheck?.test).toBeDefined();
      }
    }
    for (const app of ['api', 'worker']) {
      const deps = Object.keys(dependencies(services[app]!));
      expect(deps).toEqual(expect.arrayContaining(['postgres', 'redis', ...(scaleOut ? kurrentNodes(file) : [])]));
    }
  });

  it.each(['api', 'worker'])('builds %s from deploy/Dockerfile, a stage that starts that process', (app) => {
    const build = services[app]!.build!;
    expect(build.context).toBe('..');
    expect(build.dockerfile).toBe('deploy/Dockerfile');
    const dockerfile = readFileSync(join(ROOT, build.dockerfile!), 'utf8');
    const stage = new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${build.target}\\s*$([\\s\\S]*?)(?=^FROM\\s|(?![\\s\\S]))`, 'mi').exec(dockerfile);
    expect(stage).not.toBeNull();
    expect(stage![1]).toContain(`"dist/apps/${app}/src/main.js"`);
  });

  if (scaleOut) {
    it('runs a 3-node KurrentDB cluster whose gossip seeds name each other', () => {
      const nodes = kurrentNodes(file);
      for (const node of nodes) {
        const env = envOf(services[node]!);
        expect(env['KURRENTDB_CLUSTER_SIZE']).toBe('3');
        expect(env['KURRENTDB_DISCOVER_VIA_DNS']).toBe('false');
        const seeds = env['KURRENTDB_GOSSIP_SEED']!.split(',').map((s) => s.trim());
        for (const seed of seeds) expect(seed).toMatch(/^[a-z0-9-]+:2113$/);
        const seedHosts = seeds.map((s) => s.split(':')[0]!);
        expect(seedHosts).not.toContain(node);
        expect([...seedHosts, node].sort()).toEqual(nodes);
        const dataVolume = (services[node]!.volumes ?? []).find((v) => v.endsWith(':/var/lib/kurrentdb'));
        expect(Object.keys(file.volumes ?? {})).toContain(dataVolume?.split(':')[0]);
      }
      const volumes = nodes.map((n) => services[n]!.volumes![0]!.split(':')[0]);
      expect(new Set(volumes).size).toBe(3);
    });

    it.each(['api', 'worker'])('points %s at every KurrentDB node', (app) => {
      const url = envOf(services[app]!)['EVENT_STORE_URL']!;
      expect(hostsOf(url).sort()).toEqual(kurrentNodes(file));
      expect(url).toMatch(/:2113,/);
      expect(url).toContain('tls=false'); // the cluster runs KURRENTDB_INSECURE
      for (const node of kurrentNodes(file)) expect(envOf(services[node]!)['KURRENTDB_INSECURE']).toBe('true');
    });

    it('runs several api replicas behind a proxy that reaches them by service name', () => {
      expect(services['api']!.deploy?.replicas).toBeGreaterThan(1);
      // Replicas cannot share a published host port.
      expect(services['api']!.ports ?? []).toHaveLength(0);
      const proxy = services['proxy']!;
      const mount = (proxy.volumes ?? []).find((v) => v.includes('/etc/nginx/'))!;
      const conf = readFileSync(join(DEPLOY, mount.split(':')[0]!), 'utf8');
      expect(conf).toContain(`http://api:${envOf(services['api']!)['PORT']}`);
      expect(conf).toMatch(/proxy_buffering\s+off/); // server-sent events
    });
  }
});

describe('deploy/Dockerfile', () => {
  const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');

  it('builds with npm ci and npm run build on node 20 and runs what `npm start` runs', () => {
    expect(dockerfile).toMatch(/^FROM node:20\S* AS build$/m);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const started = /node (\S+)/.exec(pkg.scripts['start']!)![1];
    expect(dockerfile).toContain(`"${started}"`);
    expect(pkg.scripts['build']).toBeDefined();
  });

  it('has an ignore file next to it that keeps local data and dependencies out of the context', () => {
    expect(existsSync(join(DEPLOY, 'Dockerfile.dockerignore'))).toBe(true);
    const ignore = readFileSync(join(DEPLOY, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', 'data', '.git']));
  });
});
