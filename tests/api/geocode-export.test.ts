import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approve, createPoint, fresh, helpBody, moderatorCookie, walkBody } from './helpers.ts';
import { importAddresses } from '../../src/server/geocode/import.ts';
import { ReverseAnswer } from '../../src/common/geocode.ts';
import { FIXTURE_ADDRESSES, prgGml } from '../support/prg-fixture.ts';

const J12 = FIXTURE_ADDRESSES.find((a) => a.street === 'ul. Józefa' && a.number === '12')!;

async function withAddresses() {
  const t = fresh();
  const file = join(mkdtempSync(join(tmpdir(), 'geocode-export-')), 'prg.gml');
  writeFileSync(file, prgGml());
  await importAddresses(t.store.addresses, file);
  const cookie = await moderatorCookie(t.app, t.db);
  return { ...t, cookie };
}

type Row = { id: string; address: string | null; geometry: [number, number] };
async function exported(app: ReturnType<typeof fresh>['app'], layer: string): Promise<Row[]> {
  const res = await app.request(`/api/export/points.geojson?layer=${layer}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    features: { id: string; properties: { address: string | null }; geometry: { coordinates: [number, number] } }[];
  };
  return body.features.map((f) => ({ id: f.id, address: f.properties.address, geometry: f.geometry.coordinates }));
}

describe('the address column of the open-data exports', () => {
  it('names the building of a walk pin and of an organisation', async () => {
    const t = await withAddresses();
    const walk = await createPoint(t.app, walkBody({ lng: J12.lng, lat: J12.lat }));
    const org = await createPoint(t.app, helpBody({ lng: J12.lng, lat: J12.lat }));
    await approve(t.app, t.cookie, walk.id);
    await approve(t.app, t.cookie, org.id);
    expect((await exported(t.app, 'walk')).find((r) => r.id === walk.id)?.address).toBe('ul. Józefa 12');
    expect((await exported(t.app, 'help')).find((r) => r.id === org.id)?.address).toBe('ul. Józefa 12');
    const csv = await (await t.app.request('/api/export/points.csv?layer=walk')).text();
    expect(csv.split('\r\n')[0]).toContain('address');
    expect(csv).toContain('ul. Józefa 12');
  });

  it("gives a private person only the street nearest their published cell's centre, never from their door", async () => {
    const t = await withAddresses();
    const person = await createPoint(
      t.app,
      helpBody({ helperType: 'person', name: 'Pani Ewa', contact: undefined, lng: J12.lng, lat: J12.lat }),
    );
    await approve(t.app, t.cookie, person.id);
    const row = (await exported(t.app, 'help')).find((r) => r.id === person.id)!;
    // The published position is the cell centre, not the door; the street is the one nearest that centre.
    expect(row.geometry).not.toEqual([J12.lng, J12.lat]);
    const [lng, lat] = row.geometry;
    const nearCentre = ReverseAnswer.parse(
      await (await t.app.request(`/api/geocode/reverse?lng=${lng}&lat=${lat}`)).json(),
    );
    expect(row.address).toBe(nearCentre.address?.street ?? null);
    expect(row.address ?? '').not.toMatch(/\d/);
  });

  it('is empty without an address register', async () => {
    const t = fresh();
    const cookie = await moderatorCookie(t.app, t.db);
    const walk = await createPoint(t.app, walkBody());
    await approve(t.app, cookie, walk.id);
    expect((await exported(t.app, 'walk'))[0]?.address).toBeNull();
  });
});
