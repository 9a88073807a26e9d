// A small official-register fixture: PRG address points GML in the real schema (namespace, element names, EPSG:2180
// positions in northing-easting order), built from WGS84 positions along real Kraków streets.
// As a script: npx tsx tests/support/prg-fixture.ts <out.gml>  (the e2e server imports it).
import { writeFileSync } from 'node:fs';
import { lngLatToPuwg1992 } from '../../src/server/geocode/projection.ts';

export interface FixtureAddress {
  city: string;
  street: string | null;
  number: string;
  postcode: string;
  status?: string;
  lng: number;
  lat: number;
}

/** Numbers 1..n spaced evenly from one end of a street to the other (odd and even sides alike). */
function along(
  street: string,
  postcode: string,
  from: [number, number],
  to: [number, number],
  n: number,
): FixtureAddress[] {
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    const r = (v: number) => Math.round(v * 1e6) / 1e6;
    return {
      city: 'Kraków',
      street,
      number: String(i + 1),
      postcode,
      lng: r(from[0] + t * (to[0] - from[0])),
      lat: r(from[1] + t * (to[1] - from[1])),
    };
  });
}

/** Kazimierz (ul. Józefa, ul. Miodowa, ul. Szeroka), a namesake elsewhere, and what the import must leave out. */
export const FIXTURE_ADDRESSES: FixtureAddress[] = [
  ...along('ul. Józefa', '31-056', [19.9436, 50.0518], [19.9478, 50.0515], 20),
  { city: 'Kraków', street: 'ul. Józefa', number: '12a', postcode: '31-056', lng: 19.94628, lat: 50.05172 },
  ...along('ul. Miodowa', '31-055', [19.9425, 50.0532], [19.951, 50.0526], 30),
  ...along('ul. Szeroka', '31-053', [19.9483, 50.0523], [19.9486, 50.0546], 10),
  ...along('ul. Józefa Dietla', '31-070', [19.9392, 50.0545], [19.9455, 50.0553], 6),
  // Outside every subarea (Bielany), to check that the three subareas rank first.
  ...along('ul. Miodowa Boczna', '30-001', [19.845, 50.045], [19.846, 50.045], 3),
  // Left out: another town, no street name, a planned building.
  { city: 'Wieliczka', street: 'ul. Józefa', number: '12', postcode: '32-020', lng: 20.0646, lat: 49.9869 },
  { city: 'Kraków', street: null, number: '7', postcode: '31-000', lng: 19.95, lat: 50.06 },
  {
    city: 'Kraków',
    street: 'ul. Józefa',
    number: '40',
    postcode: '31-056',
    status: 'prognozowany',
    lng: 19.949,
    lat: 50.0514,
  },
];

export function prgGml(addresses: readonly FixtureAddress[] = FIXTURE_ADDRESSES): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const members = addresses.map((a, i) => {
    const [n, e] = lngLatToPuwg1992(a.lng, a.lat);
    return `    <prg-ad:PRG_PunktAdresowy gml:id="PL.PZGIK.200_${i}">
      <prg-ad:jednostkaAdmnistracyjna>Polska</prg-ad:jednostkaAdmnistracyjna>
      <prg-ad:jednostkaAdmnistracyjna>małopolskie</prg-ad:jednostkaAdmnistracyjna>
      <prg-ad:miejscowosc>${esc(a.city)}</prg-ad:miejscowosc>
      <prg-ad:czescMiejscowosci xsi:nil="true"/>
      ${a.street ? `<prg-ad:ulica>${esc(a.street)}</prg-ad:ulica>` : '<prg-ad:ulica xsi:nil="true"/>'}
      <prg-ad:numerPorzadkowy>${esc(a.number)}</prg-ad:numerPorzadkowy>
      <prg-ad:kodPocztowy>${a.postcode}</prg-ad:kodPocztowy>
      <prg-ad:status>${a.status ?? 'istniejacy'}</prg-ad:status>
      <prg-ad:pozycja>
        <gml:Point gml:id="P_${i}" srsName="urn:ogc:def:crs:EPSG::2180"><gml:pos>${n.toFixed(2)} ${e.toFixed(2)}</gml:pos></gml:Point>
      </prg-ad:pozycja>
    </prg-ad:PRG_PunktAdresowy>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:prg-ad="urn:gugik:specyfikacje:gmlas:panstwowyRejestrGranicAdresy:1.0" gml:id="PRG_PA_12">
  <gml:featureMembers>
${members.join('\n')}
  </gml:featureMembers>
</gml:FeatureCollection>
`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: npx tsx tests/support/prg-fixture.ts <out.gml>');
  writeFileSync(out, prgGml());
}
