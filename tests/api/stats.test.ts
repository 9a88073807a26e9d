import { describe, expect, it } from 'vitest';
import { Categories } from '../../src/shared/categories.ts';
import { Stats } from '../../src/shared/stats.ts';
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
    expect(stats.subareas.map((s) => s.subarea).sort()).toEqual([
      'grzegorzki-wesola',
      'kazimierz-stradom',
      'stara-nowa-huta',
    ]);
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
    expect(Stats.parse(await (await app.request('/api/stats')).json()).subareas).toHaveLength(3);
    await published(app, cookie, walkBody(OUTSIDE_SUBAREAS));
    const all = Stats.parse(await (await app.request('/api/stats')).json());
    expect(all.subareas.at(-1)).toMatchObject({ subarea: null, walk: { keep: 1 } });
    const one = Stats.parse(await (await app.request('/api/stats?subarea=kazimierz-stradom')).json());
    expect(one.subareas.map((s) => s.subarea)).toEqual(['kazimierz-stradom']);
    expect((await app.request('/api/stats?subarea=nowhere')).status).toBe(400);
  });
});
