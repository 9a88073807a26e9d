import { z } from 'zod';

/**
 * Photos on walk pins. The server re-encodes every upload (sharp), so what it stores and serves is
 * always a JPEG no larger than PHOTO.maxEdge on its longer side and without any metadata (EXIF, GPS, XMP, ICC).
 */
export const PHOTO = {
  /** Upload cap; bigger bodies get 413. Phone cameras write 2–6 MB JPEGs; 8 MB leaves room for PNG screenshots. */
  maxBytes: 8 * 1024 * 1024,
  /** Longer side after downsizing: sharp on a projector, small enough for a phone on mobile data. */
  maxEdge: 1600,
  /**
   * What the server accepts. HEIC is not listed: the prebuilt sharp/libvips here decodes HEIF only with AV1
   * (AVIF), not HEVC, so iPhone HEIC files get 415; iOS converts HEIC to JPEG itself when the file picker's
   * `accept` does not list HEIC, which is why the client asks for exactly these types.
   */
  types: ['image/jpeg', 'image/png', 'image/webp'] as const,
} as const;

/** What the point carries about its photo (the bytes are served by GET /api/points/:id/photo). */
export const PhotoMeta = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Changes with every upload: part of the photo URL so caches never show the previous picture. */
  version: z.string().min(1).max(64),
});
export type PhotoMeta = z.infer<typeof PhotoMeta>;

/** PUT /api/points/:id/photo answer. */
export const PhotoStored = z.object({ id: z.string(), photo: PhotoMeta });
export type PhotoStored = z.infer<typeof PhotoStored>;

export const photoUrl = (id: string, photo: Pick<PhotoMeta, 'version'>) =>
  `/api/points/${encodeURIComponent(id)}/photo?v=${encodeURIComponent(photo.version)}`;
