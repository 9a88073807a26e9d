import { z } from 'zod';
import {
  PointChanges,
  PointCollection,
  PointCreated,
  PointRecord,
  VoteResult,
  type Layer,
  type PointCreateInput,
  type PointPatchInput,
} from '../../common/points.ts';
import type { SubareaId } from '../../common/subareas.ts';
import { getJson, request } from './http.ts';

const json = (body: unknown): RequestInit => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function fetchPoints(layer: Layer, subarea?: SubareaId) {
  const q = new URLSearchParams({ layer });
  if (subarea) q.set('subarea', subarea);
  return getJson(PointCollection, `/api/points?${q}`);
}

/** What changed on the public map after `since` (the version of the lists or events seen last). */
export const fetchChanges = (since: number) => getJson(PointChanges, `/api/points/changes?since=${since}`);

/**
 * Idempotency-Key: a retry after a lost answer (or the offline outbox sending again) stores one point,
 * not two, and gets the same edit token back.
 */
export function createPoint(body: PointCreateInput, idempotencyKey: string) {
  const init = json(body);
  return request(PointCreated, '/api/points', {
    ...init,
    method: 'POST',
    headers: { ...init.headers, 'Idempotency-Key': idempotencyKey },
  });
}

export const fetchOwnPoint = (id: string, token: string, signal?: AbortSignal) =>
  request(PointRecord, `/api/points/${encodeURIComponent(id)}`, { headers: bearer(token), signal });

export function patchOwnPoint(id: string, token: string, patch: PointPatchInput) {
  const init = json(patch);
  return request(PointRecord, `/api/points/${encodeURIComponent(id)}`, {
    ...init,
    method: 'PATCH',
    headers: { ...init.headers, ...bearer(token) },
  });
}

export const deleteOwnPoint = (id: string, token: string) =>
  request(z.object({ id: z.string(), status: z.string() }), `/api/points/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: bearer(token),
  });

export const votePoint = (id: string, deviceId: string) =>
  request(VoteResult, `/api/points/${encodeURIComponent(id)}/votes`, {
    method: 'POST',
    headers: { 'X-Device-Id': deviceId },
  });
