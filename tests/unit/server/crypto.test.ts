import { describe, expect, it } from 'vitest';
import { hashPassword, openWith, randomId, randomToken, sealWith, verifyPassword } from '../../../src/server/crypto.ts';

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

describe('randomId', () => {
  it('is a valid point id that never starts with "-" or "_", so exports need not alter it', () => {
    // With 5,000 draws a plain base64url id would start with one of them ~156 times.
    const ids = Array.from({ length: 5000 }, randomId);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/);
    expect(new Set(ids).size).toBe(5000);
  });
});
