import { Hono } from 'hono';
import { z } from 'zod';
import { SubareaId } from '../../common/subareas.ts';
import type { Activities } from '../activities.ts';
import type { SiteData } from '../site-data.ts';
import { toICalendar, type CalendarOptions } from '../ical.ts';
import { validate } from '../middleware/validate.ts';

/** text/calendar with a file name; `download` makes browsers save it (a single event) rather than show it. */
export function icsResponse(body: string, filename: string, download = false): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${filename}"`,
      // Calendar apps poll; a cancellation must not wait behind a cache.
      'Cache-Control': 'no-cache',
    },
  });
}

/**
 * Names and links every calendar shares. Links open the map on the activity at PUBLIC_URL; without it there is no
 * link (an address taken from the request's Host header is the sender's choice, and calendar links must be absolute).
 */
export function calendarOptions(site: SiteData, publicUrl: string | null): CalendarOptions {
  const organisers = new Map(site.subareas.map((s) => [s.id, s.ambassador.organisation]));
  return {
    name: 'Wydarzenia ambasadorów rewitalizacji — Kraków',
    organiserOf: (a) => organisers.get(a.subarea) ?? '',
    linkOf: (a) => (publicUrl ? `${publicUrl}/?subarea=${a.subarea}&activity=${a.id}` : null),
  };
}

const FeedParam = z.strictObject({
  file: z
    .string()
    .regex(/^[a-z-]+\.ics$/)
    .transform((f) => f.slice(0, -4))
    .pipe(SubareaId),
});

/** GET /api/calendar.ics and /api/calendar/<subarea id>.ics: subscribable feeds of every activity, past ones too. */
export function calendarRoutes(activities: Activities, site: SiteData, options: CalendarOptions) {
  return new Hono()
    .get('/calendar.ics', async () => icsResponse(toICalendar(await activities.all(), options), 'wydarzenia.ics'))
    .get('/calendar/:file{[a-z-]+\\.ics}', validate('param', FeedParam), async (c) => {
      const subarea = c.req.valid('param').file;
      const name = site.subareas.find((s) => s.id === subarea)!.name;
      return icsResponse(
        toICalendar(await activities.all(subarea), { ...options, name: `${options.name}: ${name}` }),
        `wydarzenia-${subarea}.ics`,
      );
    });
}
