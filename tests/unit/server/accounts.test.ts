import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';
import { AuthStore } from '../../../src/server/db/auth.ts';
import { setAccount, setModeratorPassword } from '../../../src/server/accounts.ts';

describe('setModeratorPassword', () => {
  it('creates a login, then replaces its password and ends its sessions', async () => {
    const db = openDb(':memory:');
    expect(await setModeratorPassword(db, 'ola', 'pierwsze-haslo')).toBe('created');
    const store = new AuthStore(db);
    const mod = store.findAccount('ola')!;
    expect(mod.role).toBe('moderator');
    store.createSession('h', mod.id, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z');
    expect(await setModeratorPassword(db, 'ola', 'drugie-haslo!')).toBe('updated');
    expect(store.sessionAccount('h', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    expect(store.findAccount('ola')!.passwordHash).not.toBe(mod.passwordHash);
  });

  it('refuses passwords under 10 characters and odd logins', async () => {
    const db = openDb(':memory:');
    await expect(setModeratorPassword(db, 'ola', 'krotkie')).rejects.toThrow(/at least 10/);
    await expect(setModeratorPassword(db, 'o la', 'dlugie-haslo')).rejects.toThrow(/login/);
  });
});

describe('setAccount', () => {
  const password = 'dlugie-haslo-123';

  it('ties an ambassador to one subarea and keeps the e-mail for notices', async () => {
    const db = openDb(':memory:');
    await setAccount(db, {
      login: 'fablab',
      password,
      role: 'ambassador',
      subarea: 'kazimierz-stradom',
      email: 'a@example.org',
    });
    const a = new AuthStore(db).findAccount('fablab')!;
    expect([a.role, a.subarea, a.email]).toEqual(['ambassador', 'kazimierz-stradom', 'a@example.org']);
    expect(new AuthStore(db).ambassadorEmails('kazimierz-stradom')).toEqual(['a@example.org']);
    expect(new AuthStore(db).ambassadorEmails('grzegorzki-wesola')).toEqual([]);
  });

  it('refuses an ambassador without a known subarea and a subarea for other roles', async () => {
    const db = openDb(':memory:');
    await expect(setAccount(db, { login: 'x1', password, role: 'ambassador' })).rejects.toThrow(/--subarea/);
    await expect(setAccount(db, { login: 'x1', password, role: 'ambassador', subarea: 'podgorze' })).rejects.toThrow(
      /kazimierz-stradom/,
    );
    await expect(
      setAccount(db, { login: 'x1', password, role: 'admin', subarea: 'kazimierz-stradom' }),
    ).rejects.toThrow(/only for ambassadors/);
    await expect(setAccount(db, { login: 'x1', password, role: 'admin', email: 'nie-mail' })).rejects.toThrow(/e-mail/);
  });

  it('running it again changes the role and ends the sessions of the old role', async () => {
    const db = openDb(':memory:');
    const store = new AuthStore(db);
    await setAccount(db, { login: 'ewa', password, role: 'ambassador', subarea: 'stara-nowa-huta' });
    store.createSession('h', store.findAccount('ewa')!.id, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z');
    expect(await setAccount(db, { login: 'ewa', password, role: 'admin' })).toBe('updated');
    expect(store.sessionAccount('h', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    expect(store.findAccount('ewa')).toMatchObject({ role: 'admin', subarea: null, email: null });
  });
});
