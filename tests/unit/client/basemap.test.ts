import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { chooseBasemap, offlineStyle } from '../../../src/client/map/basemap.ts';

const ORIGIN = 'http://127.0.0.1:4173';
const ONLINE = 'https://tiles.openfreemap.org/styles/positron';
const sourceUrls = (style: StyleSpecification | string) =>
  typeof style === 'string'
    ? [style]
    : Object.values(style.sources).map((s) => ('url' in s ? s.url : 'data' in s ? s.data : undefined));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('chooseBasemap', () => {
  it('prefers the local PMTiles extract and never asks for the online style', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const choice = await chooseBasemap(
      { basemapStyleUrl: ONLINE, basemap: { pmtiles: '/api/basemap/krakow.pmtiles' } },
      ORIGIN,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(choice).toMatchObject({ offline: true, failed: false });
    expect(sourceUrls(choice.style)).toEqual([`pmtiles://${ORIGIN}/api/basemap/krakow.pmtiles`]);
  });

  it('uses the online style when there is no extract and it answers', async () => {
    const online = { version: 8, sources: {}, layers: [] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(online))),
    );
    const choice = await chooseBasemap({ basemapStyleUrl: ONLINE, basemap: { pmtiles: null } }, ORIGIN);
    expect(choice).toEqual({ style: online, offline: false, failed: false });
  });

  it('falls back to the plain offline style when the online one fails, and says so', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('down', { status: 503 })),
    );
    const choice = await chooseBasemap({ basemapStyleUrl: ONLINE, basemap: { pmtiles: null } }, ORIGIN);
    expect(choice).toMatchObject({ offline: true, failed: true });
    expect(sourceUrls(choice.style)).toEqual([`${ORIGIN}/api/context/vistula.geojson`, `${ORIGIN}/api/places`]);
  });

  it('uses the plain offline style without asking anyone when nothing is configured', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const choice = await chooseBasemap({ basemapStyleUrl: null, basemap: { pmtiles: null } }, ORIGIN);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(choice).toMatchObject({ offline: true, failed: false });
  });
});

describe('offlineStyle', () => {
  it('is a valid style that labels the landmarks from the places list, so a map without streets still says where one is', () => {
    const style = offlineStyle(ORIGIN);
    expect(validateStyleMin(style)).toEqual([]);
    const label = style.layers.find((l) => l.id === 'places-label');
    expect(label).toMatchObject({ type: 'symbol', source: 'places', layout: { 'text-field': ['get', 'name'] } });
    expect(style.sources['places']).toEqual({ type: 'geojson', data: `${ORIGIN}/api/places` });
  });
});
