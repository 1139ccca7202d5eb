import { LoginRateLimiter } from './login-rate-limit';

describe('LoginRateLimiter', () => {
  it('lets `perMinute` attempts through per address, then says how long to wait', () => {
    const limiter = new LoginRateLimiter(3);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1', t0))).toEqual([null, null, null]);
    expect(limiter.take('10.0.0.1', t0 + 1_000)).toBe(59);
    expect(limiter.take('10.0.0.2', t0 + 1_000)).toBeNull();
    expect(limiter.take('10.0.0.1', t0 + 60_000)).toBeNull();
  });
});
