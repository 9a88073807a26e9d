import { Hono } from 'hono';
import { z } from 'zod';
import type { SiteData } from '../site-data.ts';
import { docsPage } from './openapi-page.ts';
import { body, errors, ok, pathParam, queryParams, schema } from './openapi-parts.ts';
import {
  ErrorBody,
  makePointSchemas,
  PointChanges,
  PointChangesQuery,
  PointCollection,
  PointCreated,
  PointFeature,
  PointRecord,
  PointsQuery,
  VoteResult,
} from '../../common/points.ts';
import { SubareaCollection } from '../../common/subareas.ts';
import { makeNearestHelpQuery, NEAREST_DEFAULT, NEAREST_MAX } from '../../common/nearest-help.ts';
import { ContactRequestCreate, ContactRequestCreated, HelperRequests } from '../../common/contact-requests.ts';
import { Categories } from '../../common/categories.ts';
import { PlaceCollection } from '../../common/places.ts';
import { PublicSession } from '../../common/sessions.ts';
import { Stats, StatsQuery, WalkStats } from '../../common/stats.ts';
import { ExportQuery } from '../../common/export.ts';
import { PrivacyAnswer } from '../../common/privacy-notice.ts';
import { AboutFile } from '../../common/about.ts';
import { GeocodeAnswer, GeocodeQuery, ReverseAnswer, ReverseQuery } from '../../common/geocode.ts';
import { Activity, ActivityInput, ActivityList, ActivityPatch, ActivityQuery } from '../../common/activities.ts';

