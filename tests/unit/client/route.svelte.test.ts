import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route } from '../../../src/client/state/route.svelte.ts';
import { SESSION_CODE_ALPHABET, SESSION_CODE_LENGTH } from '../../../src/common/sessions.ts';

/** A browser's address bar and history, enough for Route: pushState adds an entry, back() fires popstate. */
function browserAt(href: string) {
  const entries = [new URL(href)];
  let index = 0;
  const win = new EventTarget();
  const location = {
    get href() {
      return entries[index]!.href;
    },
    get hash() {
      return entries[index]!.hash;
    },
  };
  const history = {
    pushState(_state: unknown, _title: string, url: URL | string) {
      entries.splice(index + 1, Infinity, new URL(url, entries[index]));
      index++;
    },
    back() {
      index--;
      win.dispatchEvent(new Event('popstate'));
    },
  };
  vi.stubGlobal('window', Object.assign(win, { location }));
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  return { history, entries: () => entries.length, address: () => location.href.replace('https://mapa.example', '') };
}

const CODE = SESSION_CODE_ALPHABET.slice(0, SESSION_CODE_LENGTH);

describe('Route', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the subarea, view, tab, walk session and activity from the address', () => {
    browserAt(`https://mapa.example/?subarea=kazimierz-stradom&view=list&tab=walk&sesja=${CODE}&activity=spacer-0001`);
    const route = new Route();
    expect([route.subarea, route.view, route.tab, route.session, route.activity]).toEqual([
      'kazimierz-stradom',
      'list',
      'walk',
      CODE,
      'spacer-0001',
    ]);
    expect(route.edit).toBeNull();
  });

  it('falls back to the defaults for what a hand-edited address gets wrong', () => {
    browserAt('https://mapa.example/?subarea=wawel&view=3d&tab=chat&sesja=%3Cb%3E&activity=x');
    const route = new Route();
    expect([route.subarea, route.view, route.tab, route.session, route.activity]).toEqual([
      null,
      'map',
      'subareas',
      null,
      null,
    ]);
  });

  it('opens an edit link only with its token, which stays in the fragment', () => {
    browserAt('https://mapa.example/?tab=help&edit=point-0001#token=secret-token');
    expect(new Route().edit).toEqual({ id: 'point-0001', token: 'secret-token' });
    browserAt('https://mapa.example/?tab=help&edit=point-0001');
    expect(new Route().edit).toBeNull();
  });

  it('writes each choice into the address as a new history entry, leaving the defaults out', () => {
    const browser = browserAt('https://mapa.example/');
    const route = new Route();
    route.select('grzegorzki-wesola');
    expect(browser.address()).toBe('/?subarea=grzegorzki-wesola');
    route.show('list');
    route.open('help');
    expect(browser.address()).toBe('/?subarea=grzegorzki-wesola&view=list&tab=help');
    route.show('map');
    route.open('subareas');
    route.select(null);
    expect(browser.address()).toBe('/');
    expect(browser.entries()).toBe(7);
    route.select(null);
    expect(browser.entries(), 'no entry when nothing changed').toBe(7);
  });

  it('keeps the walk session in the address whatever else changes', () => {
    const browser = browserAt(`https://mapa.example/?sesja=${CODE}`);
    const route = new Route();
    route.open('walk');
    route.select('stara-nowa-huta');
    expect(browser.address()).toBe(`/?sesja=${CODE}&tab=walk&subarea=stara-nowa-huta`);
  });

  it('leaving the edit screen drops the edit id and the token from the address', () => {
    const browser = browserAt('https://mapa.example/?tab=walk&edit=point-0001#token=secret-token');
    const route = new Route();
    route.closeEdit();
    expect(route.edit).toBeNull();
    expect(browser.address()).toBe('/?tab=walk');
  });

  it('opening another tab leaves the edit screen too', () => {
    const browser = browserAt('https://mapa.example/?tab=walk&edit=point-0001#token=secret-token');
    const route = new Route();
    route.open('help');
    expect(route.edit).toBeNull();
    expect(browser.address()).toBe('/?tab=help');
  });

  it("opening an activity's card shows the subareas tab, where cards live", () => {
    const browser = browserAt('https://mapa.example/?tab=help');
    const route = new Route();
    route.openActivity('spacer-0001');
    expect(browser.address()).toBe('/?activity=spacer-0001');
    route.openActivity(null);
    expect(browser.address()).toBe('/');
  });

  it('follows the back button while listening, and stops when cleaned up', () => {
    const browser = browserAt('https://mapa.example/');
    const route = new Route();
    const stop = route.listen();
    route.select('kazimierz-stradom');
    route.select('stara-nowa-huta');
    browser.history.back();
    expect(route.subarea).toBe('kazimierz-stradom');
    stop();
    browser.history.back();
    expect(route.subarea).toBe('kazimierz-stradom');
  });

  it('without an address (the page rendered at build time) shows the defaults', () => {
    vi.stubGlobal('location', undefined);
    const route = new Route();
    expect([route.subarea, route.view, route.tab, route.session, route.activity, route.edit]).toEqual([
      null,
      'map',
      'subareas',
      null,
      null,
      null,
    ]);
  });
});
