import { ConfigError, DEFAULT_TIME_LIMITS, loadConfig, sqlitePath } from './config';

describe('loadConfig', () => {
  it('defaults to embedded mode on SQLite with demo data and in-process jobs', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      eventStoreKind: 'sqlite',
      databaseKind: 'sqlite',
      databaseUrl: 'sqlite:./data/pls.read.db',
      redisUrl: null,
      port: 3000,
      demo: true,
      mode: 'embedded',
    });
    expect(sqlitePath(c.eventStoreUrl)).toBe('./data/pls.db');
  });

  it('reads server mode from PostgreSQL and Redis URLs, demo off by default', () => {
    const c = loadConfig({
      EVENT_STORE_URL: 'postgres://pg/pls',
      DATABASE_URL: 'postgresql://pg/pls',
      REDIS_URL: 'redis://r:6379',
      PORT: '8080',
    });
    expect(c).toMatchObject({ eventStoreKind: 'postgres', databaseKind: 'postgres', port: 8080, demo: false, mode: 'server' });
  });

  it('needs DATABASE_URL when the log is in KurrentDB', () => {
    expect(() => loadConfig({ EVENT_STORE_URL: 'kurrentdb://a:2113' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ EVENT_STORE_URL: 'esdb://a:2113?tls=false', DATABASE_URL: 'postgres://p/db' }).mode).toBe('scale-out');
  });

  it.each([
    [{ EVENT_STORE_URL: 'mysql://x/y' }, 'EVENT_STORE_URL'],
    [{ EVENT_STORE_URL: 'nonsense' }, 'EVENT_STORE_URL'],
    [{ DATABASE_URL: 'kurrentdb://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PLS_DEMO: 'maybe' }, 'PLS_DEMO'],
    [{ PLS_BOOTSTRAP_ADMIN: 'nopassword' }, 'PLS_BOOTSTRAP_ADMIN'],
    [{ PLS_ASSIGN_WORKING_DAYS: '0' }, 'PLS_ASSIGN_WORKING_DAYS'],
    [{ PLS_URGENT_ASSIGN_HOURS: '1.5' }, 'PLS_URGENT_ASSIGN_HOURS'],
    [{ PLS_REPLY_WORKING_DAYS: 'five' }, 'PLS_REPLY_WORKING_DAYS'],
    [{ PLS_REPLY_WORKING_DAYS: '10', PLS_MAX_REPLY_WORKING_DAYS: '8' }, 'PLS_MAX_REPLY_WORKING_DAYS'],
    [{ PLS_FOLLOW_UP_WORKING_DAYS: '-1' }, 'PLS_FOLLOW_UP_WORKING_DAYS'],
    [{ PLS_CALLBACK_WORKING_DAYS: '1e1' }, 'PLS_CALLBACK_WORKING_DAYS'],
    [{ PLS_MEDIATION_DUE_DAYS: '366' }, 'PLS_MEDIATION_DUE_DAYS'],
    [{ PLS_VISIT_SAMPLE_RATE: '1.2' }, 'PLS_VISIT_SAMPLE_RATE'],
    [{ PLS_VISIT_SAMPLE_RATE: '120%' }, 'PLS_VISIT_SAMPLE_RATE'],
    [{ PLS_VISIT_SAMPLE_RATE: 'some' }, 'PLS_VISIT_SAMPLE_RATE'],
    [{ PLS_VISIT_WORKING_DAYS: '0' }, 'PLS_VISIT_WORKING_DAYS'],
  ])('refuses %j naming %s', (env, variable) => {
    try {
      loadConfig(env);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('passes the vault master key through, absent when unset', () => {
    expect(loadConfig({}).vaultMasterKey).toBeUndefined();
    expect(loadConfig({ PLS_VAULT_MASTER_KEY: 'k1:abc' }).vaultMasterKey).toBe('k1:abc');
  });

  it('parses the bootstrap admin, keeping colons in the password', () => {
    expect(loadConfig({ PLS_BOOTSTRAP_ADMIN: 'root:a:b' }).bootstrapAdmin).toEqual({ username: 'root', password: 'a:b' });
  });

  it('reads every time limit from the environment, defaults when unset', () => {
    expect(loadConfig({}).timeLimits).toEqual(DEFAULT_TIME_LIMITS);
    expect(DEFAULT_TIME_LIMITS).toMatchObject({
      assignWorkingDays: 1,
      urgentAssignHours: 1,
      replyWorkingDays: 5,
      maxReplyWorkingDays: 15,
      followUpWorkingDays: 1,
      callbackWorkingDays: 0,
      mediationDueDays: 30,
    });
    expect(
      loadConfig({
        PLS_ASSIGN_WORKING_DAYS: '2',
        PLS_URGENT_ASSIGN_HOURS: '4',
        PLS_REPLY_WORKING_DAYS: '7',
        PLS_MAX_REPLY_WORKING_DAYS: '20',
        PLS_FOLLOW_UP_WORKING_DAYS: '3',
        PLS_CALLBACK_WORKING_DAYS: '1',
        PLS_MEDIATION_DUE_DAYS: '45',
        PLS_VISIT_SAMPLE_RATE: '35%',
        PLS_VISIT_WORKING_DAYS: '5',
      }).timeLimits,
    ).toEqual({
      assignWorkingDays: 2,
      urgentAssignHours: 4,
      replyWorkingDays: 7,
      maxReplyWorkingDays: 20,
      followUpWorkingDays: 3,
      callbackWorkingDays: 1,
      mediationDueDays: 45,
      visitSampleRate: 0.35,
      visitWorkingDays: 5,
    });
    expect(loadConfig({ PLS_VISIT_SAMPLE_RATE: '0' }).timeLimits.visitSampleRate).toBe(0);
    expect(loadConfig({ PLS_VISIT_SAMPLE_RATE: '1' }).timeLimits.visitSampleRate).toBe(1);
  });
});

describe('PLS_RETENTION_YEARS', () => {
  const base = { EVENT_STORE_URL: 'sqlite:./data/pls.db' };
  it('is unset by default (the vault then keeps 3 years), a whole number of years 0-100 when set', () => {
    expect(loadConfig(base).retentionYears).toBeUndefined();
    expect(loadConfig({ ...base, PLS_RETENTION_YEARS: '0' }).retentionYears).toBe(0);
    expect(loadConfig({ ...base, PLS_RETENTION_YEARS: ' 10 ' }).retentionYears).toBe(10);
    for (const bad of ['-1', '2.5', 'ten', '101']) expect(() => loadConfig({ ...base, PLS_RETENTION_YEARS: bad })).toThrow(/^PLS_RETENTION_YEARS: /);
  });
});
