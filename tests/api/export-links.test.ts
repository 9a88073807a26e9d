import { describe, expect, it } from 'vitest';
import { gpsJpeg } from '../fixtures/photo.ts';
import { approve, bearer, createPoint, fresh, moderatorCookie, walkBody } from './helpers.ts';

/** A published walk pin with a photo, exported as GeoJSON with a Host header the requester chose. */
async function exportedPhotoUrl(publicUrl?: string) {
  const { app, db } = fresh(publicUrl ? { publicUrl } : {});
  const { id, editToken } = await createPoint(app, walkBody());
  const put = await app.request(`/api/points/${id}/photo`, {
    method: 'PUT',
    headers: { 'Content-Type': 'image/jpeg', ...bearer(editToken) },
    body: new Uint8Array(await gpsJpeg()),
  });
  expect(put.status).toBe(200);
  await approve(app, await moderatorCookie(app, db), id);
  const res = await app.request('http://attacker.example/api/export/points.geojson?layer=walk', {
    headers: { Host: 'attacker.example' },
  });
  const file = await res.json();
  const csv = await (await app.request('http://attacker.example/api/export/points.csv?layer=walk')).text();
  return { id, url: file.features[0].properties.photo_url as string, csv };
}

describe('photo_url in the open-data export', () => {
  it('starts with PUBLIC_URL, whatever Host the request named', async () => {
    const { id, url, csv } = await exportedPhotoUrl('https://mapa.example.pl');
    expect(url).toMatch(new RegExp(`^https://mapa\\.example\\.pl/api/points/${id}/photo\\?v=\\w+$`));
    expect(csv).toContain(url);
    expect(csv).not.toContain('attacker.example');
  });

  it('is a path from the map’s address when no PUBLIC_URL is configured, never the request’s host', async () => {
    const { id, url, csv } = await exportedPhotoUrl();
    expect(url).toMatch(new RegExp(`^/api/points/${id}/photo\\?v=\\w+$`));
    expect(csv).not.toContain('attacker.example');
  });
});
