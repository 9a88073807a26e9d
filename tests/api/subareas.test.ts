import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { freshStore } from './helpers.ts';
import { SubareaCollection } from '../../src/common/subareas.ts';

const freshApp = () => createApp(freshStore().store, { basemapStyleUrl: null });

describe('GET /api/health', () => {
  it('answers ok when the database answers', async () => {
    const res = await freshApp().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 503 when the database is closed', async () => {
    const { store } = freshStore();
    const app = createApp(store, { basemapStyleUrl: null });
    await app.ready;
    await store.close();
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
  });
});

describe('GET /api/subareas', () => {
  it('returns the three subareas with ambassador, area and zero counts', async () => {
    const res = await freshApp().request('/api/subareas');
    expect(res.status).toBe(200);
    const body = SubareaCollection.parse(await res.json());
    expect(body.features.map((f) => f.id).sort()).toEqual([
      'grzegorzki-wesola',
      'kazimierz-stradom',
      'stara-nowa-huta',
    ]);
    const kazimierz = body.features.find((f) => f.id === 'kazimierz-stradom')!;
    expect(kazimierz.properties.ambassador.organisation).toBe('Stowarzyszenie Fablab Kraków');
    expect(kazimierz.properties.areaHa).toBeGreaterThan(100);
    expect(kazimierz.properties.approximate).toBe(true);
    expect(kazimierz.properties.counts).toEqual({ help: 0, keep: 0, change: 0 });
  });
});

describe('unknown API paths', () => {
  it('answer 404 with a JSON error naming the path', async () => {
    const res = await freshApp().request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such API endpoint: GET /api/nope' });
  });
});

describe('GET /api/config', () => {
  it('tells the client to use the offline basemap when none is configured', async () => {
    const res = await freshApp().request('/api/config');
    expect(await res.json()).toEqual({
      basemapStyleUrl: null,
      basemap: { pmtiles: null },
      helpFreshness: { fadeDays: 60, hideDays: 90 },
      mapTilesFromPins: 5000,
    });
  });
});
