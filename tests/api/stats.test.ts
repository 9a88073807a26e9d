import { describe, expect, it } from 'vitest';
import { Categories } from '../../src/common/categories.ts';
import { Stats } from '../../src/common/stats.ts';
import { SubareaCollection } from '../../src/common/subareas.ts';
import {
  approve,
  createPoint,
  fresh,
  helpBody,
  moderatorCookie,
  OUTSIDE_SUBAREAS,
  walkBody,
  type TestApp,
} from './helpers.ts';

/** The subareas of data/subareas.geojson, as the app serves them. */
async function subareaIds(app: TestApp): Promise<string[]> {
  return SubareaCollection.parse(await (await app.request('/api/subareas')).json()).features.map((f) => f.id);
}

async function published(app: TestApp, cookie: string, body: unknown) {
  const { id } = await createPoint(app, body);
  await approve(app, cookie, id);
}

describe('statistics', () => {
  it('counts published keep/change by theme and help offers by kind per subarea', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    await published(app, cookie, walkBody({ kind: 'keep', theme: 'zielen' }));
    await published(app, cookie, walkBody({ kind: 'change', theme: 'zielen' }));
    await published(app, cookie, walkBody({ kind: 'change', theme: 'czystosc' }));
    await createPoint(app, walkBody({ kind: 'change', theme: 'czystosc' })); // pending: not counted
    await published(app, cookie, helpBody({ kinds: ['zakupy', 'transport'] }));
    await published(app, cookie, helpBody({ helperType: 'person', kinds: ['zakupy'], contact: undefined }));
    const stats = Stats.parse(await (await app.request('/api/stats')).json());
    // One entry per subarea of the data, those without a pin included; none "outside" while no pin is there.
    expect(stats.subareas.map((s) => s.subarea).sort()).toEqual((await subareaIds(app)).sort());
    const kaz = stats.subareas.find((s) => s.subarea === 'kazimierz-stradom')!;
    expect(kaz.walk).toMatchObject({ keep: 1, change: 2 });
    expect(kaz.walk.byTheme.find((t) => t.theme === 'zielen')).toEqual({ theme: 'zielen', keep: 1, change: 1 });
    expect(kaz.walk.byTheme.find((t) => t.theme === 'czystosc')).toEqual({ theme: 'czystosc', keep: 0, change: 1 });
    // Every theme of data/categories.json, zeros included, in its order.
    const categories = Categories.parse(await (await app.request('/api/categories')).json());
    expect(kaz.walk.byTheme.map((t) => t.theme)).toEqual(categories.walkThemes.map((t) => t.id));
    expect(kaz.help).toMatchObject({ total: 2, organisations: 1, persons: 1 });
    expect(kaz.help.byKind.find((k) => k.kind === 'zakupy')!.count).toBe(2);
    const huta = stats.subareas.find((s) => s.subarea === 'stara-nowa-huta')!;
    expect(huta.walk).toMatchObject({ keep: 0, change: 0 });
  });

  it('adds an "outside the subareas" entry only when such points exist, and filters by subarea', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const ids = await subareaIds(app);
    expect(Stats.parse(await (await app.request('/api/stats')).json()).subareas).toHaveLength(ids.length);
    await published(app, cookie, walkBody(OUTSIDE_SUBAREAS));
    const all = Stats.parse(await (await app.request('/api/stats')).json());
    expect(all.subareas).toHaveLength(ids.length + 1);
    expect(all.subareas.at(-1)).toMatchObject({ subarea: null, walk: { keep: 1 } });
    const one = Stats.parse(await (await app.request('/api/stats?subarea=kazimierz-stradom')).json());
    expect(one.subareas.map((s) => s.subarea)).toEqual(['kazimierz-stradom']);
    expect((await app.request('/api/stats?subarea=nowhere')).status).toBe(400);
  });
});
