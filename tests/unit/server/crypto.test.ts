import { describe, expect, it } from 'vitest';
import { hashPassword, openWith, randomToken, sealWith, verifyPassword } from '../../../src/server/crypto.ts';

describe('sealWith / openWith', () => {
  it('opens only with the same secret', () => {
    const sealed = sealWith('key-aaaaaaaaaaaaaaaa', 'token');
    expect(sealed).not.toContain('token');
    expect(openWith('key-aaaaaaaaaaaaaaaa', sealed)).toBe('token');
    expect(openWith('key-bbbbbbbbbbbbbbbb', sealed)).toBeNull();
    expect(openWith('key-aaaaaaaaaaaaaaaa', 'garbage')).toBeNull();
  });
});

describe('passwords', () => {
  it('verify against their scrypt hash and not against another password', async () => {
    const hash = await hashPassword('zażółć gęślą');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('zażółć gęślą', hash)).toBe(true);
    expect(await verifyPassword('zazolc gesla', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('randomToken', () => {
  it('carries 256 bits and never repeats', () => {
    const tokens = new Set(Array.from({ length: 1000 }, randomToken));
    expect(tokens.size).toBe(1000);
    expect(Buffer.from([...tokens][0]!, 'base64url')).toHaveLength(32);
  });
});
