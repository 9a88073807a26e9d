import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO, PhotoStored } from '../../src/common/photos.ts';
import { PointFeature } from '../../src/common/points.ts';
import { FIXTURE_GPS, gpsJpeg } from '../fixtures/photo.ts';
import { approve, bearer, createPoint, fresh, helpBody, moderatorCookie, walkBody } from './helpers.ts';

type App = ReturnType<typeof fresh>['app'];
const put = (app: App, id: string, token: string | undefined, body: Uint8Array, type = 'image/jpeg') =>
  app.request(`/api/points/${id}/photo`, {
    method: 'PUT',
    headers: { 'Content-Type': type, ...(token ? bearer(token) : {}) },
    body: new Uint8Array(body),
  });

async function walkWithPhoto() {
  const { app, db } = fresh();
  const point = await createPoint(app, walkBody());
  const res = await put(app, point.id, point.editToken, await gpsJpeg());
  expect(res.status).toBe(200);
  return { app, db, ...point, stored: PhotoStored.parse(await res.json()) };
}

/** Every tag exifr can find in any segment (EXIF, GPS, XMP, IPTC, ICC); undefined when there is none. */
const allMetadata = (bytes: Uint8Array) =>
  exifr.parse(Buffer.from(bytes), { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true, ifd1: true });

