/** What the global setup found; integration specs choose `describe` or a skip from it. */
export const postgresUrl: string | undefined = process.env.PLS_TEST_PG_URL;
export const redisUrl: string | undefined = process.env.PLS_TEST_REDIS_URL;
export const kurrentUrl: string | undefined = process.env.KURRENTDB_URL;

/** `describe` when PostgreSQL answered in the global setup, otherwise a reported skip. */
export const describeWithPostgres: jest.Describe = postgresUrl ? describe : describe.skip;
export const describeWithRedis: jest.Describe = redisUrl ? describe : describe.skip;
export const describeWithKurrent: jest.Describe = kurrentUrl ? describe : describe.skip;
