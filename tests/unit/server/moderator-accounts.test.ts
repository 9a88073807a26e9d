import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';
import { AuthStore } from '../../../src/server/db/auth.ts';
import { setModeratorPassword } from '../../../src/server/moderator-accounts.ts';

describe('setModeratorPassword', () => {
  it('creates a login, then replaces its password and ends its sessions', async () => {
    const db = openDb(':memory:');
    expect(await setModeratorPassword(db, 'ola', 'pierwsze-haslo')).toBe('created');
    const store = new AuthStore(db);
    const mod = store.findModerator('ola')!;
    store.createSession('h', mod.id, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z');
    expect(await setModeratorPassword(db, 'ola', 'drugie-haslo!')).toBe('updated');
    expect(store.sessionLogin('h', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    expect(store.findModerator('ola')!.passwordHash).not.toBe(mod.passwordHash);
  });

  it('refuses passwords under 10 characters and odd logins', async () => {
    const db = openDb(':memory:');
    await expect(setModeratorPassword(db, 'ola', 'krotkie')).rejects.toThrow(/at least 10/);
    await expect(setModeratorPassword(db, 'o la', 'dlugie-haslo')).rejects.toThrow(/login/);
  });
});
