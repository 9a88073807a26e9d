import sharp from 'sharp';
import { ApiError } from './http-error.ts';
import { PHOTO } from '../common/photos.ts';

// Decoded pixels, not bytes, are what costs memory: a tiny PNG can claim 50 000 × 50 000 pixels.
const MAX_INPUT_PIXELS = 50_000_000;
/** sharp's names for the formats in PHOTO.types (sniffed from the bytes, never trusted from Content-Type). */
const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

export interface CleanPhoto {
  bytes: Buffer;
  mime: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * Re-encodes an upload into a metadata-free JPEG at most PHOTO.maxEdge px on its longer side.
 * sharp writes no metadata unless asked (no withMetadata/keepExif here), so EXIF, GPS, XMP, IPTC and ICC are all
 * dropped; rotate() first applies the EXIF orientation, so the picture still stands the right way up without it.
 * Unreadable or unsupported bytes are the sender's fault: 415 with a message naming what is accepted.
 */
export async function cleanPhoto(input: Uint8Array): Promise<CleanPhoto> {
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw unsupported('the file is not an image we can read');
  }
  if (!format || !ACCEPTED.has(format)) {
    throw unsupported(
      format === 'heif' ? 'HEIC/HEIF photos cannot be read here — send a JPEG' : `format "${format ?? 'unknown'}"`,
    );
  }
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO.maxEdge, height: PHOTO.maxEdge, fit: 'inside', withoutEnlargement: true })
      // PNG screenshots may be transparent; JPEG has no alpha, so flatten onto white rather than black.
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: 'image/jpeg', width: info.width, height: info.height };
  } catch (e) {
    throw unsupported(`the image is damaged (${(e as Error).message})`);
  }
}

const unsupported = (why: string) =>
  new ApiError(
    415,
    `photo not accepted: ${why}. Send a JPEG, PNG or WebP image of at most ${PHOTO.maxBytes / 1024 / 1024} MB.`,
    [{ path: 'photo', message: why }],
  );
