import { describe, expect, it } from 'vitest';
import { prefetchMapNow } from '../../../src/client/map-start.ts';

describe('asking for the map’s code before the page has started', () => {
  it('a wide screen on the main page asks at once', () => {
    expect(prefetchMapNow({ pathname: '/', search: '' }, true)).toBe(true);
    expect(prefetchMapNow({ pathname: '/', search: '?subarea=kazimierz-stradom&tab=walk' }, true)).toBe(true);
  });

  it('a phone waits for the first touch', () => {
    expect(prefetchMapNow({ pathname: '/', search: '' }, false)).toBe(false);
  });

  it('the list view and the other pages do not ask: they may never draw the main map', () => {
    expect(prefetchMapNow({ pathname: '/', search: '?view=list' }, true)).toBe(false);
    for (const pathname of ['/moderacja', '/prezentacja', '/spacer', '/o-mapie'])
      expect(prefetchMapNow({ pathname, search: '' }, true)).toBe(false);
  });
});
