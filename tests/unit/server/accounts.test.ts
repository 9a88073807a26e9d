import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db/open.ts';
import { sqliteStore } from '../../../src/server/db/store.ts';
import { setAccount, setModeratorPassword } from '../../../src/server/accounts.ts';

describe('setModeratorPassword', () => {
  it('creates a login, then replaces its password and ends its sessions', async () => {
    const auth = sqliteStore(openDb(':memory:')).auth;
    expect(await setModeratorPassword(auth, 'ola', 'pierwsze-haslo')).toBe('created');
    const mod = (await auth.findAccount('ola'))!;
    expect(mod.role).toBe('moderator');
    await auth.createSession('h', mod.id, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z');
    expect(await setModeratorPassword(auth, 'ola', 'drugie-haslo!')).toBe('updated');
    expect(await auth.sessionAccount('h', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    expect((await auth.findAccount('ola'))!.passwordHash).not.toBe(mod.passwordHash);
  });

  it('refuses passwords under 10 characters and odd logins', async () => {
    const auth = sqliteStore(openDb(':memory:')).auth;
    await expect(setModeratorPassword(auth, 'ola', 'krotkie')).rejects.toThrow(/at least 10/);
    await expect(setModeratorPassword(auth, 'o la', 'dlugie-haslo')).rejects.toThrow(/login/);
  });
});

describe('setAccount', () => {
  const password = 'dlugie-haslo-123';

  it('ties an ambassador to one subarea and keeps the e-mail for notices', async () => {
    const auth = sqliteStore(openDb(':memory:')).auth;
    await setAccount(auth, {
      login: 'fablab',
      password,
      role: 'ambassador',
      subarea: 'kazimierz-stradom',
      email: 'a@example.org',
    });
    const a = (await auth.findAccount('fablab'))!;
    expect([a.role, a.subarea, a.email]).toEqual(['ambassador', 'kazimierz-stradom', 'a@example.org']);
    expect(await auth.ambassadorEmails('kazimierz-stradom')).toEqual(['a@example.org']);
    expect(await auth.ambassadorEmails('grzegorzki-wesola')).toEqual([]);
  });

  it('refuses an ambassador without a known subarea and a subarea for other roles', async () => {
    const auth = sqliteStore(openDb(':memory:')).auth;
    await expect(setAccount(auth, { login: 'x1', password, role: 'ambassador' })).rejects.toThrow(/--subarea/);
    await expect(setAccount(auth, { login: 'x1', password, role: 'ambassador', subarea: 'podgorze' })).rejects.toThrow(
      /kazimierz-stradom/,
    );
    await expect(
      setAccount(auth, { login: 'x1', password, role: 'admin', subarea: 'kazimierz-stradom' }),
    ).rejects.toThrow(/only for ambassadors/);
    await expect(setAccount(auth, { login: 'x1', password, role: 'admin', email: 'nie-mail' })).rejects.toThrow(
      /e-mail/,
    );
  });

  it('running it again changes the role and ends the sessions of the old role', async () => {
    const auth = sqliteStore(openDb(':memory:')).auth;
    await setAccount(auth, { login: 'ewa', password, role: 'ambassador', subarea: 'stara-nowa-huta' });
    await auth.createSession(
      'h',
      (await auth.findAccount('ewa'))!.id,
      '2026-01-01T00:00:00.000Z',
      '2999-01-01T00:00:00.000Z',
    );
    expect(await setAccount(auth, { login: 'ewa', password, role: 'admin' })).toBe('updated');
    expect(await auth.sessionAccount('h', '2026-01-02T00:00:00.000Z')).toBeUndefined();
    expect(await auth.findAccount('ewa')).toMatchObject({ role: 'admin', subarea: null, email: null });
  });
});