/** The public API as OpenAPI 3.1, built once from the same zod schemas the server validates with. */
export function openApiDocument(site: SiteData) {
  const points = makePointSchemas(site.categories);
  const id = pathParam('id', 'point id');
  const code = pathParam('code', 'walk session join code (6 characters)');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mapa Rewitalizacji — public API',
      version: '1',
      description:
        "Kraków's revitalization subareas and the residents' maps built on them. Every error body is JSON " +
        '`{ error, issues?: [{ path, message }] }`. Writes need `Content-Type: application/json`; unknown fields are ' +
        'rejected. Moderator endpoints (/api/auth, /api/moderation, creating and managing /api/sessions) use an ' +
        'HttpOnly session cookie and are not part of this public description; writing activities (same cookie) is. ' +
        "Anything done with that cookie must come from this site's own pages (`Origin` / `Sec-Fetch-Site`) with a JSON body.",
      license: { name: 'Contributions: CC BY 4.0 (see /api/export/dictionary)', identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/health': {
        get: {
          summary: 'The database answers and can be written (a write probe, so a full disk or read-only storage shows)',
          responses: {
            200: { description: '`{ ok: true }`' },
            503: { description: '`{ ok: false, error }`: storage cannot be read or written' },
          },
        },
      },
      '/api/subareas': {
        get: {
          summary: 'The three revitalization subareas with their ambassadors and live counts',
          responses: { 200: ok('FeatureCollection', 'SubareaCollection') },
        },
      },
      '/api/categories': {
        get: {
          summary: 'Walk themes and help kinds (editable data; ids are what points carry)',
          responses: { 200: ok('categories', 'Categories') },
        },
      },
      '/api/places': {
        get: {
          summary: 'Small gazetteer of landmarks for placing a pin by name',
          responses: { 200: ok('FeatureCollection', 'PlaceCollection') },
        },
      },
      '/api/geocode': {
        get: {
          summary: 'Kraków addresses, streets and landmarks matching what was typed; the three subareas first',
          parameters: queryParams(GeocodeQuery),
          responses: { 200: ok('results', 'GeocodeAnswer'), ...errors(400, 429) },
        },
      },
      '/api/geocode/reverse': {
        get: {
          summary: 'The address within 50 m of a position, or its street within 150 m',
          parameters: queryParams(ReverseQuery),
          responses: { 200: ok('address', 'ReverseAnswer'), ...errors(400, 429) },
        },
      },
      '/api/points/changes': {
        get: {
          summary: 'What changed on the public map after a version',
          description:
            'One entry per point changed after `since` (a `version` from GET /api/points or an event), in its current state: with `feature` when on the map, without when it left it. `reset: true`: too far behind, load the lists again.',
          parameters: queryParams(PointChangesQuery),
          responses: { 200: ok('Changes', 'PointChanges'), ...errors(400) },
        },
      },
      '/api/points/nearest': {
        get: {
          summary: 'Help offers nearest a place, nearest first, of any of the chosen kinds',
          description:
            'For "find help" on a help map too big to be listed whole. Only offers the public list shows (stale ones are left out), at most 50 km away, measured to the published position: a private person only as their ~150 m cell. `limit` 1–' +
            NEAREST_MAX +
            ', default ' +
            NEAREST_DEFAULT +
            '.',
          parameters: queryParams(makeNearestHelpQuery(site.categories)),
          responses: { 200: ok('GeoJSON FeatureCollection', 'PointCollection'), ...errors(400, 429) },
        },
      },
      '/api/points': {
        get: {
          summary: 'Published points of one layer, public fields only',
          description:
            "`version` is the public data's version the list was read at. Answers carry a strong `ETag` per encoding; send it back in `If-None-Match` for `304 Not Modified`.",
          parameters: queryParams(PointsQuery),
          responses: {
            200: ok('GeoJSON FeatureCollection', 'PointCollection'),
            304: { description: 'Not Modified' },
            ...errors(400),
          },
        },
        post: {
          summary: 'Contribute a walk pin or a help offer (no account)',
          description:
            'Pending until a moderator approves it — or published at once when `session` names a walk session that publishes immediately. Send `Idempotency-Key` to make retries safe. The `editToken` is returned only here.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', minLength: 16, maxLength: 200 },
            },
          ],
          requestBody: { required: true, ...body('PointCreate') },
          responses: { 201: ok('created', 'PointCreated'), ...errors(400, 413, 415, 422, 429) },
        },
      },
      '/api/points/{id}': {
        parameters: [id],
        get: {
          summary:
            "One published point; with `Authorization: Bearer <editToken>` the author's full point in any status",
          responses: { 200: ok('the point', 'PointFeature'), ...errors(401, 403, 404) },
        },
        patch: {
          summary: 'The author edits (text changes go back to review)',
          security: [{ editToken: [] }],
          requestBody: { required: true, ...body('PointPatch') },
          responses: { 200: ok('the full point', 'PointRecord'), ...errors(400, 401, 403, 404, 409) },
        },
        delete: {
          summary: 'The author removes it',
          security: [{ editToken: [] }],
          responses: { 200: { description: '`{ id, status: "removed" }`' }, ...errors(401, 403, 404) },
        },
      },
      '/api/points/{id}/votes': {
        parameters: [id],
        post: {
          summary: '"Me too" on a walk pin, one per device (`X-Device-Id`)',
          parameters: [
            {
              name: 'X-Device-Id',
              in: 'header',
              required: true,
              schema: { type: 'string', minLength: 16, maxLength: 128 },
            },
          ],
          responses: { 200: ok('vote count', 'VoteResult'), ...errors(400, 404, 429) },
        },
      },
      '/api/points/{id}/contact-requests': {
        parameters: [id],
        post: {
          summary:
            '"Poproś o kontakt": ask the subarea\'s ambassador to connect you with the helper of a private offer',
          description:
            'For published, not paused help offers of private persons and of organisations that publish no contact. ' +
            "The ambassador sees the request (and the helper's non-public contact) after logging in; the answer echoes nothing " +
            'you typed. `homepage` must stay empty and `fillMs` (time spent on the form) be at least 3000: a spam guard. ' +
            'Rate limited per address. Error messages are in Polish.',
          requestBody: { required: true, ...body('ContactRequestCreate') },
          responses: {
            201: ok('stored; the ambassador will get in touch', 'ContactRequestCreated'),
            ...errors(400, 404, 409, 413, 415, 429),
          },
        },
        get: {
          summary: 'The helper (edit token) sees the requests to their offer: date and status only',
          security: [{ editToken: [] }],
          responses: { 200: ok('requests', 'HelperRequests'), ...errors(401, 403, 404) },
        },
      },
      '/api/points/{id}/photo': {
        parameters: [id],
        get: {
          summary: 'The photo of a published walk pin (JPEG, metadata removed)',
          responses: { 200: { description: 'image/jpeg', content: { 'image/jpeg': {} } }, ...errors(404) },
        },
      },
      '/api/events': {
        get: {
          summary: 'Server-Sent Events: `published`, `updated`, `removed`; data is `{ id, layer, feature? }`',
          responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': {} } } },
        },
      },
      '/api/sessions/{code}': {
        parameters: [code],
        get: {
          summary:
            'A walk session as its join page shows it; unknown codes are counted per address (429 past the limit)',
          responses: { 200: ok('the session', 'PublicSession'), ...errors(400, 404, 429) },
        },
      },
      '/api/sessions/{code}/summary': {
        parameters: [code],
        get: {
          summary: "A walk session's published pins with keep/change counts by theme",
          responses: { 200: ok('summary', 'SessionSummary'), ...errors(400, 404, 429) },
        },
      },
      '/api/stats': {
        get: {
          summary: 'Per subarea: keep/change by theme, help offers by kind (published points)',
          parameters: queryParams(StatsQuery),
          responses: { 200: ok('figures', 'Stats'), ...errors(400) },
        },
      },
      '/api/export/points.geojson': {
        get: {
          summary: 'Open data: RFC 7946 GeoJSON, columns as in the data dictionary',
          parameters: queryParams(ExportQuery),
          responses: {
            200: { description: 'application/geo+json', content: { 'application/geo+json': {} } },
            ...errors(400, 404, 429),
          },
        },
      },
      '/api/export/points.csv': {
        get: {
          summary: 'Open data: CSV, UTF-8 with BOM, one header row',
          parameters: queryParams(ExportQuery),
          responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } }, ...errors(400, 404, 429) },
        },
      },
      '/api/export/dictionary': {
        get: {
          summary: 'Data dictionary, licence and privacy rules of the exports',
          responses: { 200: { description: 'JSON' } },
        },
      },
      '/api/privacy': {
        get: {
          summary:
            'The privacy notice (RODO art. 13) with the retention periods this deployment applies; `{ "todo": … }` marks a fact not filled in yet',
          responses: { 200: ok('notice', 'PrivacyAnswer') },
        },
      },
      '/api/about': {
        get: {
          summary: "The programme behind the map and links to the city's pages",
          responses: { 200: ok('about', 'About') },
        },
      },
      '/api/activities': {
        get: {
          summary: "The ambassadors' dated activities (times in Kraków, Europe/Warsaw)",
          description:
            'Those still going on at `from` (default: now) and starting before `to`; a date alone means its midnight in Kraków. Cancelled activities stay listed with their reason.',
          parameters: queryParams(ActivityQuery),
          responses: { 200: ok('activities by start', 'ActivityList'), ...errors(400) },
        },
        post: {
          summary: "The subarea's ambassador (or an admin) adds an activity; published at once and audited",
          description:
            'Needs a signed-in session (HttpOnly cookie). An end before its start is refused, as is a cancellation without a reason.',
          requestBody: { required: true, ...body('ActivityInput') },
          responses: { 201: ok('created', 'Activity'), ...errors(400, 401, 403, 413, 415) },
        },
      },
      '/api/activities/{id}': {
        parameters: [pathParam('id', 'activity id')],
        get: { summary: 'One activity', responses: { 200: ok('the activity', 'Activity'), ...errors(400, 404) } },
        patch: {
          summary: 'Change an activity (its own subarea only); null removes an optional text',
          requestBody: { required: true, ...body('ActivityPatch') },
          responses: { 200: ok('the activity', 'Activity'), ...errors(400, 401, 403, 404) },
        },
        delete: {
          summary: 'Remove an activity (its own subarea only)',
          responses: { 200: { description: '`{ ok: true }`' }, ...errors(401, 403, 404) },
        },
      },
      '/api/activities/{id}/calendar.ics': {
        parameters: [pathParam('id', 'activity id')],
        get: {
          summary: 'One activity as an iCalendar file ("Dodaj do kalendarza")',
          responses: { 200: { description: 'text/calendar', content: { 'text/calendar': {} } }, ...errors(404) },
        },
      },
      '/api/calendar.ics': {
        get: {
          summary:
            'Subscribable RFC 5545 feed of every activity (VTIMEZONE Europe/Warsaw, stable UIDs, STATUS:CANCELLED)',
          responses: { 200: { description: 'text/calendar', content: { 'text/calendar': {} } } },
        },
      },
      '/api/calendar/{subarea}.ics': {
        parameters: [pathParam('subarea', 'subarea id')],
        get: {
          summary: "One subarea's activities as a subscribable feed",
          responses: { 200: { description: 'text/calendar', content: { 'text/calendar': {} } }, ...errors(400) },
        },
      },
      '/api/export/activities.geojson': {
        get: {
          summary: 'Open data: every activity, past and cancelled ones included, as GeoJSON',
          responses: {
            200: { description: 'application/geo+json', content: { 'application/geo+json': {} } },
            ...errors(400),
          },
        },
      },
      '/api/export/activities.csv': {
        get: {
          summary: 'Open data: every activity as CSV (UTF-8 with BOM)',
          responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } }, ...errors(400) },
        },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      securitySchemes: {
        editToken: { type: 'http', scheme: 'bearer', description: 'the editToken returned once by POST /api/points' },
      },
      schemas: {
        Error: schema(ErrorBody),
        PointCreate: schema(points.PointCreate, 'input'),
        PointPatch: schema(points.PointPatch, 'input'),
        PointCreated: schema(PointCreated),
        PointFeature: schema(PointFeature),
        PointCollection: schema(PointCollection),
        PointChanges: schema(PointChanges),
        PointRecord: schema(PointRecord),
        VoteResult: schema(VoteResult),
        ContactRequestCreate: schema(ContactRequestCreate, 'input'),
        ContactRequestCreated: schema(ContactRequestCreated),
        HelperRequests: schema(HelperRequests),
        SubareaCollection: schema(SubareaCollection),
        Categories: schema(Categories),
        PlaceCollection: schema(PlaceCollection),
        PublicSession: schema(PublicSession),
        SessionSummary: schema(z.object({ session: PublicSession, walk: WalkStats, points: PointCollection })),
        Stats: schema(Stats),
        PrivacyAnswer: schema(PrivacyAnswer),
        About: schema(AboutFile),
        GeocodeAnswer: schema(GeocodeAnswer),
        ReverseAnswer: schema(ReverseAnswer),
        Activity: schema(Activity),
        ActivityList: schema(ActivityList),
        ActivityInput: schema(ActivityInput, 'input'),
        ActivityPatch: schema(ActivityPatch, 'input'),
      },
    },
  };
}

export function openApiRoutes(site: SiteData) {
  const doc = openApiDocument(site);
  const page = docsPage(doc);
  return new Hono().get('/openapi.json', (c) => c.json(doc)).get('/docs', (c) => c.html(page));
}
