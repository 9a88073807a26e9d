import { PhotoStored } from '../../common/photos.ts';
import { z } from 'zod';
import { request } from './http.ts';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const path = (id: string) => `/api/points/${encodeURIComponent(id)}/photo`;

/** PUT the file itself as the body; the server re-encodes it and strips its metadata. */
export const uploadPhoto = (id: string, token: string, file: Blob) =>
  request(PhotoStored, path(id), {
    method: 'PUT',
    headers: { ...bearer(token), 'Content-Type': file.type },
    body: file,
  });

export const deletePhoto = (id: string, token: string) =>
  request(z.object({ id: z.string(), photo: z.null() }), path(id), { method: 'DELETE', headers: bearer(token) });

/** The author's view of a not-yet-published photo needs the token, so it is fetched as a blob URL. */
export async function ownPhotoUrl(id: string, token: string, signal?: AbortSignal): Promise<string | null> {
  const res = await fetch(path(id), { headers: bearer(token), signal });
  return res.ok ? URL.createObjectURL(await res.blob()) : null;
}
