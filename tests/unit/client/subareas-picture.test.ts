import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { SubareaFile, type SubareaCollection } from '../../../src/common/subareas.ts';
import { LABEL_SIZE, labelBox, labelLines, subareasPicture } from '../../../src/client/ui/subareas-picture.ts';
import { lowPriorityScripts } from '../../../scripts/vite/prerender.ts';

const file = SubareaFile.parse(JSON.parse(readFileSync('data/subareas.geojson', 'utf8')));
// The picture reads only ids, names and boundaries: the file's features with their ids are enough.
const subareas = {
  type: 'FeatureCollection',
  features: file.features.map((f) => ({ ...f, id: f.properties.id })),
} as unknown as SubareaCollection;

const rings = (d: string) =>
  d
    .split('Z')
    .filter(Boolean)
    .map((r) =>
      r
        .replace(/^M/, '')
        .split('L')
        .map((p) => p.split(' ').map(Number) as [number, number]),
    );

describe('the still picture of the subareas', () => {
  const picture = subareasPicture(subareas);
  const [, , width, height] = picture.viewBox.split(' ').map(Number) as [number, number, number, number];

  it('draws the three subareas inside the picture, each named on or next to its own shape', () => {
    expect(picture.shapes.map((s) => s.name).sort()).toEqual(file.features.map((f) => f.properties.name).sort());
    for (const shape of picture.shapes) {
      const own = rings(shape.d);
      for (const [x, y] of own.flat()) {
        expect(x).toBeGreaterThan(0);
        expect(x).toBeLessThan(width);
        expect(y).toBeGreaterThan(0);
        expect(y).toBeLessThan(height);
      }
      const xs = own.flat().map(([x]) => x);
      expect(shape.label.x).toBeGreaterThan(Math.min(...xs));
      expect(shape.label.x).toBeLessThan(Math.max(...xs));
      expect(shape.label.y).toBeGreaterThan(LABEL_SIZE);
      expect(shape.label.y).toBeLessThan(height - LABEL_SIZE);
      expect(shape.lines.join(' ').replace('- ', '-')).toBe(shape.name);
    }
    // The one named away from its pole of inaccessibility is the one whose name would have covered another's.
    const inside = picture.shapes.filter((shape) =>
      rings(shape.d).some((ring) =>
        booleanPointInPolygon([shape.label.x, shape.label.y], { type: 'Polygon', coordinates: [ring] }),
      ),
    );
    expect(inside.map((s) => s.id)).toContain('stara-nowa-huta');
  });

  it('keeps the names of neighbouring subareas apart at a phone’s label size', () => {
    for (const a of picture.shapes)
      for (const b of picture.shapes) {
        if (a === b) continue;
        const [p, q] = [labelBox(a), labelBox(b)];
        expect(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1, `${a.id} and ${b.id}`).toBe(false);
      }
  });

  it('splits names in two lines as the map does', () => {
    expect(labelLines('Kazimierz-Stradom')).toEqual(['Kazimierz-', 'Stradom']);
    expect(labelLines('„stara” Nowa Huta')).toEqual(['„stara”', 'Nowa Huta']);
    expect(labelLines('Podgórze')).toEqual(['Podgórze']);
  });

  it('draws the river through the picture when given one', () => {
    const river = [
      [19.9, 50.05],
      [20.0, 50.06],
    ];
    expect(subareasPicture(subareas, river).river).toMatch(/^M[\d.-]+ [\d.-]+L[\d.-]+ [\d.-]+$/);
    expect(picture.river).toBeNull();
  });

  it('keeps the shapes the map draws: north is up and east-west distances keep their ratio to north-south ones', () => {
    const all = picture.shapes.flatMap((s) => rings(s.d).flat());
    const xs = all.map(([x]) => x);
    const ys = all.map(([, y]) => y);
    const lngs = file.features.flatMap((f) =>
      JSON.stringify(f.geometry.coordinates)
        .match(/-?\d+\.\d+/g)!
        .map(Number),
    );
    const lng = lngs.filter((_, i) => i % 2 === 0);
    const lat = lngs.filter((_, i) => i % 2 === 1);
    // At Kraków's latitude a degree of longitude is cos(50°) of a degree of latitude on the ground.
    const midLat = ((Math.max(...lat) + Math.min(...lat)) / 2) * (Math.PI / 180);
    const ground = ((Math.max(...lng) - Math.min(...lng)) * Math.cos(midLat)) / (Math.max(...lat) - Math.min(...lat));
    const drawn = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(drawn / ground).toBeCloseTo(1, 2);
    // The northernmost point is drawn at the top: the most northern subarea vertex has the smallest y.
    const north = all[ys.indexOf(Math.min(...ys))]!;
    expect(north[1]).toBeLessThan(height / 2);
  });
});

describe('the pre-rendered page’s scripts', () => {
  it('are fetched at low priority, module script and preloads alike, so the stylesheet goes first', () => {
    const html =
      '<head><script type="module" crossorigin src="/assets/index-a.js"></script>\n' +
      '<link rel="modulepreload" crossorigin href="/assets/http-b.js">\n<link rel="stylesheet" href="/assets/i.css"></head>';
    const out = lowPriorityScripts(html);
    expect(out).toContain('<script type="module" fetchpriority="low" crossorigin src="/assets/index-a.js">');
    expect(out).toContain('<link rel="modulepreload" fetchpriority="low" crossorigin href="/assets/http-b.js">');
    expect(out).toContain('<link rel="stylesheet" href="/assets/i.css">');
    expect(lowPriorityScripts(out)).toBe(out);
  });

  it('refuses a page without a module script, where the build changed beyond what it knows', () => {
    expect(() => lowPriorityScripts('<head><script src="/a.js"></script></head>')).toThrow(/no module script/);
  });
});