describe('photos on walk pins', () => {
  it('the fixture really carries GPS and camera EXIF (so the next tests mean something)', async () => {
    const fixture = await gpsJpeg();
    const gps = await exifr.gps(fixture);
    expect(gps.latitude).toBeCloseTo(FIXTURE_GPS.latitude, 3);
    expect(gps.longitude).toBeCloseTo(FIXTURE_GPS.longitude, 3);
    expect((await allMetadata(fixture))?.Artist).toBe('Jan Kowalski');
  });

  it('stores a downsized JPEG with no EXIF, GPS, XMP, IPTC or ICC metadata', async () => {
    const { db, id, stored } = await walkWithPhoto();
    const [row] = await db.all<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE point_id = ?', id);
    if (!row) throw new Error('no photo stored');
    const meta = await sharp(row.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width!, meta.height!)).toBe(PHOTO.maxEdge);
    expect(stored.photo).toMatchObject({ width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(await allMetadata(row.bytes)).toBeUndefined();
    expect(row.bytes.includes(Buffer.from('Kowalski'))).toBe(false);
    expect(row.bytes.includes(Buffer.from('FixturePhone'))).toBe(false);
  });

  it('serves the photo only once the point is published, and then without any metadata', async () => {
    const { app, db, id, editToken } = await walkWithPhoto();
    expect((await app.request(`/api/points/${id}/photo`)).status).toBe(404);
    // The author and moderators may see it while it waits for review, never cached.
    const own = await app.request(`/api/points/${id}/photo`, { headers: bearer(editToken) });
    expect(own.status).toBe(200);
    expect(own.headers.get('Cache-Control')).toContain('no-store');
    const cookie = await moderatorCookie(app, db);
    expect((await app.request(`/api/points/${id}/photo`, { headers: { Cookie: cookie } })).status).toBe(200);
    await approve(app, cookie, id);

    const res = await app.request(`/api/points/${id}/photo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const served = new Uint8Array(await res.arrayBuffer());
    expect(await allMetadata(served)).toBeUndefined();
    expect((await sharp(served).metadata()).exif).toBeUndefined();
  });

  it('announces the photo in the public feature of the published point', async () => {
    const { app, db, id, stored } = await walkWithPhoto();
    await approve(app, await moderatorCookie(app, db), id);
    const feature = PointFeature.parse(await (await app.request(`/api/points/${id}`)).json());
    expect(feature.properties.layer === 'walk' && feature.properties.photo).toEqual(stored.photo);
  });

  it('sends a published pin back to review when its photo is replaced', async () => {
    const { app, db, id, editToken } = await walkWithPhoto();
    await approve(app, await moderatorCookie(app, db), id);
    expect((await put(app, id, editToken, await gpsJpeg(800, 600, '#a33'))).status).toBe(200);
    expect((await app.request(`/api/points/${id}`)).status).toBe(404);
    expect((await app.request(`/api/points/${id}/photo`)).status).toBe(404);
  });

  it('removes the photo with the edit token', async () => {
    const { app, id, editToken } = await walkWithPhoto();
    const res = await app.request(`/api/points/${id}/photo`, { method: 'DELETE', headers: bearer(editToken) });
    expect(res.status).toBe(200);
    expect((await app.request(`/api/points/${id}/photo`, { headers: bearer(editToken) })).status).toBe(404);
    const record = await (await app.request(`/api/points/${id}`, { headers: bearer(editToken) })).json();
    expect(record.photo).toBeUndefined();
  });

  it('accepts PNG and WebP and re-encodes them as JPEG', async () => {
    const { app } = fresh();
    for (const [type, bytes] of [
      [
        'image/png',
        await sharp({ create: { width: 300, height: 200, channels: 4, background: '#0000' } })
          .png()
          .toBuffer(),
      ],
      [
        'image/webp',
        await sharp({ create: { width: 300, height: 200, channels: 3, background: '#123' } })
          .webp()
          .toBuffer(),
      ],
    ] as const) {
      const p = await createPoint(app, walkBody());
      const res = await put(app, p.id, p.editToken, bytes, type);
      expect(res.status, type).toBe(200);
      const served = await app.request(`/api/points/${p.id}/photo`, { headers: bearer(p.editToken) });
      expect((await sharp(new Uint8Array(await served.arrayBuffer())).metadata()).format).toBe('jpeg');
    }
  });

  it('refuses without the right edit token: 401 without, 403 with another', async () => {
    const { app } = fresh();
    const a = await createPoint(app, walkBody());
    const b = await createPoint(app, walkBody());
    expect((await put(app, a.id, undefined, await gpsJpeg(100, 100))).status).toBe(401);
    expect((await put(app, a.id, b.editToken, await gpsJpeg(100, 100))).status).toBe(403);
    expect((await app.request(`/api/points/${a.id}/photo`, { headers: bearer(b.editToken) })).status).toBe(403);
  });

  it('answers 415 JSON for a non-image, a wrong Content-Type or a GIF, naming what is accepted', async () => {
    const { app } = fresh();
    const p = await createPoint(app, walkBody());
    const junk = await put(app, p.id, p.editToken, new TextEncoder().encode('<svg onload=alert(1)>'));
    expect(junk.status).toBe(415);
    expect((await junk.json()).error).toMatch(/JPEG, PNG or WebP/);
    expect((await put(app, p.id, p.editToken, await gpsJpeg(50, 50), 'image/svg+xml')).status).toBe(415);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect((await put(app, p.id, p.editToken, gif, 'image/png')).status).toBe(415);
  });

  it(`answers 413 JSON above ${PHOTO.maxBytes / 1024 / 1024} MB`, async () => {
    const { app } = fresh();
    const p = await createPoint(app, walkBody());
    const res = await put(app, p.id, p.editToken, new Uint8Array(PHOTO.maxBytes + 1));
    expect(res.status).toBe(413);
    expect((await res.json()).issues[0].path).toBe('photo');
  });

  it('refuses photos on help offers', async () => {
    const { app } = fresh();
    const p = await createPoint(app, helpBody());
    expect((await put(app, p.id, p.editToken, await gpsJpeg(100, 100))).status).toBe(400);
  });
});

describe('GET /api/places', () => {
  it('serves the validated gazetteer', async () => {
    const { app } = fresh();
    const res = await app.request('/api/places');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.features.length).toBeGreaterThan(10);
    expect(body.features.map((f: { properties: { name: string } }) => f.properties.name)).toContain(
      'Plac Nowy (Okrąglak)',
    );
  });
});
