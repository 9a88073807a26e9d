import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_LIMITS } from '../../../src/server/config.ts';

describe('configFromEnv', () => {
  it('uses the documented defaults', () => {
    const c = configFromEnv({});
    expect(c.limits).toEqual(DEFAULT_LIMITS);
    expect(c.limits.sessionTtlMs).toBe(12 * 3_600_000);
    expect(c.trustProxy).toBe(false);
  });

  it('reads rate limits, body cap and session lifetime', () => {
    const c = configFromEnv({ RATE_LIMIT_WRITES: '5', RATE_LIMIT_VOTES: '6', RATE_LIMIT_LOGINS: '7', MAX_BODY_BYTES: '1000', SESSION_TTL_HOURS: '2', TRUST_PROXY: '1' });
    expect(c.limits).toMatchObject({ writes: { max: 5 }, votes: { max: 6 }, logins: { max: 7 }, bodyBytes: 1000, sessionTtlMs: 7_200_000 });
    expect(c.trustProxy).toBe(true);
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => configFromEnv({ RATE_LIMIT_WRITES: 'lots' })).toThrow(/RATE_LIMIT_WRITES/);
  });
});
