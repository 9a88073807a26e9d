import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { stringify } from 'csv-stringify/sync';
import type { PublicReads } from '../public-reads.ts';
import { CachedAnswer, sendCached } from '../answer-cache.ts';
import { csvInSlices, jsonInSlices, mapInSlicesAsync } from '../slices.ts';
import type { WalkSessions } from '../walk-sessions.ts';
import type { SiteData } from '../site-data.ts';
import { validate } from '../middleware/validate.ts';
import { photoUrl } from '../../common/photos.ts';
import {
  csvCell,
  DICTIONARY_COLUMNS,
  dictionary,
  ExportQuery,
  exportRow,
  LICENCE,
  type Labels,
} from '../../common/export.ts';
import type { PointFeature } from '../../common/points.ts';
import { ACTIVITY_COLUMNS, activityRow } from '../../common/activity-export.ts';
import { SubareaId } from '../../common/subareas.ts';
import { z } from 'zod';
import type { Activities } from '../activities.ts';
import type { Geocoder } from '../geocode/geocoder.ts';

const ActivityExportQuery = z.strictObject({ subarea: SubareaId.optional() });
const GEOJSON = 'application/geo+json; charset=utf-8';

/**
 * /api/export: open data per layer, subarea and walk session as GeoJSON (RFC 7946) and CSV, plus the data
 * dictionary. Rows come from the public projection and are narrowed again by exportRow (common/export.ts).
 */
export function exportRoutes(
  reads: PublicReads,
  sessions: WalkSessions,
  site: SiteData,
  activities: Activities,
  sessionLookupLimit: MiddlewareHandler,
  publicUrl: string | null,
  geocoder: Geocoder,
) {
  const label = (list: { id: string; label: { pl: string } }[]) => (id: string) =>
    list.find((x) => x.id === id)?.label.pl ?? id;
  const labels: Labels = { theme: label(site.categories.walkThemes), kind: label(site.categories.helpKinds) };

  async function selected(q: ExportQuery): Promise<PointFeature[]> {
    const features = await reads.features({ layer: q.layer, subarea: q.subarea });
    if (!q.session) return features;
    const inSession = new Set((await sessions.published(q.session)).features.map((f) => f.id));
    return features.filter((f) => inSession.has(f.id));
  }

  // Never from the request's Host header: whoever sends the request chooses it, and a file of links to their host
  // would travel on as ours. Without PUBLIC_URL the link is a path from the map's address, still correct there.
  // A slice at a time: each row looks up its address, and a whole layer is thousands of rows.
  const rows = async (q: ExportQuery) =>
    mapInSlicesAsync(await selected(q), async (f) =>
      exportRow(
        f,
        labels,
        (id, version) => `${publicUrl ?? ''}${photoUrl(id, { version })}`,
        await geocoder.publicAddress(f),
      ),
    );
  const fileName = (q: ExportQuery, ext: string) =>
    ['mapa-rewitalizacji', q.layer, q.subarea, q.session].filter(Boolean).join('-') + `.${ext}`;
  const download = (c: Context, name: string) => c.header('Content-Disposition', `attachment; filename="${name}"`);

  /**
   * A point export, made once per data version like the map's lists (an address imported meanwhile shows from the
   * next change on). The session is looked up on every request, so an unknown code is a 404 counted by the limit.
   */
  async function exported(q: ExportQuery, ext: 'geojson' | 'csv'): Promise<CachedAnswer> {
    if (q.session) await sessions.require(q.session);
    const key = ['export', ext, q.layer, q.subarea ?? null, q.session ?? null];
    return reads.cached(key, q.layer === 'help', async () => {
      const disposition = { 'Content-Disposition': `attachment; filename="${fileName(q, ext)}"` };
      if (ext === 'csv') {
        const columns = DICTIONARY_COLUMNS[q.layer].map((col) => col.name);
        const records = (await rows(q)).map((r) => columns.map((name) => csvCell(r[name] ?? null)));
        return new CachedAnswer(await csvInSlices(records, columns), 'text/csv; charset=utf-8', disposition);
      }
      const features = (await rows(q)).map(({ id, lng, lat, ...properties }) => ({
        type: 'Feature' as const,
        id,
        geometry: { type: 'Point' as const, coordinates: [lng, lat] },
        properties: { id, ...properties },
      }));
      // licence and attribution are RFC 7946 "foreign members": allowed, and they travel with the file.
      const head = { type: 'FeatureCollection', licence: LICENCE.id, attribution: LICENCE.attribution };
      return new CachedAnswer(await jsonInSlices(head, 'features', features), GEOJSON, disposition);
    });
  }

  const toCsv = (records: string[][], columns: string[]) =>
    // The BOM makes Excel read UTF-8 (Polish letters) instead of the Windows code page.
    stringify(records, { bom: true, header: true, columns, record_delimiter: 'windows' });
  const activityFile = (subarea: string | undefined, ext: string) =>
    ['mapa-rewitalizacji-wydarzenia', subarea].filter(Boolean).join('-') + `.${ext}`;

  return new Hono()
    .get('/activities.geojson', validate('query', ActivityExportQuery), async (c) => {
      const { subarea } = c.req.valid('query');
      const features = (await activities.all(subarea)).map(activityRow).map(({ id, lng, lat, ...properties }) => ({
        type: 'Feature' as const,
        id,
        geometry: { type: 'Point' as const, coordinates: [lng, lat] },
        properties: { id, ...properties },
      }));
      download(c, activityFile(subarea, 'geojson'));
      c.header('Content-Type', 'application/geo+json; charset=utf-8');
      return c.body(
        JSON.stringify({ type: 'FeatureCollection', licence: LICENCE.id, attribution: LICENCE.attribution, features }),
      );
    })
    .get('/activities.csv', validate('query', ActivityExportQuery), async (c) => {
      const { subarea } = c.req.valid('query');
      const columns = ACTIVITY_COLUMNS.map((col) => col.name);
      const records = (await activities.all(subarea))
        .map(activityRow)
        .map((r) => columns.map((name) => csvCell(r[name] ?? null)));
      download(c, activityFile(subarea, 'csv'));
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(toCsv(records, columns));
    })
    .get('/points.geojson', sessionLookupLimit, validate('query', ExportQuery), async (c) => {
      const q = c.req.valid('query');
      return sendCached(c, await exported(q, 'geojson'));
    })
    .get('/points.csv', sessionLookupLimit, validate('query', ExportQuery), async (c) => {
      const q = c.req.valid('query');
      return sendCached(c, await exported(q, 'csv'));
    })
    .get('/dictionary', (c) =>
      c.json({
        ...dictionary(),
        activities: {
          formats: {
            geojson:
              "GET /api/export/activities.geojson[?subarea=…] — the ambassadors' activities, past and cancelled ones included",
            csv: 'GET /api/export/activities.csv[?subarea=…] — the same rows as CSV (UTF-8 with BOM)',
            icalendar: 'GET /api/calendar.ics, GET /api/calendar/{subarea}.ics — RFC 5545 feeds (Europe/Warsaw)',
          },
          columns: ACTIVITY_COLUMNS,
        },
      }),
    );
}
