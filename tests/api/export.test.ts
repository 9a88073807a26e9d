import { describe, expect, it } from 'vitest';
import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { DICTIONARY_COLUMNS } from '../../src/common/export.ts';
import { approve, createPoint, fresh, helpBody, json, moderatorCookie, walkBody, type TestApp } from './helpers.ts';

async function published(app: TestApp, cookie: string, body: unknown) {
  const { id } = await createPoint(app, body);
  await approve(app, cookie, id);
  return id;
}

const PERSON = helpBody({
  helperType: 'person',
  name: 'Janina Kowalska',
  description: 'Mieszkam przy Wesołej 12/4',
  availability: 'wieczorami',
  lng: 19.9555,
  lat: 50.0622,
  contact: { phone: '+48 600 999 888', email: 'janina@example.org' },
  contactConsent: { phone: true, email: true },
});

describe('open-data export', () => {
  it('GeoJSON passes a GeoJSON checker (RFC 7946) and carries the licence', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const id = await published(app, cookie, walkBody({ title: 'Zieleń przy Wawrzyńca — żółte ławki' }));
    await createPoint(app, walkBody({ title: 'Niezatwierdzony' }));
    const res = await app.request('/api/export/points.geojson?layer=walk');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/geo\+json/);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="mapa-rewitalizacji-walk.geojson"');
    const text = await res.text();
    const fc = check(text); // throws with the list of problems when the file is not valid GeoJSON
    expect(fc.type === 'FeatureCollection' && fc.features.map((f) => f.id)).toEqual([id]);
    const body = JSON.parse(text);
    expect(body.licence).toBe('CC-BY-4.0');
    expect(body.features[0].properties).toMatchObject({
      title: 'Zieleń przy Wawrzyńca — żółte ławki',
      kind: 'keep',
      theme: 'zielen',
      theme_label: 'zieleń',
      subarea: 'kazimierz-stradom',
    });
    expect(Object.keys(body.features[0].properties).sort()).toEqual(
      DICTIONARY_COLUMNS.walk
        .map((c) => c.name)
        .filter((n) => n !== 'lng' && n !== 'lat')
        .sort(),
    );
  });

  it('CSV is UTF-8 with a BOM and parses back to the same rows with Polish letters', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const titles = ['Źródełko na Plantach — zażółć gęślą jaźń', 'Ławka, "ta" przy rzece'];
    // A title is one line; a description may have several, and CSV must quote them.
    const descriptions = [undefined, 'Z dwiema,\n"liniami"'];
    const ids = [];
    for (const [i, title] of titles.entries()) {
      ids.push(
        await published(app, cookie, walkBody({ title, description: descriptions[i], kind: 'change', theme: 'ruch' })),
      );
    }
    const res = await app.request('/api/export/points.csv?layer=walk&subarea=kazimierz-stradom');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => r['id'])).toEqual(ids);
    expect(rows.map((r) => r['title'])).toEqual(titles);
    expect(rows[1]!['description']).toBe(descriptions[1]);
    expect(rows[0]).toMatchObject({
      kind: 'change',
      theme: 'ruch',
      theme_label: 'ruch pieszy, rowerowy i samochodowy',
      lng: '19.9447',
      lat: '50.0514',
      description: '',
    });
    expect(Object.keys(rows[0]!)).toEqual(DICTIONARY_COLUMNS.walk.map((c) => c.name));
  });

  it('CSV neutralises spreadsheet formulas in residents’ text, GeoJSON keeps the text as written', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const titles = [
      '=HYPERLINK("http://example.com","Kliknij")',
      '+48 ławka',
      '-1 drzewo mniej',
      '@SUM(A1:A9)',
      'Zwykły tytuł = bez formuły',
    ];
    for (const title of titles) await published(app, cookie, walkBody({ title, description: '=1+1' }));
    const csv = await (await app.request('/api/export/points.csv?layer=walk')).text();
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['title'])).toEqual([
      `'=HYPERLINK("http://example.com","Kliknij")`,
      "'+48 ławka",
      "'-1 drzewo mniej",
      "'@SUM(A1:A9)",
      'Zwykły tytuł = bez formuły',
    ]);
    expect(rows.every((r) => r['description'] === "'=1+1")).toBe(true);
    expect(rows.every((r) => !r['lng']!.startsWith("'") && !r['votes']!.startsWith("'"))).toBe(true);
    const geo = await (await app.request('/api/export/points.geojson?layer=walk')).json();
    expect(geo.features.map((f: { properties: { title: string } }) => f.properties.title)).toEqual(titles);
  });

  it('never exports private data: persons coarsened without name, text or contacts; no nicknames, tokens, sessions', async () => {
    const { app, db } = fresh();
    const cookie = await moderatorCookie(app, db);
    const person = await published(app, cookie, PERSON);
    const org = await published(app, cookie, helpBody());
    await published(app, cookie, walkBody({ nickname: 'Basia z Józefa' }));
    const geo = JSON.parse(await (await app.request('/api/export/points.geojson?layer=help')).text());
    const csv = await (await app.request('/api/export/points.csv?layer=help')).text();
    const walk = await (await app.request('/api/export/points.csv?layer=walk')).text();
    for (const secret of [
      'Janina',
      'Wesołej 12/4',
      'wieczorami',
      '600 999 888',
      'janina@example.org',
      '19.9555',
      '50.0622',
    ]) {
      expect(JSON.stringify(geo)).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    expect(walk).not.toContain('Basia');
    for (const text of [JSON.stringify(geo), csv, walk])
      expect(text).not.toMatch(/editToken|edit_token|device|session|reject/i);
    const byId = Object.fromEntries(geo.features.map((f: { id: string }) => [f.id, f]));
    expect(byId[person].properties).toMatchObject({
      helper_type: 'person',
      approximate: true,
      name: null,
      phone: null,
      email: null,
    });
    expect(byId[org].properties).toMatchObject({
      helper_type: 'organisation',
      approximate: false,
      name: 'Fundacja Przykład',
      phone: '+48 600 100 200',
      kinds: ['zakupy', 'transport'],
    });
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r['id'] === org)!['kinds']).toBe('zakupy;transport');
  });

  it('filters by walk session and subarea', async () => {
    const { app, db } = fresh({ now: () => new Date('2026-05-16T10:00:00Z') });
    const cookie = await moderatorCookie(app, db);
    const res = await app.request(
      '/api/sessions',
      json(
        { name: 'Spacer', subarea: 'kazimierz-stradom', date: '2026-05-16', publishMode: 'immediate' },
        { Cookie: cookie },
      ),
    );
    const { code } = await res.json();
    const inSession = (await createPoint(app, walkBody({ session: code }))).id;
    await published(app, cookie, walkBody());
    const geo = JSON.parse(await (await app.request(`/api/export/points.geojson?layer=walk&session=${code}`)).text());
    expect(geo.features.map((f: { id: string }) => f.id)).toEqual([inSession]);
    const none = JSON.parse(
      await (await app.request('/api/export/points.geojson?layer=walk&subarea=stara-nowa-huta')).text(),
    );
    expect(none.features).toEqual([]);
    expect((await app.request('/api/export/points.csv?layer=walk&session=ZZZZZZ')).status).toBe(404);
  });

  it('names bad query parameters with 400', async () => {
    const { app } = fresh();
    const res = await app.request('/api/export/points.csv?layer=roads&format=x');
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual(['format', 'layer']);
  });

  it('serves a data dictionary describing every exported column, the licence and the privacy rules', async () => {
    const { app } = fresh();
    const dict = await (await app.request('/api/export/dictionary')).json();
    expect(dict.licence.id).toBe('CC-BY-4.0');
    expect(dict.columns.walk.map((c: { name: string }) => c.name)).toContain('theme_label');
    for (const c of [...dict.columns.walk, ...dict.columns.help]) expect(c.pl && c.en && c.type).toBeTruthy();
    expect(dict.privacy.length).toBeGreaterThan(2);
  });
});
