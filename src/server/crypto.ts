import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: edit tokens and session tokens (≥128 bits). */
export const randomToken = () => randomBytes(32).toString('base64url');
/**
 * 12 random bytes: point ids that do not reveal how many points exist. Drawn again when the first character would
 * be "-" or "_" (1 in 32): a spreadsheet runs a cell starting with "-" as a formula, so the CSV export would have to
 * put an apostrophe before such an id, and the exported id would no longer match the map's.
 */
export function randomId(): string {
  for (;;) {
    const id = randomBytes(12).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Compares two hex digests without leaking where they differ. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

// scrypt N=2^15, r=8, p=1: ~50–100 ms per check, OWASP's minimum; maxmem must exceed 128·N·r = 32 MiB.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, params: typeof SCRYPT): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, params, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** "scrypt$N$r$p$salt$hash": parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * AES-256-GCM under a key derived from a secret the server does not keep (the client's Idempotency-Key):
 * whoever reads the database alone cannot recover what was encrypted.
 */
export function sealWith(secret: string, plain: string): string {
  const key = createHash('sha256').update(`mapa-idempotency-v1:${secret}`).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function openWith(secret: string, sealed: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((s) => Buffer.from(s, 'base64url'));
  if (!iv || !tag || !body) return null;
  const key = createHash('sha256').update(`mapa-idempotency-v1:${secret}`).digest();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null; // wrong key or tampered row: treated as "cannot replay"
  }
}
