import { z } from 'zod';
import { Me, ModerationQueue, PointHistory } from '../../common/moderation.ts';
import { PointRecord, type ModeratorPatchInput } from '../../common/points.ts';
import { getJson, request } from './http.ts';

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const point = (id: string) => `/api/moderation/points/${encodeURIComponent(id)}`;

export const fetchMe = (signal?: AbortSignal) => getJson(Me, '/api/auth/me', signal);
export const login = (login: string, password: string) => request(Me, '/api/auth/login', post({ login, password }));
export const logout = () => request(z.object({ ok: z.literal(true) }), '/api/auth/logout', post());
export const fetchQueue = () => getJson(ModerationQueue, '/api/moderation/queue');
export const approve = (id: string) => request(PointRecord, `${point(id)}/approve`, post());
export const reject = (id: string, reason: string) => request(PointRecord, `${point(id)}/reject`, post({ reason }));
export const removePoint = (id: string, reason: string) =>
  request(z.object({ id: z.string(), status: z.literal('removed') }), `${point(id)}/remove`, post({ reason }));
export const fetchHistory = (id: string, signal?: AbortSignal) => getJson(PointHistory, `${point(id)}/history`, signal);
/** A walk pin or an organisation's offer to where it belongs (the server refuses a private person's offer). */
export const movePoint = (id: string, lng: number, lat: number) =>
  request(PointRecord, `${point(id)}/move`, post({ lng, lat }));
export const editPoint = (id: string, patch: ModeratorPatchInput) =>
  request(PointRecord, point(id), { ...post(patch), method: 'PATCH' });

/** Published help offers nobody confirmed for HELP_HIDE_DAYS: off the public map, listed for follow-up. */
export const StaleHelp = z.object({
  limits: z.object({ fadeDays: z.number(), hideDays: z.number() }),
  points: z.array(PointRecord),
});
export const fetchStaleHelp = (signal?: AbortSignal) => getJson(StaleHelp, '/api/moderation/help/stale', signal);
