import { z } from 'zod';
import {
  Activity,
  ActivityList,
  type ActivityInput,
  type ActivityPatch,
  type ActivityQuery,
} from '../../common/activities.ts';
import type { SubareaId } from '../../common/subareas.ts';
import { getJson, request } from './http.ts';

const send = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const one = (id: string) => `/api/activities/${encodeURIComponent(id)}`;

export function fetchActivities(query: z.input<typeof ActivityQuery> = {}) {
  const params = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const qs = params.toString();
  return getJson(ActivityList, `/api/activities${qs ? `?${qs}` : ''}`);
}
export const createActivity = (input: ActivityInput) => request(Activity, '/api/activities', send('POST', input));
export const patchActivity = (id: string, patch: ActivityPatch) => request(Activity, one(id), send('PATCH', patch));
export const deleteActivity = (id: string) => request(z.object({ ok: z.literal(true) }), one(id), send('DELETE'));

/** "Dodaj do kalendarza": one activity as an .ics file the browser downloads. */
export const activityIcsUrl = (id: string) => `${one(id)}/calendar.ics`;
/** The subscribable feed: one subarea's activities, or everyone's. Absolute, since it is pasted into calendar apps. */
export const feedUrl = (origin: string, subarea: SubareaId | null) =>
  `${origin}/api/calendar${subarea ? `/${subarea}` : ''}.ics`;
