import { z } from 'zod';
import { ModerationQueue } from '../../common/moderation.ts';
import { PointCollection } from '../../common/points.ts';
import {
  PublicSession,
  SessionList,
  WalkSession,
  type SessionCreateInput,
  type SessionPatch,
} from '../../common/sessions.ts';
import { Stats, WalkStats } from '../../common/stats.ts';
import { getJson, request } from './http.ts';

/** Walk sessions, statistics and exports. */
const send = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const at = (code: string) => `/api/sessions/${encodeURIComponent(code)}`;

export const SessionSummary = z.object({ session: PublicSession, walk: WalkStats, points: PointCollection });
export type SessionSummary = z.infer<typeof SessionSummary>;

export const fetchSession = (code: string, signal?: AbortSignal) => getJson(PublicSession, at(code), signal);
export const fetchSessions = () => getJson(SessionList, '/api/sessions');
export const createSession = (body: SessionCreateInput) => request(WalkSession, '/api/sessions', send('POST', body));
export const patchSession = (code: string, patch: SessionPatch) => request(WalkSession, at(code), send('PATCH', patch));
export const fetchSessionPending = (code: string) => getJson(ModerationQueue, `${at(code)}/pending`);
export const fetchSessionSummary = (code: string) => getJson(SessionSummary, `${at(code)}/summary`);
export const fetchStats = (signal?: AbortSignal) => getJson(Stats, '/api/stats', signal);

/** Download links (plain <a href>, the browser saves the file). */
export function exportUrl(
  format: 'geojson' | 'csv',
  q: { layer: 'walk' | 'help'; subarea?: string; session?: string },
): string {
  const params = new URLSearchParams({ layer: q.layer });
  if (q.subarea) params.set('subarea', q.subarea);
  if (q.session) params.set('session', q.session);
  return `/api/export/points.${format}?${params}`;
}
